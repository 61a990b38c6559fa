/**
 * Runs the real `bin/fulcrum.mjs` as an operator would, with HOME = a test home (its ~/.ssh/config
 * names the hosts) and FULCRUM_DATA = the test's data folder: plainly (no terminal, no input, so
 * the CLI can never wait for an answer), or on a terminal under `script` answering one prompt.
 * Each run is bounded; a hung run is killed by its PID and fails the test.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import type { TestHome } from "./test-home.ts";

export const REPO = path.resolve(import.meta.dirname, "../../..");
export const FULCRUM = path.join(REPO, "bin/fulcrum.mjs");
/** Bound on one CLI run. */
export const RUN_TIMEOUT_MS = 45_000;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface FulcrumCli {
  fulcrum(args: string[], dataDir: string): Promise<CliResult>;
  /** On a terminal: when `prompt` appears on stdout, types `answer` and Enter. */
  fulcrumOnTerminal(args: string[], dataDir: string, prompt: string, answer: string): Promise<CliResult>;
}

export function fulcrumEnv(home: TestHome, dataDir: string): NodeJS.ProcessEnv {
  return { ...process.env, HOME: home.home, FULCRUM_DATA: dataDir };
}

export function fulcrumCli(home: TestHome): FulcrumCli {
  return {
    fulcrum: (args, dataDir) => runBounded(process.execPath, [FULCRUM, ...args], fulcrumEnv(home, dataDir)),
    fulcrumOnTerminal: (args, dataDir, prompt, answer) =>
      runBounded(
        "script",
        ["-q", "-e", "-c", [process.execPath, FULCRUM, ...args].map(shellWord).join(" "), "/dev/null"],
        fulcrumEnv(home, dataDir),
        { prompt, answer },
      ),
  };
}

/** Test constants only, but quoted all the same: `script -c` hands the line to a shell. */
function shellWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

function runBounded(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  reply?: { prompt: string; answer: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: REPO, env, stdio: ["pipe", "pipe", "pipe"] });
    // Without a reply, no terminal and no input: the CLI must not wait for an answer that cannot come.
    if (!reply) child.stdin.end();
    let stdout = "";
    let stderr = "";
    let answered = false;
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
      reject(
        new Error(`${file} ${args.join(" ")} did not finish in ${RUN_TIMEOUT_MS} ms\n${stdout}\n${stderr}`),
      );
    }, RUN_TIMEOUT_MS);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      // readline moves the cursor with CSI sequences after the prompt: look past them.
      if (reply && !answered && stripVTControlCharacters(stdout).includes(reply.prompt)) {
        answered = true;
        child.stdin.write(`${reply.answer}\r`);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, stdout, stderr });
    });
  });
}
