import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HaproxyIntent } from "../../../../core/actions/haproxy/haproxy-intent.ts";
import {
  runHaproxyAction,
  undoHaproxyChange,
  type HaproxyActionContext,
} from "../../../../core/actions/haproxy/run-haproxy-action.ts";
import { HostActionLocks } from "../../../../core/actions/host-action-lock.ts";
import { AuditLog } from "../../../../core/audit/audit-log.ts";
import { haproxyName, haproxyWeight } from "../../../../core/commands/validated.ts";
import { fakeHaproxyHost, type FakeHaproxyHost } from "./fake-haproxy-executor.ts";

const SOCKET = "/run/haproxy/admin.sock";
const CONFIG = "/etc/haproxy/haproxy.cfg";
const backend = haproxyName("be_app");
const drainWeb1: HaproxyIntent = {
  kind: "haproxy-state",
  backend,
  server: haproxyName("web1"),
  state: "drain",
};

let dir: string;
let host: FakeHaproxyHost;
let context: HaproxyActionContext;
let time = 1_000_000;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fulcrum-haproxy-run-"));
  host = fakeHaproxyHost({
    socket: SOCKET,
    configs: { [CONFIG]: `global\n    stats socket ${SOCKET} mode 660 level admin\n` },
    servers: [
      { backend: "be_app", server: "web1", adminState: 0, weight: 10 },
      { backend: "be_app", server: "web2", adminState: 0, weight: 20 },
    ],
  });
  context = {
    hostId: "lb1",
    executor: host.executor,
    locks: new HostActionLocks(),
    audit: new AuditLog(path.join(dir, "audit.jsonl")),
    who: { osUser: "alice", sshUser: "root" },
    configPath: CONFIG,
    pollIntervalMs: 1,
    now: () => time,
    sleep: async (ms) => {
      time += ms;
    },
  };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("runHaproxyAction", () => {
  it("a dry run plans against the socket named in the config and sends and records nothing", async () => {
    const run = await runHaproxyAction(context, drainWeb1, { dryRun: true });
    expect(run.basis?.socket).toBe(SOCKET);
    expect(run.planned).toMatchObject({ ok: true, plan: { command: "set server be_app/web1 state drain" } });
    expect(host.received.filter((command) => command.startsWith("set "))).toEqual([]);
    expect((await context.audit.read()).changes).toEqual([]);
  });

  it("applies, verifies and records a haproxy entry whose undo is the inverse intent", async () => {
    const run = await runHaproxyAction(context, drainWeb1);
    expect(run.report?.outcome).toBe("verified");
    expect(host.servers[0]).toMatchObject({ adminState: 0x08, weight: 10 });
    const [entry] = (await context.audit.read()).changes;
    expect(entry).toEqual({
      type: "haproxy",
      id: run.entry?.id,
      at: expect.any(String),
      who: { osUser: "alice", sshUser: "root" },
      hostId: "lb1",
      summary: "drain be_app/web1",
      target: "haproxy:be_app/web1",
      commands: [{ shell: "set server be_app/web1 state drain", status: "applied", exitCode: 0 }],
      before: { admin: "ready", weight: 10 },
      after: { admin: "drain", weight: 10 },
      result: "verified",
      verified: true,
      message: "be_app/web1 is now drain, weight 10 (verified by re-reading the servers)",
      undo: { kind: "haproxy-state", backend: "be_app", server: "web1", state: "ready" },
    });
  });

  it("undo runs the recorded inverse and records undoOf; a weight goes back to the weight before", async () => {
    const weighted = await runHaproxyAction(context, {
      kind: "haproxy-weight",
      backend,
      server: haproxyName("web2"),
      weight: haproxyWeight(3),
    });
    expect(host.servers[1]?.weight).toBe(3);
    const undone = await undoHaproxyChange(context, weighted.entry?.id ?? "");
    expect(host.servers[1]?.weight).toBe(20);
    expect(undone.entry).toMatchObject({
      undoOf: weighted.entry?.id,
      before: { weight: 3 },
      after: { weight: 20 },
    });
    expect(host.received.filter((command) => command.startsWith("set "))).toEqual([
      "set server be_app/web2 weight 3",
      "set server be_app/web2 weight 20",
    ]);
  });

  it("refuses when the config declares no usable socket; an explicit socket needs no config", async () => {
    const none = await runHaproxyAction({ ...context, configPath: "/etc/other.cfg" }, drainWeb1);
    expect(none.planned).toEqual({
      ok: false,
      refusal: { code: "no-admin-socket", message: expect.stringContaining("cannot read /etc/other.cfg") },
    });
    expect(host.received).toEqual([]);
    const explicit = await runHaproxyAction(
      { ...context, socket: SOCKET, configPath: "/etc/other.cfg" },
      drainWeb1,
    );
    expect(explicit.report?.outcome).toBe("verified");
  });

  it("records an aborted apply without an undo, and undo then refuses without sending anything", async () => {
    // Servers read earlier, before someone else changed web1's weight: compare-and-set aborts.
    const stale = (await runHaproxyAction(context, drainWeb1, { dryRun: true })).basis;
    host.servers[0]!.weight = 7;
    const run = await runHaproxyAction(context, drainWeb1, stale ? { basis: stale } : {});
    expect(run.report?.outcome).toBe("aborted");
    expect(run.entry).toMatchObject({ result: "aborted", commands: [{ status: "not-run" }] });
    expect(run.entry?.undo).toBeUndefined();
    const sent = host.received.length;
    expect((await undoHaproxyChange(context, run.entry?.id ?? "")).planned).toEqual({
      ok: false,
      refusal: { code: "nothing-to-undo", message: expect.stringContaining("changed nothing") },
    });
    expect(host.received.length).toBe(sent);
  });

  it("refuses an undo record that was edited to name something HAProxy could not", async () => {
    const run = await runHaproxyAction(context, drainWeb1);
    const entry = run.entry!;
    await context.audit.appendChange({
      ...entry,
      id: "tampered",
      undo: { ...entry.undo, server: "web1 state maint;shutdown sessions server be_app/web2" },
    });
    expect((await undoHaproxyChange(context, "tampered")).planned).toEqual({
      ok: false,
      refusal: { code: "entry-incomplete", message: expect.stringContaining("does not validate") },
    });
    expect((await undoHaproxyChange({ ...context, hostId: "lb2" }, entry.id)).planned).toEqual({
      ok: false,
      refusal: { code: "entry-not-found", message: expect.stringContaining("is for host lb1") },
    });
    expect(host.servers[0]?.adminState).toBe(0x08);
  });

  // The HAProxy path used to record this as "unknown", with an undo, for a command never sent.
  it("a socket that breaks before anything was sent fails the apply, records nothing run and no undo", async () => {
    const planned = (await runHaproxyAction(context, drainWeb1, { dryRun: true })).basis;
    host.breakSocket();
    const run = await runHaproxyAction(
      { ...context, socket: SOCKET },
      drainWeb1,
      planned ? { basis: planned } : {},
    );
    expect(run.entry).toMatchObject({
      result: "failed",
      verified: false,
      commands: [{ status: "not-run" }],
      message: expect.stringContaining("Connection reset"),
    });
    expect(run.entry?.undo).toBeUndefined();
    expect(host.servers[0]?.adminState).toBe(0);
  });

  it("a socat failure on the runtime command itself is a failed, not-applied command", async () => {
    host.breakOn = (command) => command.startsWith("set ");
    const run = await runHaproxyAction(context, drainWeb1);
    expect(run.report).toMatchObject({
      outcome: "failed",
      message: expect.stringContaining("socat exited 1: socat: Connection reset by peer"),
      commands: [{ shell: "set server be_app/web1 state drain", status: "not-applied", exitCode: 1 }],
    });
    expect(run.entry?.undo).toBeUndefined();
  });

  it("on a production host every change needs the typed backend", async () => {
    const refused = await runHaproxyAction({ ...context, production: true }, drainWeb1);
    expect(refused.planned).toMatchObject({
      ok: false,
      refusal: { code: "confirmation-required", confirmText: "haproxy:be_app" },
    });
    const confirmed = await runHaproxyAction({ ...context, production: true }, drainWeb1, {
      confirmation: "haproxy:be_app",
    });
    expect(confirmed.report?.outcome).toBe("verified");
  });
});
