/**
 * The qemu IPVS lab for lab tests: one VM per test file run, in its own run folder (so other
 * files and engineers using the default folder are never touched), reset between tests, and
 * stopped in afterAll — and, should a test run die first, on process exit or SIGINT/SIGTERM.
 *
 *   const vm = await startLabVm("actions");   // boot.sh start (reuses a VM already running there)
 *   await vm.reset();                         // /lab/reset.sh
 *   await vm.ssh("ipvsadm -Ln --exact");      // boot.sh ssh
 *   await vm.stop();                          // boot.sh stop, only for a VM this process started
 */
import { execFile, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const LAB_DIR = import.meta.dirname;
const BOOT = join(LAB_DIR, "boot.sh");

export interface LabEnv {
  host: string;
  port: number;
  user: string;
  pid: number;
  keyPath: string;
  /** Base64 blob of the guest's ed25519 host key (second field of LAB_HOST_PUBKEY). */
  hostKeyBase64: string;
  bootSeconds?: number;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface LabVm {
  env: LabEnv;
  runDir: string;
  /** True when this process booted the VM (and so stops it). */
  startedHere: boolean;
  ssh(command: string, timeoutSeconds?: number): Promise<CommandResult>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export function readLabEnv(runDir: string): LabEnv {
  const values = new Map<string, string>();
  for (const line of readFileSync(join(runDir, "lab.env"), "utf8").split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) values.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  const need = (key: string): string => {
    const value = values.get(key);
    if (!value) throw new Error(`${runDir}/lab.env has no ${key}`);
    return value;
  };
  const hostKeyBase64 = readFileSync(need("LAB_HOST_PUBKEY"), "utf8").trim().split(/\s+/)[1];
  if (!hostKeyBase64) throw new Error("LAB_HOST_PUBKEY holds no key");
  const boot = values.get("LAB_BOOT_SECONDS");
  return {
    host: need("LAB_HOST"),
    port: Number(need("LAB_PORT")),
    user: need("LAB_USER"),
    pid: Number(need("LAB_PID")),
    keyPath: need("LAB_KEY"),
    hostKeyBase64,
    ...(boot ? { bootSeconds: Number(boot) } : {}),
  };
}

async function boot(runDir: string, args: string[], timeoutSeconds: number): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(BOOT, args, {
      env: { ...process.env, LAB_RUN_DIR: runDir, LAB_SSH_TIMEOUT: String(timeoutSeconds) },
      timeout: (timeoutSeconds + 15) * 1000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number | string };
    return {
      stdout: failed.stdout ?? "",
      stderr: failed.stderr ?? String(error),
      code: typeof failed.code === "number" ? failed.code : -1,
    };
  }
}

function stopSync(runDir: string): void {
  spawnSync(BOOT, ["stop"], {
    env: { ...process.env, LAB_RUN_DIR: runDir },
    stdio: "ignore",
    timeout: 30_000,
  });
}

/** Boots (or reuses) the VM of run folder `.cache/run-<name>`. */
export async function startLabVm(name: string): Promise<LabVm> {
  const runDir = join(LAB_DIR, ".cache", `run-${name}`);
  const alreadyRunning = (await boot(runDir, ["status"], 20)).code === 0;
  let exitHook: (() => void) | undefined;
  let signalHook: ((signal: NodeJS.Signals) => void) | undefined;
  if (!alreadyRunning) {
    // Registered before booting: a run killed mid-boot must not leave qemu behind.
    exitHook = () => stopSync(runDir);
    signalHook = (signal) => {
      stopSync(runDir);
      process.exit(signal === "SIGINT" ? 130 : 143);
    };
    process.once("exit", exitHook);
    process.once("SIGINT", signalHook);
    process.once("SIGTERM", signalHook);
    const started = await boot(runDir, ["start"], 60);
    if (started.code !== 0) {
      stopSync(runDir);
      throw new Error(`boot.sh start failed (exit ${started.code}): ${started.stderr.trim()}`);
    }
  }
  const env = readLabEnv(runDir);
  let stopped = false;
  return {
    env,
    runDir,
    startedHere: !alreadyRunning,
    ssh: (command, timeoutSeconds = 60) => boot(runDir, ["ssh", command], timeoutSeconds),
    async reset() {
      const result = await boot(runDir, ["ssh", "/lab/reset.sh"], 30);
      if (result.code !== 0) throw new Error(`/lab/reset.sh failed (exit ${result.code}): ${result.stderr}`);
    },
    async stop() {
      if (stopped || alreadyRunning) return;
      stopped = true;
      await boot(runDir, ["stop"], 30);
      if (exitHook) process.removeListener("exit", exitHook);
      if (signalHook) {
        process.removeListener("SIGINT", signalHook);
        process.removeListener("SIGTERM", signalHook);
      }
    },
  };
}
