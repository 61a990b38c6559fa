// `fulcrum serve` as an operator starts it: the saved host list decides between the operator's hosts
// and the demo, the printed URL serves the renderer behind its token, a damaged host list is an
// error naming the file, and Ctrl-C (SIGINT) ends it cleanly. Each server is ended by its PID.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostInventoryPath } from "../../../core/app/host-inventory.ts";
import { buildRenderer, PROJECT_DIR } from "../../e2e/support/renderer-build.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { freePort } from "../harness/free-port.ts";
import { hostBlock } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";

const skip = missingPrerequisites(isRoot, executable("/usr/sbin/sshd", "openssh-server"));
const children = new Set<ChildProcess>();

interface Served {
  child: ChildProcess;
  url: string;
  stdout: string;
}

/** Starts `fulcrum serve` and resolves once it printed its URL (or rejects with what it said). */
function serve(home: TestHome, port: number): Promise<Served> {
  const child = spawn(
    process.execPath,
    [path.join(PROJECT_DIR, "bin/fulcrum.mjs"), "serve", "--port", String(port)],
    {
      cwd: PROJECT_DIR,
      env: { ...process.env, HOME: home.home, FULCRUM_DATA: home.dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.add(child);
  child.on("close", () => children.delete(child));
  let stdout = "";
  let stderr = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve printed no URL in 30 s:\n${stdout}\n${stderr}`)),
      30_000,
    );
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /serving on (\S+)/.exec(stdout)?.[1];
      if (url && stdout.includes("Ctrl-C")) {
        clearTimeout(timer);
        resolve({ child, url, stdout });
      }
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`serve exited ${code}: ${stderr}`), { code, stderr }));
    });
  });
}

/** How the server ended: its exit code, or the signal that killed it. */
function stopped(child: ChildProcess): Promise<number | string | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? child.signalCode);
    child.once("close", (code, signal) => resolve(code ?? signal));
  });
}

let sshd: SshdServer;
let home: TestHome;

beforeAll(async () => {
  buildRenderer();
  home = await createTestHome();
  sshd = await startSshd({ address: "127.0.0.41" });
  await sshd.authorize("root", home.clientKey.publicKey);
  await home.writeSshConfig(hostBlock("lb1", sshd));
  await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
}, 180_000);

afterAll(async () => {
  for (const child of children) if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
  await sshd?.dispose();
  await home?.dispose();
});

describe.skipIf(skip)("fulcrum serve", () => {
  it("shows the demo with no saved host, then the saved host, and stops cleanly on SIGINT", async () => {
    const demo = await serve(home, await freePort("127.0.0.1"));
    expect(demo.stdout).toMatch(/demo cluster/);
    const page = await fetch(demo.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="root"');
    // Without the token nothing is served.
    expect((await fetch(new URL("/", demo.url))).status).not.toBe(200);
    demo.child.kill("SIGINT");
    expect(await stopped(demo.child)).toBe(0);

    await mkdir(home.dataDir, { recursive: true });
    await writeFile(
      hostInventoryPath(home.dataDir),
      JSON.stringify({
        version: 1,
        hosts: [{ alias: "lb1", production: false, addedAt: new Date().toISOString() }],
      }),
    );
    const real = await serve(home, await freePort("127.0.0.1"));
    expect(real.stdout).not.toMatch(/demo cluster/);
    real.child.kill("SIGINT");
    expect(await stopped(real.child)).toBe(0);
  });

  it("refuses to start on a damaged host list, naming the file, and leaves it as it was", async () => {
    await writeFile(hostInventoryPath(home.dataDir), "{ half a file");
    const failure = await serve(home, await freePort("127.0.0.1")).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain(hostInventoryPath(home.dataDir));
  });
});
