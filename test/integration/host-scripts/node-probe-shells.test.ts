/**
 * The failover node probe (node-probe.sh with the shared keepalived-dump.sh) run for real under
 * dash, bash and busybox ash, through readNodeView, against the sampler's fake host: a fake
 * keepalived that writes a real DATA dump (with its password) into its own TMPDIR on SIGUSR1, a
 * fixture-printing ipvsadm, and the real keepalived.conf of the captures (auth_pass included). The
 * dump is found as the sampler finds it (the daemon's TMPDIR through /proc/PID/root): no location
 * is given. Nothing the probe prints may carry a secret.
 */
import { copyFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostExecutor } from "../../../core/actions/host-executor.ts";
import type { NodeView } from "../../../core/actions/failover/node-view.ts";
import { readNodeView } from "../../../core/actions/failover/read-node-view.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { readKeepalivedPassword, startFakeHost, type FakeHost } from "../sampler/fake-host.ts";
import { localExecutor, SHELLS } from "./local-executor.ts";

const CONFIG_FIXTURE = path.resolve(import.meta.dirname, "../../fixtures/keepalived/node1-keepalived.conf");
const CONFIG_SECRET = "Fk7s3cr1";

const skip = missingPrerequisites(
  isRoot,
  executable("/bin/dash", "dash"),
  executable("/usr/bin/busybox", "busybox-static"),
  executable("/usr/sbin/haproxy", "haproxy"),
);

describe.skipIf(skip).each(SHELLS)("the failover node probe under %s", (_name, shell) => {
  let host: FakeHost | undefined;
  let view: NodeView;
  const printed: string[] = [];
  let dumpPassword: string;

  beforeAll(async () => {
    dumpPassword = await readKeepalivedPassword();
    host = await startFakeHost({ ipvsadm: "fixtures" });
    const configFile = path.join(host.dir, "keepalived.conf");
    await copyFile(CONFIG_FIXTURE, configFile);
    view = await readNodeView(localExecutor(shell, host.path, printed), {
      label: "n1",
      locations: { pidFile: host.keepalivedPidFile, configFile },
    });
  });
  afterAll(async () => {
    await host?.dispose();
  });

  it("reads keepalived's pid, its DATA dump found through its own TMPDIR, and the node's clock", () => {
    expect(view.reachable).toBe(true);
    expect(view.problem).toBeUndefined();
    expect(view.keepalived.alive).toBe(true);
    expect(view.keepalived.pid).toBeGreaterThan(1);
    expect(view.dataProblem).toBeUndefined();
    expect(view.data?.instances[0]).toMatchObject({ name: "VI_1", state: "MASTER" });
    expect(view.data?.redactedSecrets).toBeGreaterThan(0);
    expect(Math.abs((view.readAtSeconds ?? 0) - Date.now() / 1000)).toBeLessThan(30);
  });

  it("reads the config (redacted on the host), the addresses and ipvsadm -Sn", () => {
    expect(view.configProblem).toBeUndefined();
    expect(view.config?.vrrpInstances.map((instance) => instance.name)).toEqual(["VI_1"]);
    expect(view.config?.redactedSecrets).toBe(1);
    expect(view.addresses?.some((address) => address.address === "127.0.0.1")).toBe(true);
    expect(view.ipvsSave).toMatch(/^IP Virtual Server/);
  });

  it("prints no secret: neither the dump's password nor the config's auth_pass", () => {
    const all = printed.join("");
    expect(all).toContain("auth_pass <redacted>");
    expect(all).toMatch(/^ {3}Password = <redacted>$/m);
    expect(all).not.toContain(dumpPassword);
    expect(all).not.toContain(CONFIG_SECRET);
  });
});

describe("the failover node probe's reader", () => {
  it("calls a node whose probe printed no frame unreachable, with what it printed", async () => {
    const executor: HostExecutor = {
      run: async () => ({ stdout: "", stderr: "sh: 1: Syntax error: end of file unexpected\n", code: 2 }),
    };
    const view = await readNodeView(executor, { label: "n1" });
    expect(view.reachable).toBe(false);
    expect(view.problem).toBe(
      "the node probe printed no frame (exit 2): sh: 1: Syntax error: end of file unexpected",
    );
  });
});
