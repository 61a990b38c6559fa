/**
 * A local stand-in for a director, for running the sampling loop under test: a PATH directory whose
 * `ipvsadm` prints the parser fixtures (this kernel has no IPVS), a fake keepalived that writes a real
 * DATA dump (with its password) into its own TMPDIR on SIGUSR1, and a real HAProxy on 127.0.0.1 with
 * its stats socket in the temp dir. /proc/net/dev, /sys/class/net and `ip` are the machine's own.
 * Everything lives under one temp dir and is stopped by PID in dispose() (registered for exit too).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { killQuietly, registerCleanup, removeDirSync } from "../harness/cleanup-registry.ts";
import { freePort } from "../harness/free-port.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures");
export const KEEPALIVED_DUMP_FIXTURE = path.join(FIXTURES, "keepalived/master.data");

export interface FakeHost {
  dir: string;
  binDir: string;
  haproxySocket: string;
  haproxyConfig: string;
  keepalivedPidFile: string;
  /** PATH for the sampler: the fake tools first, then the machine's. */
  path: string;
  dispose(): Promise<void>;
}

export interface FakeHostOptions {
  /** How the fake ipvsadm behaves: print the fixtures, fail only --stats, or refuse everyone but root. */
  ipvsadm: "fixtures" | "stats-fails" | "root-only";
}

function ipvsadmScript(mode: FakeHostOptions["ipvsadm"]): string {
  const list = path.join(FIXTURES, "ipvs/constructed-list.txt");
  const stats = path.join(FIXTURES, "ipvs/constructed-stats-exact.txt");
  return `#!/bin/sh
# Stand-in for ipvsadm: prints captured listings (test/fixtures/ipvs, see SOURCES.md there).
case " $* " in *" --version "*) echo "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)"; exit 0 ;; esac
${mode === "root-only" ? `if [ "$(id -u)" != 0 ]; then echo "Can't initialize ipvs: Permission denied (you must be root?)" >&2; exit 2; fi` : ""}
case " $* " in
  *" --stats "*) ${mode === "stats-fails" ? `echo "Memory allocation problem" >&2; exit 2` : `exec cat '${stats}'`} ;;
  *) exec cat '${list}' ;;
esac
`;
}

// Writes the dump the way keepalived does (asynchronously, after the signal) into $TMPDIR. Run as
// an executable file named keepalived, so its process name (/proc/PID/comm) is keepalived too: the
// probe signals nothing else.
const FAKE_KEEPALIVED = `#!/bin/sh
trap 'cp "$DUMP_SOURCE" "$TMPDIR/keepalived.data"' USR1
trap 'exit 0' TERM
echo $$ > "$PID_FILE"
while :; do sleep 0.2 & wait $!; done
`;

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function isSocket(file: string): boolean {
  try {
    return statSync(file).isSocket();
  } catch {
    return false;
  }
}

export async function startFakeHost(options: FakeHostOptions): Promise<FakeHost> {
  const dir = await mkdtemp(path.join(tmpdir(), "fulcrum-sampler-"));
  const children: ChildProcess[] = [];
  const stop = (): void => {
    for (const child of children)
      if (child.pid !== undefined && child.exitCode === null) killQuietly(child.pid);
  };
  const dispose = registerCleanup({
    async run() {
      stop();
      removeDirSync(dir);
    },
    runSync() {
      stop();
      removeDirSync(dir);
    },
  });
  try {
    const binDir = path.join(dir, "bin");
    const keepalivedTmp = path.join(dir, "keepalived-tmp");
    await mkdir(binDir);
    await mkdir(keepalivedTmp);
    await writeFile(path.join(binDir, "ipvsadm"), ipvsadmScript(options.ipvsadm));
    await chmod(path.join(binDir, "ipvsadm"), 0o755);
    // The test user (not root) must reach the fake tools and fixtures.
    await chmod(dir, 0o755);

    const keepalivedPidFile = path.join(dir, "keepalived.pid");
    await mkdir(path.join(dir, "sbin"));
    await writeFile(path.join(dir, "sbin", "keepalived"), FAKE_KEEPALIVED, { mode: 0o755 });
    const keepalived = spawn(path.join(dir, "sbin", "keepalived"), [], {
      env: {
        PATH: "/usr/bin:/bin",
        TMPDIR: keepalivedTmp,
        PID_FILE: keepalivedPidFile,
        DUMP_SOURCE: KEEPALIVED_DUMP_FIXTURE,
      },
      stdio: "ignore",
    });
    children.push(keepalived);
    await waitFor(() => existsSync(keepalivedPidFile), "the fake keepalived's pid file");

    const haproxySocket = path.join(dir, "haproxy.sock");
    const haproxyConfig = path.join(dir, "haproxy.cfg");
    const [frontendPort, backendPort1, backendPort2] = await Promise.all([
      freePort("127.0.0.1"),
      freePort("127.0.0.1"),
      freePort("127.0.0.1"),
    ]);
    await writeFile(
      haproxyConfig,
      [
        "global",
        `    stats socket ${haproxySocket} mode 600 level admin`,
        "defaults",
        "    mode http",
        "    timeout connect 1s",
        "    timeout client 5s",
        "    timeout server 5s",
        "frontend fe_sampler",
        `    bind 127.0.0.1:${frontendPort}`,
        "    default_backend be_sampler",
        "backend be_sampler",
        `    server web1 127.0.0.1:${backendPort1} weight 10`,
        `    server web2 127.0.0.1:${backendPort2} weight 20`,
        "",
      ].join("\n"),
    );
    const haproxy = spawn("/usr/sbin/haproxy", ["-db", "-f", haproxyConfig], { stdio: "ignore" });
    children.push(haproxy);
    await waitFor(() => isSocket(haproxySocket), "HAProxy's stats socket");

    return {
      dir,
      binDir,
      haproxySocket,
      haproxyConfig,
      keepalivedPidFile,
      path: `${binDir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

export async function readKeepalivedPassword(): Promise<string> {
  const dump = await readFile(KEEPALIVED_DUMP_FIXTURE, "utf8");
  const match = /^\s*Password = (\S+)\s*$/m.exec(dump);
  if (!match?.[1])
    throw new Error("the keepalived fixture has no Password line; the redaction test would prove nothing");
  return match[1];
}
