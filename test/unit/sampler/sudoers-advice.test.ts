import { describe, expect, it } from "vitest";
import {
  parseReadsHint,
  privilegeAdvice,
  quietReadsSudoers,
  readsSudoersLine,
  rootShellSudoersLine,
  sudoersCommand,
} from "../../../core/sampler/sudoers-advice.ts";

const READS = ["/usr/sbin/ipvsadm -Ln --exact", "/usr/sbin/ipvsadm -Ln --stats --exact"];

describe("sudoers advice", () => {
  it("offers the root shell for exactly /bin/sh", () => {
    expect(rootShellSudoersLine("fulcrum")).toBe("fulcrum ALL=(root) NOPASSWD: /bin/sh");
  });

  it("grants exactly the reads on one line, and reads that line back", () => {
    const line = readsSudoersLine("fulcrum", READS);
    expect(line).toBe(
      "fulcrum ALL=(root) NOPASSWD: /usr/sbin/ipvsadm -Ln --exact, /usr/sbin/ipvsadm -Ln --stats --exact",
    );
    expect(parseReadsHint(line)).toEqual({ user: "fulcrum", commands: READS });
    expect(parseReadsHint("fulcrum ALL=(ALL) ALL")).toBeUndefined();
  });

  it("has a quiet form: an alias of the login's own, the grant, and logging off for those commands only", () => {
    expect(quietReadsSudoers("lb-admin.2", READS)).toEqual([
      "Cmnd_Alias FULCRUM_READS_LB_ADMIN_2 = /usr/sbin/ipvsadm -Ln --exact, /usr/sbin/ipvsadm -Ln --stats --exact",
      "lb-admin.2 ALL=(root) NOPASSWD: FULCRUM_READS_LB_ADMIN_2",
      "Defaults!FULCRUM_READS_LB_ADMIN_2 !log_allowed, !pam_session",
    ]);
  });

  it("advises nothing when the capability frame names no missing read", () => {
    expect(privilegeAdvice(new Map([["root", "1"]]))).toEqual([]);
  });

  it("advises the exact grant, its quiet form and the root-shell alternative", () => {
    const advice = privilegeAdvice(new Map([["sudoers-hint", readsSudoersLine("lb", READS)]]));
    expect(advice[0]).toBe(`missing privilege: lb may not run as root: ${READS.join(", ")}`);
    expect(advice).toContain(`  ${readsSudoersLine("lb", READS)}`);
    for (const line of quietReadsSudoers("lb", READS)) expect(advice).toContain(`  ${line}`);
    expect(advice).toContain(
      "or, root-equivalent but one sudo log line per session: lb ALL=(root) NOPASSWD: /bin/sh",
    );
  });
});

describe("sudoersCommand", () => {
  it("escapes what sudoers reads as syntax, as the loop does on the host", () => {
    expect(sudoersCommand("/usr/bin/socat", ["-t", "5", "stdio", "UNIX-CONNECT:/run/haproxy/admin.sock"])).toBe(
      "/usr/bin/socat -t 5 stdio UNIX-CONNECT\\:/run/haproxy/admin.sock",
    );
    expect(sudoersCommand("/usr/bin/dd", ["of=/etc/keepalived/maint", "status=none"])).toBe(
      "/usr/bin/dd of\\=/etc/keepalived/maint status\\=none",
    );
    expect(sudoersCommand("/x", ["a,b", "(c)", "!d", "e*?[f]", "g\\h"])).toBe(
      "/x a\\,b \\(c\\) \\!d e\\*\\?\\[f\\] g\\\\h",
    );
    expect(() => sudoersCommand("socat")).toThrow(RangeError);
  });

  it("keeps an escaped comma inside its command when a hint is read back", () => {
    const commands = [sudoersCommand("/usr/bin/cat", ["/srv/a,b/keepalived.data"]), "/usr/sbin/ipvsadm -Ln --exact"];
    expect(parseReadsHint(readsSudoersLine("lb", commands))?.commands).toEqual(commands);
  });
});
