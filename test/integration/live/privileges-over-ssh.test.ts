// Privilege discovery through the real SSH path: a login without sudo is told exactly which reads
// it lacks (and the lines that grant them) and still gets what it may read; granted exactly those
// reads, the loop stays unprivileged and reads the IPVS counters through `sudo -n`; with the
// root-shell line, one `sudo -n /bin/sh -s` runs the loop as root. The host's ipvsadm is a
// stand-in that refuses non-root users the way real ipvsadm does (this kernel has no IPVS).
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostSnapshot } from "../../../core/api.ts";
import { privilegeAdvice, readsSudoersLine, rootShellSudoersLine } from "../../../core/sampler/sudoers-advice.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { hostBlock } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createSystemUser, type SystemUser } from "../harness/system-users.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";
import { startFakeHost, type FakeHost } from "../sampler/fake-host.ts";

const skip = missingPrerequisites(
  isRoot,
  executable("/usr/sbin/sshd", "openssh-server"),
  executable("/usr/bin/sudo", "sudo"),
);

let home: TestHome;
let sshd: SshdServer;
let host: FakeHost;
let plainUser: SystemUser;
let sudoUser: SystemUser;
let readsUser: SystemUser;

/** The reads the sampler's default sections need on this host, as the loop names them. */
const reads = (): string[] => [`${host.binDir}/ipvsadm -Ln --exact`, `${host.binDir}/ipvsadm -Ln --stats --exact`];

function snapshotJson(
  alias: string,
): Promise<{
  code: number | null;
  json: HostSnapshot & { capabilities: Record<string, string> };
  stderr: string;
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/fulcrum.mjs", "snapshot", alias, "--json"], {
      env: { ...process.env, HOME: home.home },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      try {
        resolve({ code, json: JSON.parse(stdout) as never, stderr });
      } catch {
        reject(new Error(`no JSON (exit ${code}): ${stderr}`));
      }
    });
  });
}

describe.skipIf(skip)("privileges over SSH", () => {
  beforeAll(async () => {
    host = await startFakeHost({ ipvsadm: "root-only" });
    home = await createTestHome();
    sshd = await startSshd({ extraConfig: [`SetEnv PATH=${host.path}`] });
    plainUser = await createSystemUser();
    sudoUser = await createSystemUser({ sudoersLines: (name) => [rootShellSudoersLine(name)] });
    readsUser = await createSystemUser({ sudoersLines: (name) => [readsSudoersLine(name, reads())] });
    for (const user of [plainUser, sudoUser, readsUser]) await sshd.authorize(user.name, home.clientKey.publicKey);
    await home.writeSshConfig(
      hostBlock("plain", sshd, { user: plainUser.name }) +
        hostBlock("granted", sshd, { user: sudoUser.name }) +
        hostBlock("reads", sshd, { user: readsUser.name }),
    );
    await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
  });

  afterAll(async () => {
    await sshd?.dispose();
    await plainUser?.dispose();
    await sudoUser?.dispose();
    await readsUser?.dispose();
    await home?.dispose();
    await host?.dispose();
  });

  it("without sudo: the snapshot names the missing reads' grant and keeps the sections it may read", async () => {
    const { code, json } = await snapshotJson("plain");
    expect(code).toBe(0);
    expect(json.capabilities.root).toBe("0");
    expect(json.capabilities.sudo).toBe("no");
    expect(json.capabilities["ipvsadm-permitted"]).toBe("0");
    expect(json.capabilities["sudoers-hint"]).toBe(readsSudoersLine(plainUser.name, reads()));
    expect(
      json.problems.some((problem) => problem.section === "ipvsadm" || problem.section === "ip-vs-proc"),
    ).toBe(true);
    expect(json.nics.length).toBeGreaterThan(0);
  }, 60_000);

  it("the human-readable snapshot prints the lines to add", async () => {
    const output = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ["bin/fulcrum.mjs", "snapshot", "plain"], {
        env: { ...process.env, HOME: home.home },
      });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.on("close", () => resolve(stdout));
    });
    const advice = privilegeAdvice(new Map([["sudoers-hint", readsSudoersLine(plainUser.name, reads())]]));
    expect(advice.length).toBeGreaterThan(3);
    expect(output).toContain(advice.join("\n"));
  }, 60_000);

  it("granted exactly those reads: the loop stays unprivileged and reads the counters through sudo", async () => {
    const { code, json } = await snapshotJson("reads");
    expect(code).toBe(0);
    expect(json.capabilities).toMatchObject({
      root: "0",
      sudo: "reads",
      "sudo-reads": "ipvsadm ipvsadm-stats",
      "ipvsadm-permitted": "1",
    });
    expect(json.capabilities["sudoers-hint"]).toBeUndefined();
    // (This machine's haproxy.cfg names a stats socket no HAProxy serves: that section may fail.)
    expect(json.problems.filter((problem) => /^ip(vsadm|-vs)/.test(problem.section))).toEqual([]);
    expect(json.services.length).toBeGreaterThan(0);
    // Counters came from the granted --stats listing.
    expect(json.services.some((service) => service.stats !== undefined)).toBe(true);
  }, 60_000);

  it("with the root-shell line: one sudo -n runs the loop as root", async () => {
    const { code, json } = await snapshotJson("granted");
    expect(code).toBe(0);
    expect(json.capabilities).toMatchObject({ root: "1", uid: "0" });
    expect(json.capabilities["sudoers-hint"]).toBeUndefined();
    // sudo's secure_path replaces the session PATH, so the stand-in ipvsadm is not what runs under
    // sudo here; root privilege itself is what this test is about.
    expect(json.nics.length).toBeGreaterThan(0);
  }, 60_000);
});
