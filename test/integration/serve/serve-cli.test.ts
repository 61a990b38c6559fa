// `fulcrum serve` as an operator starts it: the saved host list decides between the operator's hosts
// and the demo, the printed URL opens the console once (a session cookie, then the bare address),
// Enter prints another one-time URL, a damaged host list is an error naming the file, and Ctrl-C
// (SIGINT) ends it cleanly. Each server is ended by its PID.
import { mkdir, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostInventoryPath } from "../../../core/app/host-inventory.ts";
import { openHistoryForReading } from "../../../core/history/history-store.ts";
import { buildRenderer } from "../../e2e/support/renderer-build.ts";
import { openBrowserSession } from "../../support/browser-session.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { freePort } from "../harness/free-port.ts";
import { startFulcrumServe } from "../harness/fulcrum-serve.ts";
import { hostBlock } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";

const skip = missingPrerequisites(isRoot, executable("/usr/sbin/sshd", "openssh-server"));

const serve = async (home: TestHome, port: number) =>
  startFulcrumServe({ home: home.home, dataDir: home.dataDir, port });

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
  await sshd?.dispose();
  await home?.dispose();
});

describe.skipIf(skip)("fulcrum serve", () => {
  it("shows the demo with no saved host, then the saved host, and stops cleanly on SIGINT", async () => {
    const demo = await serve(home, await freePort("127.0.0.1"));
    expect(demo.stdout()).toMatch(/demo cluster/);
    const cookie = await openBrowserSession(demo.url);
    const page = await fetch(new URL("/", demo.url), { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="root"');
    // Without the session nothing is served, and the printed URL does not open a second time.
    expect((await fetch(new URL("/", demo.url))).status).toBe(401);
    const again = await fetch(demo.url, { redirect: "manual" });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain("already used");
    // ...and the operator is told, in case that was not them.
    await demo.waitForStderr(/already used/);
    // Enter prints a new one-time URL, which opens the console in another browser.
    demo.child.stdin?.write("\n");
    const second = (await demo.waitForStdout(/New one-time URL: (\S+)/))[1] ?? "";
    expect(second).not.toBe(demo.url);
    const otherCookie = await openBrowserSession(second);
    expect((await fetch(new URL("/", demo.url), { headers: { Cookie: otherCookie } })).status).toBe(200);
    expect(await demo.stop()).toBe(0);

    await mkdir(home.dataDir, { recursive: true });
    await writeFile(
      hostInventoryPath(home.dataDir),
      JSON.stringify({
        version: 1,
        hosts: [{ alias: "lb1", production: false, addedAt: new Date().toISOString() }],
      }),
    );
    const real = await serve(home, await freePort("127.0.0.1"));
    expect(real.stdout()).not.toMatch(/demo cluster/);
    expect(await real.stop()).toBe(0);
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

  it("serves Prometheus metrics of the followed hosts, never the demo's, and only on loopback unless told", async () => {
    const metricsPort = await freePort("127.0.0.1");
    await writeFile(hostInventoryPath(home.dataDir), JSON.stringify({ version: 1, hosts: [] }));
    const demo = await startFulcrumServe({
      home: home.home,
      dataDir: home.dataDir,
      port: await freePort("127.0.0.1"),
      args: ["--metrics", `127.0.0.1:${metricsPort}`],
    });
    expect(demo.stdout()).toMatch(/demo cluster/);
    expect(demo.stdout()).toContain(`http://127.0.0.1:${metricsPort}/metrics`);
    const demoMetrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(demoMetrics.status).toBe(200);
    expect(await demoMetrics.text()).toBe("");
    expect(await demo.stop()).toBe(0);

    await writeFile(
      hostInventoryPath(home.dataDir),
      JSON.stringify({
        version: 1,
        hosts: [{ alias: "lb1", production: false, addedAt: new Date().toISOString() }],
      }),
    );
    const real = await startFulcrumServe({
      home: home.home,
      dataDir: home.dataDir,
      port: await freePort("127.0.0.1"),
      args: ["--metrics", `127.0.0.1:${metricsPort}`],
    });
    const deadline = Date.now() + 20_000;
    let text = "";
    while (!/fulcrum_nic_receive_bytes_total\{host="lb1",device="lo"\} \d+/.test(text)) {
      expect(Date.now(), `no lb1 sample in /metrics within 20 s:\n${text}`).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 250));
      text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    }
    expect(text).toMatch(/^fulcrum_host_up\{host="lb1"\} 1$/m);
    expect(text).not.toMatch(/demo/);
    expect(await real.stop()).toBe(0);
    // serve recorded the followed host into the data folder's history, and never the demo's hosts.
    const history = openHistoryForReading(home.dataDir);
    try {
      expect((await history.query.summary()).hosts.map((host) => host.hostId)).toEqual(["lb1"]);
    } finally {
      history.close();
    }

    const refused = await startFulcrumServe({
      home: home.home,
      dataDir: home.dataDir,
      port: await freePort("127.0.0.1"),
      args: ["--metrics", "0.0.0.0:9787"],
    }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toContain("--metrics-remote");
  }, 60_000);
});
