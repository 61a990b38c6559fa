// README "Privileges" shows sudoers lines an operator will paste: they must be what Fulcrum itself
// offers (sudoers-advice.ts) and valid sudoers (visudo -c).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  CHANGE_GRANTS,
  parseReadsHint,
  quietReadsSudoers,
  readsSudoersLine,
  rootShellSudoersLine,
} from "../../../core/sampler/sudoers-advice.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";

const README = readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");
const privileges = README.slice(README.indexOf("## Privileges"), README.indexOf("\n## ", README.indexOf("## Privileges") + 1));
const blocks = [...privileges.matchAll(/```\n([\s\S]*?)```/g)].map((match) => (match[1] ?? "").trimEnd().split("\n"));
const dir = mkdtempSync(path.join(tmpdir(), "fulcrum-readme-sudoers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("README's sudoers lines", () => {
  it("are Fulcrum's own: the read grant, its quiet form and the change lines", () => {
    expect(blocks).toHaveLength(3);
    const [reads, quiet, changes] = blocks as [string[], string[], string[]];
    const hint = parseReadsHint(reads[0] ?? "");
    expect(reads).toHaveLength(1);
    expect(hint?.user).toBe("fulcrum");
    expect(hint?.commands).toEqual([
      "/usr/sbin/ipvsadm -Ln --exact",
      "/usr/sbin/ipvsadm -Ln --stats --exact",
      "/usr/bin/pkill -10 -x -F /run/keepalived.pid keepalived",
      "/usr/bin/cat /tmp/keepalived.data",
    ]);
    expect(reads[0]).toBe(readsSudoersLine("fulcrum", hint?.commands ?? []));
    expect(quiet).toEqual(quietReadsSudoers("fulcrum", hint?.commands ?? []));
    expect(changes).toEqual([
      readsSudoersLine("fulcrum", CHANGE_GRANTS.ipvs()),
      readsSudoersLine("fulcrum", CHANGE_GRANTS.haproxy("/run/haproxy/admin.sock")),
      readsSudoersLine("fulcrum", CHANGE_GRANTS.trackFile("/etc/keepalived/maint")),
    ]);
    expect(privileges).toContain(`\`${rootShellSudoersLine("fulcrum")}\``);
  });

  it.skipIf(missingPrerequisites(executable("/usr/sbin/visudo", "sudo")))("pass visudo -c", () => {
    for (const [index, block] of blocks.entries()) {
      const file = path.join(dir, `block-${index}`);
      writeFileSync(file, `${block.join("\n")}\n`);
      const result = spawnSync("/usr/sbin/visudo", ["-cf", file], { encoding: "utf8" });
      expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
        status: 0,
        output: `${file}: parsed OK\n`,
      });
    }
  });
});
