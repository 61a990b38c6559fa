// Adding hosts from the console, through the API handlers the carriers use, against real sshd's:
// an unknown host key is shown with ssh-keygen's fingerprint and connects only once trusted; an
// encrypted key's passphrase is asked through credentialRequested (a wrong one asks again); a
// changed key cannot be trusted away; the list is saved and comes back; the demo goes and returns.
import { readFile } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CredentialRequest, EventName, EventOf, HostList, SessionState } from "../../../core/api.ts";
import { createAppCore, type AppCore } from "../../../core/app/app-core.ts";
import { createConsoleSetup } from "../../../core/app/console-setup.ts";
import { hostInventoryPath } from "../../../core/app/host-inventory.ts";
import { trustStorePath } from "../../../core/ssh/trust-store.ts";
import { createApiDispatcher } from "../../../core/carrier/api-dispatcher.ts";
import { createEventHub, type EventHub } from "../../../core/carrier/event-hub.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { hostBlock } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";
import { expectEvery } from "../../support/expect-every.ts";

const skip = missingPrerequisites(isRoot, executable("/usr/sbin/sshd", "openssh-server"));
const PASSPHRASE = "correct horse battery staple";

let home: TestHome;
let fresh: SshdServer;
let locked: SshdServer;
let rekeyed: SshdServer;
const cores: AppCore[] = [];

interface Console {
  core: AppCore;
  events: EventHub;
  /** Resolves with the first payload of `event` that `match` accepts (bounded). */
  next<N extends EventName>(
    event: N,
    match: (payload: EventOf<N>) => boolean,
    timeoutMs?: number,
  ): Promise<EventOf<N>>;
}

async function openConsole(): Promise<Console> {
  const events = createEventHub({ validatePayloads: true });
  const { setup, audit } = createConsoleSetup({ events, intervalSeconds: 1, home: home.home, env: {} });
  const core = createAppCore({
    info: { version: "test", carrier: "browser" },
    events,
    hosts: [],
    setup,
    audit,
    demoIntervalSeconds: 1,
  });
  cores.push(core);
  const next: Console["next"] = (event, match, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = events.subscribe((name, payload) => {
        if (name !== event || !match(payload as never)) return;
        clearTimeout(timer);
        stop();
        resolve(payload as never);
      });
    });
  return { core, events, next };
}

const stateOf = (hostId: string, phase: SessionState["phase"]) => (payload: EventOf<"hostStateChanged">) =>
  payload.hostId === hostId && payload.state.phase === phase;

beforeAll(async () => {
  home = await createTestHome();
  fresh = await startSshd({ address: "127.0.0.21" });
  locked = await startSshd({ address: "127.0.0.22" });
  rekeyed = await startSshd({ address: "127.0.0.23" });
  const encrypted = await home.generateKey("id_locked", { passphrase: PASSPHRASE });
  await fresh.authorize("root", home.clientKey.publicKey);
  await locked.authorize("root", encrypted.publicKey);
  await rekeyed.authorize("root", home.clientKey.publicKey);
  await home.writeSshConfig(
    hostBlock("fresh", fresh) +
      hostBlock("locked", locked, { identityFile: "~/.ssh/id_locked", extra: ["IdentitiesOnly yes"] }) +
      hostBlock("rekeyed", rekeyed),
  );
  // "locked" is known; "rekeyed" is known under another key (as after a reinstall, or an attack).
  const otherKey = fresh.knownHostsLine().split(" ").slice(1).join(" ");
  await home.writeKnownHosts(
    `${locked.knownHostsLine()}\n[${rekeyed.address}]:${rekeyed.port} ${otherKey}\n`,
  );
}, 60_000);

afterEach(() => {
  for (const core of cores.splice(0)) core.stop();
});

afterAll(async () => {
  for (const sshd of [fresh, locked, rekeyed]) await sshd?.dispose();
  await home?.dispose();
});

describe.skipIf(skip)("adding hosts from the console", () => {
  it("shows an unknown host key's fingerprint, connects only after the operator trusts it, and saves the host", async () => {
    const { core, next } = await openConsole();
    await core.start();
    expect((await core.handlers.getAppInfo({})).demo).toBe(true);

    const listed = next("hostsChanged", (list: HostList) => list.hosts.some((h) => h.id === "fresh"));
    const failed = next("hostStateChanged", stateOf("fresh", "failed"));
    const summary = await core.handlers.addHost({ alias: "fresh", production: true });
    expect(summary).toMatchObject({ id: "fresh", kind: "ssh", production: true });
    const list = await listed;
    expect(list.demo).toBe(false);
    expect(list.hosts.map((h) => h.id)).toEqual(["fresh"]);

    const refused = (await failed).state;
    const fingerprint = await fresh.hostKeyFingerprint();
    expect(refused.problem).toMatchObject({ code: "unknown-hostkey", fingerprint });
    expect(fresh.log()).not.toContain("Accepted publickey");
    // Without the operator nothing tries again: the sampler's reopen loop must not log in by itself.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await core.handlers.listHosts({}))[0]?.state.phase).toBe("failed");

    await expect(
      core.handlers.trustHostKey({ hostId: "fresh", fingerprint: "SHA256:not-the-key" }),
    ).rejects.toThrow(/no host key/);
    const sampled = next("sampleReceived", (snapshot) => snapshot.hostId === "fresh");
    await core.handlers.trustHostKey({ hostId: "fresh", fingerprint });
    const snapshot = await sampled;
    expect(snapshot.nics.some((nic) => nic.name === "lo")).toBe(true);
    expect(fresh.log()).toContain("Accepted publickey");

    // The trusted key sits in the console's own data folder, beside its host list.
    expect(await readFile(trustStorePath(home.dataDir), "utf8")).toContain(fingerprint);
    const saved = JSON.parse(await readFile(hostInventoryPath(home.dataDir), "utf8")) as {
      hosts: Array<{ alias: string; production: boolean }>;
    };
    expect(saved.hosts).toEqual([expect.objectContaining({ alias: "fresh", production: true })]);
  });

  it("follows the saved hosts on the next launch, and brings the demo back when the last one is removed", async () => {
    const { core, next } = await openConsole();
    const ready = next("hostStateChanged", stateOf("fresh", "ready"));
    await core.start();
    expect((await core.handlers.getAppInfo({})).demo).toBe(false);
    expect((await core.handlers.listHosts({})).map((h) => [h.id, h.production])).toEqual([["fresh", true]]);
    await ready; // the key trusted in the previous test is in the trust store now

    const back = next("hostsChanged", (list) => list.demo);
    expect(await core.handlers.removeHost({ hostId: "fresh" })).toEqual({ removed: true });
    expectEvery((await back).hosts, (h) => h.kind === "demo");
    const saved = JSON.parse(await readFile(hostInventoryPath(home.dataDir), "utf8")) as { hosts: unknown[] };
    expect(saved.hosts).toEqual([]);
    expect(await core.handlers.removeHost({ hostId: "demo-nat-1" })).toEqual({ removed: false });
  });

  it("asks for an encrypted key's passphrase through the API, again after a wrong one, and logs in with the right one", async () => {
    const { core, next } = await openConsole();
    await core.start();
    const first = next("credentialRequested", (request) => request.hostId === "locked");
    await core.handlers.addHost({ alias: "locked", production: false });
    const asked: CredentialRequest = await first;
    expect(asked).toMatchObject({
      kind: "passphrase-needed",
      attempt: 1,
      destination: `root@${locked.address}:${locked.port}`,
    });
    expect(asked.keyFile).toMatch(/id_locked$/);
    expect(await core.handlers.listCredentialRequests({})).toEqual([asked]);

    const again = next(
      "credentialRequested",
      (request) => request.hostId === "locked" && request.attempt === 2,
    );
    const settled = next("credentialSettled", (s) => s.promptId === asked.promptId);
    expect(await core.handlers.answerCredential({ promptId: asked.promptId, secret: "wrong" })).toEqual({
      accepted: true,
    });
    expect((await settled).how).toBe("answered");
    const second = await again;
    // An answered prompt cannot be answered twice.
    expect(await core.handlers.answerCredential({ promptId: asked.promptId, secret: PASSPHRASE })).toEqual({
      accepted: false,
    });

    const ready = next("hostStateChanged", stateOf("locked", "ready"));
    await core.handlers.answerCredential({ promptId: second.promptId, secret: PASSPHRASE });
    await ready;
    expect(locked.log()).toContain("Accepted publickey");
    expect(await core.handlers.listCredentialRequests({})).toEqual([]);
    // The passphrase is never written anywhere Fulcrum keeps files.
    const saved = await readFile(hostInventoryPath(home.dataDir), "utf8");
    expect(saved).not.toContain(PASSPHRASE);
    await core.handlers.removeHost({ hostId: "locked" });
  });

  it("skipping every question fails the login with authentication-failed, and retry asks again", async () => {
    const { core, events, next } = await openConsole();
    await core.start();
    // Like ssh(1): with the key skipped, a password may be asked next (sshd offers keyboard-interactive).
    const kinds: string[] = [];
    const skipAll = events.subscribe((name, payload) => {
      if (name !== "credentialRequested") return;
      const request = payload as CredentialRequest;
      kinds.push(request.kind);
      void core.handlers.answerCredential({ promptId: request.promptId });
    });
    const failed = next("hostStateChanged", stateOf("locked", "failed"));
    await core.handlers.addHost({ alias: "locked", production: false });
    expect((await failed).state.problem?.code).toBe("authentication-failed");
    skipAll();
    expect(kinds[0]).toBe("passphrase-needed");

    const askedAgain = next("credentialRequested", (request) => request.hostId === "locked");
    await core.handlers.retryHost({ hostId: "locked" });
    const request = await askedAgain;
    // Removing the host gives up its pending question.
    const cancelled = next("credentialSettled", (s) => s.promptId === request.promptId);
    await core.handlers.removeHost({ hostId: "locked" });
    expect((await cancelled).how).toBe("cancelled");
  });

  it("refuses a changed host key outright: trusting its fingerprint is not possible", async () => {
    const { core, next } = await openConsole();
    await core.start();
    const failed = next("hostStateChanged", stateOf("rekeyed", "failed"));
    await core.handlers.addHost({ alias: "rekeyed", production: false });
    const problem = (await failed).state.problem;
    expect(problem?.code).toBe("hostkey-changed");
    expect(problem?.fingerprint).toBe(await rekeyed.hostKeyFingerprint());
    await expect(
      core.handlers.trustHostKey({ hostId: "rekeyed", fingerprint: problem?.fingerprint ?? "" }),
    ).rejects.toThrow(/no host key/);
    expect(rekeyed.log()).not.toContain("Accepted publickey");
    await core.handlers.removeHost({ hostId: "rekeyed" });
  });

  it("refuses an alias that is not one before anything runs, and a host already followed", async () => {
    const { core } = await openConsole();
    await core.start();
    const dispatch = createApiDispatcher(core.handlers);
    for (const alias of ["a;rm -rf /", "$(reboot)", "-oProxyCommand=sh", "a b", "x\ny", ""]) {
      const reply = await dispatch("addHost", { alias, production: false });
      expect(reply).toMatchObject({ ok: false, error: { code: "invalid-request" } });
    }
    expectEvery(await core.handlers.listHosts({}), (h) => h.kind === "demo");
    await core.handlers.addHost({ alias: "fresh", production: false });
    expect(await dispatch("addHost", { alias: "fresh", production: false })).toMatchObject({
      ok: false,
      error: { code: "already-followed", message: expect.stringMatching(/already followed/) },
    });
    await core.handlers.removeHost({ hostId: "fresh" });
  });
});
