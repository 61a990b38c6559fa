/**
 * The one keepalived config reader (keepalived-config-read.ts with keepalived-config-files.sh) run
 * for real under dash, bash and busybox ash, on an include tree of the corpus with a password
 * added: every included file found by the shell's glob (nested, relative to the including file,
 * with a blank in a directory name, brace alternatives in order), and no secret in what the host
 * program printed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readKeepalivedConfigOn } from "../../../core/actions/keepalived-config-read.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { localExecutor, SHELLS } from "./local-executor.ts";

const CORPUS = path.resolve(import.meta.dirname, "../../fixtures/keepalived/corpus");
const SECRET = "sh3llS3cret";

const skip = missingPrerequisites(
  executable("/bin/dash", "dash"),
  executable("/usr/bin/busybox", "busybox-static"),
);

describe.skipIf(skip).each(SHELLS)("the keepalived config reader under %s", (_name, shell) => {
  const root = mkdtempSync(path.join(os.tmpdir(), "fulcrum-kconf-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("follows include globs as keepalived does and sends no secret", async () => {
    cpSync(path.join(CORPUS, "include-glob"), path.join(root, "a"), { recursive: true });
    cpSync(path.join(CORPUS, "include-braces-nested"), path.join(root, "a", "braces"), { recursive: true });
    cpSync(path.join(CORPUS, "include-blanks-and-quotes", "with space"), path.join(root, "a", "with space"), {
      recursive: true,
    });
    const main = path.join(root, "a", "keepalived.conf");
    writeFileSync(
      main,
      `${readFileSync(main, "utf8")}include braces/keepalived.conf\ninclude with space/*.conf\nvrrp_instance AUTH {\n interface eth0\n virtual_router_id 5\n authentication {\n  auth_type PASS\n  auth_pass ${SECRET}\n }\n}\n`,
    );
    const printed: string[] = [];
    const read = await readKeepalivedConfigOn(
      localExecutor(shell, "/usr/bin:/bin:/usr/sbin:/sbin", printed),
      main,
      {
        configId: "lb1",
      },
    );
    if (!read.ok) throw new Error(read.problem);
    const names = read.config.vrrpInstances.map((instance) => instance.name);
    expect(names).toEqual(["WEB", "MAIN", "A", "B", "SPACED", "AUTH"]);
    expect(read.config.vrrpInstances[0]?.virtualIps[0]?.sourceFile).toBe(
      path.join(root, "a/conf.d/vips/web.inc"),
    );
    expect(read.config.vrrpInstances[2]?.trackScripts.map((t) => t.name)).toEqual(["chk"]);
    expect(read.config.redactedSecrets).toBe(1);
    expect(printed.join("").length).toBeGreaterThan(0);
    expect(printed.join("")).not.toContain(SECRET);
    expect(JSON.stringify(read.config)).not.toContain(SECRET);
  });
});
