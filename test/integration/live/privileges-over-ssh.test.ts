// Privilege discovery through the real SSH path: a login without sudo is told exactly which sudoers
// line is missing and still gets what it may read; with that line, one `sudo -n` runs the loop as
// root. The host's ipvsadm is a stand-in that refuses non-root users the way real ipvsadm does
// (this kernel has no IPVS).
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostSnapshot } from "../../../core/api.ts";
import { sudoersLineFor } from "../../../core/sampler/sampler-command.ts";
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
    sudoUser = await createSystemUser({ sudoCommands: ["/bin/sh"] });
    for (const user of [plainUser, sudoUser]) await sshd.authorize(user.name, home.clientKey.publicKey);
    await home.writeSshConfig(
      hostBlock("plain", sshd, { user: plainUser.name }) +
        hostBlock("granted", sshd, { user: sudoUser.name }),
    );
    await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
  });

  afterAll(async () => {
    await sshd?.dispose();
    await plainUser?.dispose();
    await sudoUser?.dispose();
    await home?.dispose();
    await host?.dispose();
  });

  it("without sudo: the snapshot names the missing sudoers line and keeps the sections it may read", async () => {
    const { code, json } = await snapshotJson("plain");
    expect(code).toBe(0);
    expect(json.capabilities.root).toBe("0");
    expect(json.capabilities.sudo).toBe("no");
    expect(json.capabilities["ipvsadm-permitted"]).toBe("0");
    expect(json.capabilities["sudoers-hint"]).toBe(sudoersLineFor(plainUser.name));
    expect(
      json.problems.some((problem) => problem.section === "ipvsadm" || problem.section === "ip-vs-proc"),
    ).toBe(true);
    expect(json.nics.length).toBeGreaterThan(0);
  }, 60_000);

  it("the human-readable snapshot prints the sudoers line to add", async () => {
    const output = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ["bin/fulcrum.mjs", "snapshot", "plain"], {
        env: { ...process.env, HOME: home.home },
      });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.on("close", () => resolve(stdout));
    });
    expect(output).toContain(`missing privilege: ${sudoersLineFor(plainUser.name)}`);
  }, 60_000);

  it("with that sudoers line: one sudo -n runs the loop as root", async () => {
    const { code, json } = await snapshotJson("granted");
    expect(code).toBe(0);
    expect(json.capabilities).toMatchObject({ root: "1", uid: "0" });
    expect(json.capabilities["sudoers-hint"]).toBeUndefined();
    // sudo's secure_path replaces the session PATH, so the stand-in ipvsadm is not what runs under
    // sudo here; root privilege itself is what this test is about.
    expect(json.nics.length).toBeGreaterThan(0);
  }, 60_000);
});
