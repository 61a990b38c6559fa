/**
 * Local users for "not root" cases: one without sudo, or one allowed specific commands with
 * `sudo -n`, or given whole sudoers lines (a file in /etc/sudoers.d, checked with visudo and
 * removed afterwards). The password
 * field is set to "*" rather than left locked ("!"), because sshd without PAM refuses locked
 * accounts even for key logins.
 */
import { chmod, rm, writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { registerCleanup } from "./cleanup-registry.ts";
import { runCommand } from "./run-command.ts";

export interface SystemUser {
  name: string;
  sudoersFile?: string;
  dispose(): Promise<void>;
}

export interface SystemUserOptions {
  /** Name; default a random `fulcrumt` + hex. Keep it short (32 chars max). */
  name?: string;
  /** Absolute command paths (with arguments if wanted) the user may run as root via `sudo -n`. */
  sudoCommands?: string[];
  /** Whole sudoers lines for the user (given its name), instead of sudoCommands: Fulcrum's own offers. */
  sudoersLines?: (name: string) => string[];
}

export async function createSystemUser(options: SystemUserOptions = {}): Promise<SystemUser> {
  const name = options.name ?? `fulcrumt${randomBytes(3).toString("hex")}`;
  await runCommand("useradd", ["--no-create-home", "--home-dir", "/nonexistent", "--shell", "/bin/sh", name]);
  const sudoersText = options.sudoersLines
    ? `${options.sudoersLines(name).join("\n")}\n`
    : options.sudoCommands?.length
      ? `${name} ALL=(root) NOPASSWD: ${options.sudoCommands.join(", ")}\n`
      : undefined;
  const sudoersFile = sudoersText ? `/etc/sudoers.d/fulcrum-test-${name}` : undefined;
  const remove = async () => {
    if (sudoersFile)
      await Promise.all([rm(sudoersFile, { force: true }), rm(`${sudoersFile}.tmp`, { force: true })]);
    await runCommand("userdel", [name]).catch(() => undefined);
  };
  const dispose = registerCleanup({
    run: remove,
    runSync() {
      if (sudoersFile) execFileSync("rm", ["-f", sudoersFile, `${sudoersFile}.tmp`]);
      execFileSync("userdel", [name], { stdio: "ignore" });
    },
  });
  try {
    await runCommand("usermod", ["-p", "*", name]);
    if (sudoersFile && sudoersText) {
      await writeFile(`${sudoersFile}.tmp`, sudoersText, { mode: 0o440 });
      await runCommand("visudo", ["-cf", `${sudoersFile}.tmp`]);
      await runCommand("mv", [`${sudoersFile}.tmp`, sudoersFile]);
      await chmod(sudoersFile, 0o440);
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return { name, ...(sudoersFile ? { sudoersFile } : {}), dispose };
}
