/**
 * The sudoers-hint is written on the host (privilege.sh's sudoers_command) and read and offered in
 * TypeScript (sudoers-advice.ts's sudoersCommand): both must escape a command the same way, under
 * dash, bash and busybox ash.
 */
import { describe, expect, it } from "vitest";
import { hostScript } from "../../../core/shell/host-script.ts";
import { sudoersCommand } from "../../../core/sampler/sudoers-advice.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { localExecutor, SHELLS } from "./local-executor.ts";

const skip = missingPrerequisites(
  executable("/bin/dash", "dash"),
  executable("/usr/bin/busybox", "busybox-static"),
);
const PROGRAM = `${hostScript("core/shell/tools.sh", "core/shell/privilege.sh")}sudoers_command "$@"\nprintf '%s' "$SUDOERS_COMMAND"\n`;
const COMMANDS: [string, string[]][] = [
  ["/usr/sbin/ipvsadm", ["-Ln", "--exact"]],
  ["/usr/bin/socat", ["-t", "5", "stdio", "UNIX-CONNECT:/run/haproxy/admin.sock"]],
  ["/usr/bin/dd", ["of=/etc/keepalived/maint", "status=none"]],
  ["/srv/odd,dir/bin/x", ["a=b", "(c)", "!d", "e*?[f]", "g\\h", "-F", "/run/k:1.pid"]],
];

describe.skipIf(skip).each(SHELLS)("sudoers_command under %s", (_name, shell) => {
  it.each(COMMANDS)("writes %s as sudoersCommand does", async (program, args) => {
    const result = await localExecutor(shell, "/usr/bin:/bin").run(["sh", "-c", PROGRAM, "test", program, ...args]);
    expect(result).toEqual({ stdout: sudoersCommand(program, args), stderr: "", code: 0 });
  });
});
