// Every value that can reach a remote command goes through a validator; anything hostile is refused
// there, and the one quoting function makes any word inert in a real POSIX shell.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shellQuote, toShellCommand } from "../../../core/commands/shell-quote.ts";
import { parseIpvsBackendTarget, parseServiceTarget } from "../../../core/commands/target-spec.ts";
import {
  firewallMark,
  haproxyName,
  haproxyWeight,
  ipAddress,
  ipvsWeight,
  port,
  ValidationError,
} from "../../../core/commands/validated.ts";
import { haproxySocketPath } from "../../../core/commands/haproxy.ts";
import { INJECTION_STRINGS } from "./injection-strings.ts";

const validators: [string, (text: string) => unknown][] = [
  ["parseServiceTarget", parseServiceTarget],
  ["parseIpvsBackendTarget", parseIpvsBackendTarget],
  ["ipAddress", ipAddress],
  ["port", port],
  ["ipvsWeight", ipvsWeight],
  ["haproxyWeight", haproxyWeight],
  ["firewallMark", firewallMark],
  ["haproxyName", haproxyName],
  ["haproxySocketPath", haproxySocketPath],
];

describe("validators refuse injection strings", () => {
  for (const [name, validate] of validators) {
    it.each(INJECTION_STRINGS)(`${name}(%j) throws`, (text) => {
      expect(() => validate(text)).toThrow(ValidationError);
    });
  }
});

const shells = ["/bin/sh", "/bin/bash", "/bin/dash"].filter((shell) => existsSync(shell));

describe("shellQuote makes every word inert in a real shell", () => {
  const words = INJECTION_STRINGS.filter((text) => !text.includes("\0"));
  for (const shell of shells) {
    it(`${shell}: printf receives each hostile word unchanged and nothing runs`, () => {
      const script = toShellCommand(["printf", "%s\\0", ...words]);
      const output = execFileSync(shell, ["-c", script], { encoding: "utf8" });
      expect(output.split("\0").slice(0, -1)).toEqual([...words]);
    });
  }

  it("refuses a NUL byte, which no shell word can carry", () => {
    expect(() => shellQuote("a\0b")).toThrow("a NUL byte cannot be passed to a remote command");
  });

  it("leaves plain words readable for previews", () => {
    expect(toShellCommand(["ipvsadm", "-e", "-t", "192.0.2.1:80", "-w", "0"])).toBe(
      "ipvsadm -e -t 192.0.2.1:80 -w 0",
    );
    expect(toShellCommand(["ipvsadm", "-t", "[2001:db8::1]:80"])).toBe("ipvsadm -t '[2001:db8::1]:80'");
  });
});
