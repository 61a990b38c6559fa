/**
 * Runs the real `bin/fulcrum.mjs` as an operator would, with HOME pointing at a test home (its
 * ~/.ssh/config names the hosts) and FULCRUM_DATA at a temp folder. No terminal and no input, so
 * the CLI can never wait for an answer. Each run is bounded; a hung run is killed by its PID.
 */
import { spawn } from "node:child_process";
import path from "node:path";

const REPO = path.resolve(import.meta.dirname, "../../..");
const FULCRUM = path.join(REPO, "bin/fulcrum.mjs");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  timeoutMs?: number;
  /** Called with the whole stdout so far each time more arrives: to act at a given step of a run. */
  onStdout?: (stdoutSoFar: string) => void;
}

export function runFulcrumCli(
  args: readonly string[],
  env: { home: string; dataDir: string },
  options: CliRunOptions = {},
): Promise<CliRun> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FULCRUM, ...args], {
      cwd: REPO,
      env: { ...process.env, HOME: env.home, FULCRUM_DATA: env.dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
      reject(new Error(`fulcrum ${args.join(" ")} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout);
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
