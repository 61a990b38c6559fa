/**
 * The real `fulcrum serve` process (bin/fulcrum.mjs) as an operator starts it, with HOME and
 * FULCRUM_DATA pointed at a test home. Its stdin is a pipe, so a test can press Enter (a new
 * one-time URL). Every server is registered for cleanup and ended by its PID, even when a test fails.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { PROJECT_DIR } from "../../e2e/support/renderer-build.ts";
import { killQuietly, registerCleanup } from "./cleanup-registry.ts";

/** Bound on the server's start (it builds nothing; the renderer must already be built). */
const START_TIMEOUT_MS = 30_000;

export interface ServedConsole {
  child: ChildProcess;
  /** The one-time URL it printed first. */
  url: string;
  /** Everything it printed so far. */
  stdout(): string;
  stderr(): string;
  /** Waits (bounded) until stdout matches `pattern`; resolves with the match. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Still running (no exit code, no signal)? */
  alive(): boolean;
  /** SIGINT, then the exit code (or the signal that ended it). */
  stop(): Promise<number | string | null>;
}

export interface ServeOptions {
  home: string;
  dataDir: string;
  port: number;
  /** More arguments after `serve --port N`. */
  args?: string[];
}

export function startFulcrumServe(options: ServeOptions): Promise<ServedConsole> {
  const child = spawn(
    process.execPath,
    [
      path.join(PROJECT_DIR, "bin/fulcrum.mjs"),
      "serve",
      "--port",
      String(options.port),
      ...(options.args ?? []),
    ],
    {
      cwd: PROJECT_DIR,
      env: { ...process.env, HOME: options.home, FULCRUM_DATA: options.dataDir },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  const dispose = registerCleanup({
    run: async () => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        killQuietly(child.pid);
        await ended;
      }
    },
    runSync: () => {
      if (child.pid !== undefined) killQuietly(child.pid);
    },
  });
  const ended = new Promise<number | string | null>((resolve) =>
    child.once("close", (code, signal) => {
      void dispose();
      resolve(code ?? signal);
    }),
  );
  let stdout = "";
  let stderr = "";
  const waiters = new Set<() => void>();
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const wake of [...waiters]) wake();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const wake of [...waiters]) wake();
  });
  child.on("close", () => {
    for (const wake of [...waiters]) wake();
  });

  const alive = () => child.exitCode === null && child.signalCode === null;
  const waitFor = (stream: "stdout" | "stderr", pattern: RegExp, timeoutMs = START_TIMEOUT_MS) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stream === "stdout" ? stdout : stderr);
        if (match) {
          done();
          resolve(match);
        } else if (!alive()) {
          done();
          reject(
            Object.assign(new Error(`serve exited ${child.exitCode ?? child.signalCode}: ${stderr}`), {
              code: child.exitCode,
              stderr,
            }),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `serve printed nothing matching ${pattern} on ${stream} in ${timeoutMs} ms:\n${stdout}\n${stderr}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  const served: ServedConsole = {
    child,
    url: "",
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStdout: (pattern, timeoutMs) => waitFor("stdout", pattern, timeoutMs),
    waitForStderr: (pattern, timeoutMs) => waitFor("stderr", pattern, timeoutMs),
    alive,
    stop: async () => {
      if (alive()) child.kill("SIGINT");
      return ended;
    },
  };
  return waitFor("stdout", /serving on (\S+)[\s\S]*Ctrl-C/).then((match) => ({
    ...served,
    url: match[1] ?? "",
  }));
}
