import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HaproxyIntent } from "../../../../core/actions/haproxy/haproxy-intent.ts";
import {
  runHaproxyAction,
  undoHaproxyChange,
  type HaproxyActionContext,
  type HaproxyRun,
  type HaproxyRunResult,
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

function applied(result: HaproxyRunResult): HaproxyRun {
  if ("refused" in result) throw new Error(`refused: ${result.refused}`);
  return result;
}

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
  };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("runHaproxyAction", () => {
  it("a dry run plans against the socket named in the config and sends and records nothing", async () => {
    const run = applied(await runHaproxyAction(context, drainWeb1, { dryRun: true }));
    expect(run.socket).toBe(SOCKET);
    expect(run.planned).toMatchObject({ ok: true, plan: { command: "set server be_app/web1 state drain" } });
    expect(host.received.filter((command) => command.startsWith("set "))).toEqual([]);
    expect((await context.audit.read()).changes).toEqual([]);
  });

  it("applies, verifies and records a haproxy entry whose undo is the inverse intent", async () => {
    const run = applied(await runHaproxyAction(context, drainWeb1));
    expect(run.ended?.outcome).toBe("verified");
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
      commands: [{ shell: "set server be_app/web1 state drain", status: "applied" }],
      before: { admin: "ready", weight: 10 },
      after: { admin: "drain", weight: 10 },
      result: "verified",
      verified: true,
      message: "set server be_app/web1 state drain: verified",
      undo: { kind: "haproxy-state", backend: "be_app", server: "web1", state: "ready" },
    });
  });

  it("undo runs the recorded inverse and records undoOf; a weight goes back to the weight before", async () => {
    const weighted = applied(
      await runHaproxyAction(context, {
        kind: "haproxy-weight",
        backend,
        server: haproxyName("web2"),
        weight: haproxyWeight(3),
      }),
    );
    expect(host.servers[1]?.weight).toBe(3);
    const undone = applied(await undoHaproxyChange(context, weighted.entry?.id ?? ""));
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
    expect(none).toEqual({ refused: expect.stringContaining("cannot read /etc/other.cfg") });
    expect(host.received).toEqual([]);
    const explicit = applied(
      await runHaproxyAction({ ...context, socket: SOCKET, configPath: "/etc/other.cfg" }, drainWeb1),
    );
    expect(explicit.ended?.outcome).toBe("verified");
  });

  it("records an aborted apply without an undo, and undo then refuses without sending anything", async () => {
    // Servers read earlier, before someone else changed web1's weight: compare-and-set aborts.
    const stale = applied(await runHaproxyAction(context, drainWeb1, { dryRun: true })).servers;
    host.servers[0]!.weight = 7;
    const run = applied(await runHaproxyAction({ ...context, servers: stale }, drainWeb1));
    expect(run.ended?.outcome).toBe("aborted");
    expect(run.entry).toMatchObject({ result: "aborted", commands: [{ status: "not-run" }] });
    expect(run.entry?.undo).toBeUndefined();
    const sent = host.received.length;
    expect(await undoHaproxyChange(context, run.entry?.id ?? "")).toEqual({
      refused: expect.stringContaining("changed nothing"),
    });
    expect(host.received.length).toBe(sent);
  });

  it("refuses an undo record that was edited to name something HAProxy could not", async () => {
    const run = applied(await runHaproxyAction(context, drainWeb1));
    const entry = run.entry!;
    await context.audit.appendChange({
      ...entry,
      id: "tampered",
      undo: { ...entry.undo, server: "web1 state maint;shutdown sessions server be_app/web2" },
    });
    expect(await undoHaproxyChange(context, "tampered")).toEqual({
      refused: expect.stringContaining("does not validate"),
    });
    expect(await undoHaproxyChange({ ...context, hostId: "lb2" }, entry.id)).toEqual({
      refused: expect.stringContaining("is for host lb1"),
    });
    expect(host.servers[0]?.adminState).toBe(0x08);
  });

  it("records a broken socket conversation as unknown, with an undo in case HAProxy took it", async () => {
    const planned = applied(await runHaproxyAction(context, drainWeb1, { dryRun: true })).servers;
    host.breakSocket();
    const run = applied(await runHaproxyAction({ ...context, servers: planned, socket: SOCKET }, drainWeb1));
    expect(run.entry).toMatchObject({
      result: "unknown",
      verified: false,
      commands: [{ status: "unknown" }],
      message: expect.stringContaining("Connection reset"),
      undo: { state: "ready" },
    });
  });

  it("on a production host every change needs the typed backend", async () => {
    const refused = applied(await runHaproxyAction({ ...context, production: true }, drainWeb1));
    expect(refused.planned).toMatchObject({ ok: false, confirmText: "haproxy:be_app" });
    const confirmed = applied(
      await runHaproxyAction({ ...context, production: true }, drainWeb1, { confirmation: "haproxy:be_app" }),
    );
    expect(confirmed.ended?.outcome).toBe("verified");
  });
});
