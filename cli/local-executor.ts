/**
 * A HostExecutor for this machine: argv run directly (no shell in between), stdin written, output
 * collected, bounded by a timeout. Lets a command that reads a host through an executor (the
 * keepalived config reader) read local files the same way, with the same program.
 */
import { spawn } from "node:child_process";
import type { HostExecutor, HostExecutorResult } from "../core/actions/host-executor.ts";

export const localExecutor: HostExecutor = {
  run(argv, options = {}) {
    return new Promise<HostExecutorResult>((resolve, reject) => {
      const [program, ...args] = argv;
      if (program === undefined) {
        reject(new Error("an empty command"));
        return;
      }
      const child = spawn(program, args, {
        stdio: ["pipe", "pipe", "pipe"],
        timeout: options.timeoutMs ?? 10_000,
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
      child.on("error", reject);
      child.on("close", (code) =>
        resolve({
          stdout: Buffer.concat(stdout).toString("utf8"),
          stderr: Buffer.concat(stderr).toString("utf8"),
          code,
        }),
      );
      child.stdin.on("error", () => undefined); // a program that exits before reading stdin
      child.stdin.end(options.stdin ?? "");
    });
  },
};
