// shellcheck (Debian package `shellcheck`) over every .sh file under core/ and over every program
// as Fulcrum assembles and sends it, as POSIX sh: the hosts run dash, bash or busybox ash.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { hostScriptFiles, ROOT } from "../../../tools/generate-host-scripts.ts";
import { sentPrograms } from "./sent-programs.ts";

const SHELLCHECK = "/usr/bin/shellcheck";
const skip = missingPrerequisites(executable(SHELLCHECK, "shellcheck"));

function shellcheck(args: string[], input?: string): { status: number | null; output: string } {
  const result = spawnSync(SHELLCHECK, ["--shell=sh", "--format=gcc", ...args], {
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.skipIf(skip)("shellcheck", () => {
  const files = hostScriptFiles();

  it("finds the shell files", () => {
    expect(files).toContain("core/sampler/sampler-loop.sh");
  });

  it.each(files)("passes %s", (file) => {
    expect(shellcheck([path.join(ROOT, file)])).toEqual({ status: 0, output: "" });
  });

  it.each(sentPrograms().map((program) => [program.name, program.text]))(
    "passes the program as sent: %s",
    (_name, text) => {
      expect(shellcheck(["-"], text)).toEqual({ status: 0, output: "" });
    },
  );

  it("fails on a real mistake (the check is live)", () => {
    const result = shellcheck(["-"], 'x=$1\nrm -rf $x/*\n');
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/SC2086/);
  });
});
