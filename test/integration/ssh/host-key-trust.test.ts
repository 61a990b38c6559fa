/**
 * Host key handling against real sshd's: unknown keys refused with the fingerprint ssh-keygen
 * prints and accepted only after trustHostKey; a changed key (regenerated, sshd restarted on the
 * same port) refused outright; a hashed known_hosts entry honoured.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostSession } from "../../../core/ssh/session.ts";
import { SessionProblemError } from "../../../core/ssh/problem.ts";
import { trustStorePath } from "../../../core/ssh/trust-store.ts";
import { runCommand } from "../harness/run-command.ts";
import { hostBlock, openTestSession } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";

let home: TestHome;
let fresh: SshdServer;
let rekeyed: SshdServer;
let hashed: SshdServer;
const sessions: HostSession[] = [];

async function session(alias: string): Promise<HostSession> {
  const s = await openTestSession(home, alias);
  sessions.push(s);
  return s;
}

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SessionProblemError))
    throw new Error(`expected a SessionProblemError, got ${String(error)}`);
  return error.problem;
}

beforeAll(async () => {
  home = await createTestHome();
  fresh = await startSshd({ address: "127.0.0.4" });
  rekeyed = await startSshd({ address: "127.0.0.5" });
  hashed = await startSshd({ address: "127.0.0.6", hostKeyType: "ecdsa" });
  for (const sshd of [fresh, rekeyed, hashed]) await sshd.authorize("root", home.clientKey.publicKey);
  await home.writeSshConfig(
    hostBlock("fresh", fresh) + hostBlock("rekeyed", rekeyed) + hostBlock("hashed", hashed),
  );
  await home.writeKnownHosts(`${rekeyed.knownHostsLine()}\n${hashed.knownHostsLine()}\n`);
});

afterAll(async () => {
  for (const s of sessions) s.close();
  for (const sshd of [fresh, rekeyed, hashed]) await sshd?.dispose();
  await home?.dispose();
});

describe("host keys", () => {
  it("refuses an unknown host key with ssh-keygen's fingerprint, then connects once the operator trusts it", async () => {
    const s = await session("fresh");
    const problem = await problemOf(s.connect());
    const expected = await fresh.hostKeyFingerprint();
    expect(problem.code).toBe("unknown-hostkey");
    expect(problem.fingerprint).toBe(expected);
    expect(s.state).toMatchObject({
      phase: "failed",
      problem: { code: "unknown-hostkey", fingerprint: expected },
    });
    expect(fresh.log()).not.toContain("Accepted publickey");

    // Only the key that was actually presented can be confirmed.
    expect((await problemOf(s.trustHostKey("SHA256:notthekey"))).code).toBe("not-found");
    await s.trustHostKey(expected);
    const store = JSON.parse(await readFile(trustStorePath(home.dataDir), "utf8")) as {
      keys: Array<{ host: string; fingerprint: string }>;
    };
    expect(store.keys).toContainEqual(
      expect.objectContaining({ host: `[${fresh.address}]:${fresh.port}`, fingerprint: expected }),
    );

    await s.connect();
    expect(s.state.phase).toBe("ready");
    expect((await s.exec("echo trusted")).stdout).toBe("trusted\n");

    // A second session finds the key in the trust store without asking.
    const again = await session("fresh");
    await again.connect();
    expect(again.state.phase).toBe("ready");
  });

  it("refuses a changed host key outright, naming where the old key is", async () => {
    const before = await session("rekeyed");
    await before.connect();
    before.close();

    await rekeyed.stop();
    await rekeyed.regenerateHostKey();
    await rekeyed.start();
    const logMark = rekeyed.log().length;

    const after = await session("rekeyed");
    const problem = await problemOf(after.connect());
    const newFingerprint = await rekeyed.hostKeyFingerprint();
    expect(problem.code).toBe("hostkey-changed");
    expect(problem.fingerprint).toBe(newFingerprint);
    expect(problem.message).toContain(`${home.knownHostsPath} line 1`);
    // A changed key is not offered for confirmation.
    expect((await problemOf(after.trustHostKey(newFingerprint))).code).toBe("not-found");
    expect(after.state.phase).toBe("failed");
    expect(rekeyed.log().slice(logMark)).not.toContain("Accepted publickey");
  });

  it("honours a hashed known_hosts entry (ssh-keygen -H)", async () => {
    await runCommand("ssh-keygen", ["-H", "-f", home.knownHostsPath]);
    const text = await readFile(home.knownHostsPath, "utf8");
    expect(text).not.toContain(hashed.address);
    const s = await session("hashed");
    await s.connect();
    expect(s.state.phase).toBe("ready");
    expect((await s.exec(["echo", "hashed ok"])).stdout).toBe("hashed ok\n");
  });
});
