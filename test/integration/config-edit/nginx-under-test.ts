/**
 * A real nginx on 127.0.0.1 with its own prefix, config, pid file and logs in a temp dir: a proxy
 * port in front of `upstream app` with two backends (nginx's own `return 200` servers that say
 * which one answered), and an include that a test can break. Stopped by PID (master, then any
 * worker left) and removed even when a test fails.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { killQuietly, registerCleanup, removeDirSync } from "../harness/cleanup-registry.ts";
import { freePort } from "../harness/free-port.ts";
import { descendantsOf, isAlive } from "../harness/process-tree.ts";

export interface NginxUnderTest {
  dir: string;
  configPath: string;
  pidFile: string;
  includePath: string;
  backendPorts: [number, number];
  masterPid: number;
  /** The original config text, as written. */
  config: string;
  /** `count` requests (at most 20) through the proxy; the body of each ("b1" / "b2"). */
  requests(count: number): Promise<string[]>;
  dispose(): Promise<void>;
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One GET on a fresh connection (no keep-alive), so each request meets the current workers. */
function getOnce(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: "127.0.0.1", port, path: "/", agent: false, timeout: 5000 },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve(body.trim()));
      },
    );
    request.on("timeout", () => request.destroy(new Error("request timed out")));
    request.on("error", reject);
  });
}

export async function startNginx(): Promise<NginxUnderTest> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "fulcrum-nginx-"));
  let masterPid: number | undefined;
  const stopSync = () => {
    if (masterPid === undefined) return;
    const workers = descendantsOf(masterPid);
    killQuietly(masterPid);
    for (const worker of workers) killQuietly(worker);
  };
  const dispose = registerCleanup({
    async run() {
      if (masterPid !== undefined && isAlive(masterPid)) {
        const workers = descendantsOf(masterPid);
        killQuietly(masterPid, "SIGTERM");
        const deadline = Date.now() + 5000;
        while (isAlive(masterPid) && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 50));
        for (const worker of workers) killQuietly(worker);
        stopSync();
      }
      await rm(dir, { recursive: true, force: true });
    },
    runSync() {
      stopSync();
      removeDirSync(dir);
    },
  });
  try {
    await mkdir(path.join(dir, "logs"));
    const [proxy, first, second] = [
      await freePort("127.0.0.1"),
      await freePort("127.0.0.1"),
      await freePort("127.0.0.1"),
    ];
    const configPath = path.join(dir, "nginx.conf");
    const pidFile = path.join(dir, "nginx.pid");
    const includePath = path.join(dir, "extra.conf");
    const config = `worker_processes 1;
pid ${pidFile};
error_log ${path.join(dir, "logs", "error.log")};
events { worker_connections 64; }
http {
    access_log off;
    include ${includePath};
    upstream app {
        server 127.0.0.1:${first} max_fails=0;   # first backend
        server 127.0.0.1:${second};
    }
    server { listen 127.0.0.1:${proxy}; location / { proxy_pass http://app; } }
    server { listen 127.0.0.1:${first}; location / { return 200 "b1"; } }
    server { listen 127.0.0.1:${second}; location / { return 200 "b2"; } }
}
`;
    await writeFile(configPath, config, { mode: 0o640 });
    await writeFile(includePath, "# nothing yet\n");
    const child = spawn("/usr/sbin/nginx", ["-p", dir, "-c", configPath, "-g", "daemon off;"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    masterPid = child.pid;
    await waitFor(
      `nginx to write its pid file (${log})`,
      () => existsSync(pidFile) || child.exitCode !== null,
    );
    if (child.exitCode !== null) throw new Error(`nginx exited: ${log}`);
    const requests = async (count: number) => {
      if (count > 20) throw new RangeError("at most 20 requests per batch");
      const bodies: string[] = [];
      for (let i = 0; i < count; i++) bodies.push(await getOnce(proxy));
      return bodies;
    };
    return {
      dir,
      configPath,
      pidFile,
      includePath,
      backendPorts: [first, second],
      masterPid: child.pid as number,
      config,
      requests,
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
