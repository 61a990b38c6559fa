/**
 * Runs a sampling program locally the way a host would, and collects what it printed. The child is
 * killed by PID if it outlives `timeoutMs` (a loop that does not stop by itself is a failure, and
 * the result says so).
 */
import { spawn } from "node:child_process";

export interface SamplerRun {
  stdout: Buffer;
  stderr: string;
  exitCode: number | null;
  timedOut: boolean;
}

export function runSampler(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  /** The program on standard input, as the app sends it over SSH (`/bin/sh -s`). */
  stdin?: string,
): Promise<SamplerRun> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    if (file === undefined) throw new Error("empty argv");
    // stdin stays "ignore" unless a program is sent: bash reads ~/.bashrc when stdin is a socket
    // (its rshd/sshd heuristic), and Node's pipes are socketpairs.
    const child = spawn(file, args, { env, stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    if (stdin !== undefined) child.stdin?.end(stdin);
    if (!child.stdout || !child.stderr) throw new Error("spawn gave no output pipes");
    const out: Buffer[] = [];
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out), stderr, exitCode, timedOut });
    });
  });
}
