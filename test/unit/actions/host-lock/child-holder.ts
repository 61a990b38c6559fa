/** Starts lock-holder-child.ts as its own Node process and waits for its first line. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";

const CHILD = path.join(import.meta.dirname, "lock-holder-child.ts");

export interface ChildHolder {
  child: ChildProcess;
  pid: number;
  firstLine: string;
  /** SIGKILL by PID (no exit hook runs, as when a laptop loses power) and wait for the exit. */
  kill(): Promise<void>;
  /** Resolves with the exit code when the child ends by itself. */
  exited: Promise<number | null>;
}

export async function startChildHolder(args: string[]): Promise<ChildHolder> {
  const child = spawn(process.execPath, ["--no-warnings", CHILD, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("the lock holder did not start");
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) process.kill(pid, "SIGKILL");
    await exited;
  };
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const firstLine = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      const timer = setTimeout(() => reject(new Error(`no line from the lock holder: ${stderr}`)), 20_000);
      child.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const end = stdout.indexOf("\n");
        if (end >= 0) {
          clearTimeout(timer);
          resolve(stdout.slice(0, end));
        }
      });
      child.once("exit", () => {
        clearTimeout(timer);
        if (!stdout.includes("\n")) reject(new Error(`the lock holder exited early: ${stderr}`));
      });
    });
    return { child, pid, firstLine, kill, exited };
  } catch (error) {
    await kill();
    throw error;
  }
}

/** The pid of a process that has already exited: a holder that is gone. */
export function pidOfAnExitedProcess(): number {
  const ran = spawnSync(process.execPath, ["-e", ""]);
  if (ran.pid === undefined || ran.status !== 0) throw new Error("could not run a short-lived process");
  return ran.pid;
}
