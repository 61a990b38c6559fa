/**
 * A HostExecutor that runs argv on this machine as a host would, with `sh` replaced by the shell
 * under test (dash, bash or busybox ash), the PATH given, and every byte it printed recorded.
 * Killed by PID after its timeout.
 */
import { spawn } from "node:child_process";
import type { HostExecutor, HostExecutorResult } from "../../../core/actions/host-executor.ts";

export const SHELLS: [string, string[]][] = [
  ["dash", ["/bin/dash"]],
  ["bash", ["/bin/bash"]],
  ["busybox ash", ["/usr/bin/busybox", "sh"]],
];

export function localExecutor(shell: string[], pathVariable: string, printed: string[] = []): HostExecutor {
  return {
    run: (argv, options) =>
      new Promise<HostExecutorResult>((resolve, reject) => {
        const [program, ...args] = argv[0] === "sh" ? [...shell, ...argv.slice(1)] : argv;
        if (program === undefined) throw new Error("empty argv");
        // No HOME: bash reads ~/.bashrc when stdin is a socket (its rshd heuristic; Node's pipes are
        // socketpairs), and this machine's root .bashrc is not a host's.
        const child = spawn(program, args, { env: { PATH: pathVariable, HOME: "/nonexistent" }, stdio: "pipe" });
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => {
          if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
        }, options?.timeoutMs ?? 10_000);
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        child.once("error", (error) => {
          clearTimeout(timer);
          reject(error);
        });
        child.once("close", (code) => {
          clearTimeout(timer);
          printed.push(stdout, stderr);
          resolve({ stdout, stderr, code });
        });
        child.stdin.end(options?.stdin ?? "");
      }),
  };
}
