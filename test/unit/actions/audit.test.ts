import { mkdtemp, readFile, rm, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import { readIpvsTable } from "../../../core/actions/read-ipvs-state.ts";
import { runAction, undoAction, type ActionContext } from "../../../core/actions/run-action.ts";
import { exportAuditEntries } from "../../../core/audit/audit-export.ts";
import type { AuditEntry } from "../../../core/audit/audit-entry.ts";
import { AuditLog } from "../../../core/audit/audit-log.ts";
import { auditLogPath } from "../../../core/audit/data-folder.ts";
import { fulcrumDataFolder } from "../../../core/data-folder.ts";
import { rememberedSettings } from "../../../core/audit/remembered-settings.ts";
import { undoIntent } from "../../../core/audit/undo-intent.ts";
import { undoKind } from "../../../shared/undo-chain.ts";
import { FakeIpvsHost } from "./fake-ipvs-host.ts";

const NAT = "203.0.113.10:80";
const RS1 = "192.0.2.11:80";
const RS2 = "192.0.2.12:80";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "fulcrum-audit-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function context(host: FakeIpvsHost, log: AuditLog, hostId = "lab"): ActionContext {
  let time = Date.parse("2026-11-25T14:00:00Z");
  return {
    host: { id: hostId, production: false },
    executor: host,
    locks: new HostActionLocks(),
    audit: log,
    who: { osUser: "alice", sshUser: "root" },
    now: () => time,
    sleep: async (ms) => {
      time += ms;
    },
  };
}

describe("data folder", () => {
  it("uses FULCRUM_DATA, else ~/.local/share/fulcrum under the given home", () => {
    expect(fulcrumDataFolder({ FULCRUM_DATA: "/srv/f" }, "/home/a")).toBe("/srv/f");
    expect(fulcrumDataFolder({}, "/home/a")).toBe("/home/a/.local/share/fulcrum");
    expect(auditLogPath({}, "/home/a")).toBe("/home/a/.local/share/fulcrum/audit.jsonl");
  });
});

describe("audit through runAction", () => {
  it("appends one line per applied action with who, when, before, after and the exact command", async () => {
    const host = new FakeIpvsHost();
    const log = new AuditLog(join(folder, "data", "audit.jsonl"));
    const run = await runAction(context(host, log), { kind: "drain", service: NAT, backend: RS1 });
    expect(run.report?.outcome).toBe("verified");
    const lines = (await readFile(log.path, "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? "") as AuditEntry;
    expect(entry).toMatchObject({
      id: run.entry?.id,
      at: "2026-11-25T14:00:00.000Z",
      who: { osUser: "alice", sshUser: "root" },
      hostId: "lab",
      intent: { kind: "drain", service: NAT, backend: RS1 },
      commands: [
        {
          shell: "ipvsadm -e -t 203.0.113.10:80 -r 192.0.2.11:80 -m -w 0 -x 1000 -y 800",
          status: "applied",
          exitCode: 0,
        },
      ],
      before: { exists: true, forward: "masq", weight: 3 },
      after: { exists: true, forward: "masq", weight: 0 },
      remembered: { forward: "masq", weight: 3, upperThreshold: 1000, lowerThreshold: 800 },
      result: "verified",
      verified: true,
    });
  });

  it("remembers the drained weight for undrain, across a new AuditLog on the same file", async () => {
    const host = new FakeIpvsHost();
    const path = join(folder, "audit.jsonl");
    await runAction(context(host, new AuditLog(path)), { kind: "drain", service: NAT, backend: RS1 });
    const undrain = await runAction(context(host, new AuditLog(path)), {
      kind: "undrain",
      service: NAT,
      backend: RS1,
    });
    expect(undrain.report?.outcome).toBe("verified");
    expect(host.server(RS1)).toMatchObject({ weight: 3, forward: "Masq", upper: 1000, lower: 800 });
  });

  it("undoes drain, weight, remove and restore through plan and apply", async () => {
    const host = new FakeIpvsHost();
    const log = new AuditLog(join(folder, "audit.jsonl"));
    const ctx = context(host, log);

    const weight = await runAction(ctx, { kind: "setWeight", service: NAT, backend: RS2, weight: 7 });
    const undoWeight = await undoAction(ctx, weight.entry?.id ?? "");
    expect("report" in undoWeight && undoWeight.report?.outcome).toBe("verified");
    expect(host.server(RS2)).toMatchObject({ weight: 1, upper: 500 });
    expect("entry" in undoWeight && undoWeight.entry?.undoOf).toBe(weight.entry?.id);

    const removal = await runAction(ctx, { kind: "remove", service: NAT, backend: RS1 });
    expect(host.server(RS1)).toBeUndefined();
    const undoRemoval = await undoAction(ctx, removal.entry?.id ?? "");
    expect("entry" in undoRemoval && undoRemoval.entry?.intent.kind).toBe("restore");
    expect(host.server(RS1)).toMatchObject({ weight: 3, forward: "Masq", upper: 1000, lower: 800 });

    const undoRestore = await undoAction(ctx, ("entry" in undoRemoval && undoRemoval.entry?.id) || "");
    expect("entry" in undoRestore && undoRestore.entry?.intent.kind).toBe("remove");
    expect(host.server(RS1)).toBeUndefined();
  });

  it("refuses an undo whose target changed since (changed-since-entry), naming the later entry", async () => {
    const host = new FakeIpvsHost();
    const log = new AuditLog(join(folder, "audit.jsonl"));
    const ctx = context(host, log);
    const drain = await runAction(ctx, { kind: "drain", service: NAT, backend: RS1 });
    const weight = await runAction(ctx, { kind: "setWeight", service: NAT, backend: RS1, weight: 30 });
    const stale = await undoAction(ctx, drain.entry?.id ?? "");
    expect(stale.planned.ok).toBe(false);
    const refusal = stale.planned.ok ? undefined : stale.planned.refusal;
    expect(refusal?.code).toBe("changed-since-entry");
    expect(refusal?.message).toContain(`the later change is entry ${weight.entry?.id}`);
    expect(refusal?.message).toContain("by alice (ssh root): setWeight");
    expect(refusal?.message).toContain("Undoing would overwrite masq weight 30");
    expect(stale.report).toBeUndefined();
    expect(host.server(RS1)).toMatchObject({ weight: 30 });

    // Undone newest first, each undo finds what its entry set, and the drain's undo restores 3.
    expect((await undoAction(ctx, weight.entry?.id ?? "")).report?.outcome).toBe("verified");
    expect(host.server(RS1)).toMatchObject({ weight: 0 });
    expect((await undoAction(ctx, drain.entry?.id ?? "")).report?.outcome).toBe("verified");
    expect(host.server(RS1)).toMatchObject({ weight: 3 });
  });

  it("an undone entry is not undone twice (already-undone); undoing its undo is a redo", async () => {
    const host = new FakeIpvsHost();
    const log = new AuditLog(join(folder, "audit.jsonl"));
    const ctx = context(host, log);
    const drain = await runAction(ctx, { kind: "drain", service: NAT, backend: RS1 });
    const undo = await undoAction(ctx, drain.entry?.id ?? "");
    expect(host.server(RS1)).toMatchObject({ weight: 3 });
    const twice = await undoAction(ctx, drain.entry?.id ?? "");
    const refusal = twice.planned.ok ? undefined : twice.planned.refusal;
    expect(refusal?.code).toBe("already-undone");
    expect(refusal?.message).toContain(`redo entry ${undo.entry?.id}`);
    const entries = (await log.read()).entries;
    expect(undoKind(undo.entry as AuditEntry, entries)).toBe("redo");
    expect(undoKind(drain.entry as AuditEntry, entries)).toBe("undo");
    const redo = await undoAction(ctx, undo.entry?.id ?? "");
    expect(redo.report?.outcome).toBe("verified");
    expect(host.server(RS1)).toMatchObject({ weight: 0 });
    expect(redo.entry?.undoOf).toBe(undo.entry?.id);
  });

  it("names no entry when the change was made outside Fulcrum", async () => {
    const host = new FakeIpvsHost();
    const log = new AuditLog(join(folder, "audit.jsonl"));
    const ctx = context(host, log);
    const drain = await runAction(ctx, { kind: "drain", service: NAT, backend: RS1 });
    await runAction(
      { ...ctx, audit: new AuditLog(join(folder, "other.jsonl")) },
      {
        kind: "setWeight",
        service: NAT,
        backend: RS1,
        weight: 5,
      },
    );
    const stale = await undoAction(ctx, drain.entry?.id ?? "");
    const refusal = stale.planned.ok ? undefined : stale.planned.refusal;
    expect(refusal?.code).toBe("changed-since-entry");
    expect(refusal?.message).toContain("no later audit entry explains it");
  });

  it("refuses to undo what is missing, belongs to another host, or changed nothing", async () => {
    const host = new FakeIpvsHost();
    const log = new AuditLog(join(folder, "audit.jsonl"));
    expect((await undoAction(context(host, log), "nope")).planned).toEqual({
      ok: false,
      refusal: { code: "entry-not-found", message: "no audit entry nope" },
    });
    const drain = await runAction(context(host, log), { kind: "drain", service: NAT, backend: RS1 });
    expect((await undoAction(context(host, log, "other"), drain.entry?.id ?? "")).planned).toEqual({
      ok: false,
      refusal: { code: "entry-not-found", message: `entry ${drain.entry?.id} is for host lab, not other` },
    });
    // Planned on a table that then changes: the apply aborts, is audited, and has nothing to undo.
    const stale = await readIpvsTable(host);
    Object.assign(host.server(RS2) ?? {}, { weight: 9 });
    const aborted = await runAction(
      { ...context(host, log), services: stale },
      { kind: "setWeight", service: NAT, backend: RS2, weight: 5 },
    );
    expect(aborted.report?.outcome).toBe("aborted");
    expect(aborted.entry).toMatchObject({
      result: "aborted",
      verified: false,
      commands: [{ status: "not-run" }],
    });
    expect(await log.query({ hostId: "lab" })).toHaveLength(2);
    expect((await undoAction(context(host, log), aborted.entry?.id ?? "")).planned).toEqual({
      ok: false,
      refusal: {
        code: "nothing-to-undo",
        message: `entry ${aborted.entry?.id} changed nothing (aborted); there is nothing to undo`,
      },
    });
  });
});

describe("AuditLog", () => {
  function entry(id: string, at: string, hostId: string): AuditEntry {
    return {
      id,
      at,
      who: { osUser: "alice" },
      hostId,
      intent: { kind: "drain", service: NAT, backend: RS1 },
      service: NAT,
      backend: RS1,
      commands: [
        { shell: "ipvsadm -e -t 203.0.113.10:80 -r 192.0.2.11:80 -m -w 0", status: "applied", exitCode: 0 },
      ],
      before: { exists: true, forward: "masq", weight: 3 },
      after: { exists: true, forward: "masq", weight: 0 },
      expectedAfter: { exists: true, forward: "masq", weight: 0 },
      remembered: { forward: "masq", weight: 3 },
      result: "verified",
      verified: true,
      message: 'ok, "quoted"',
      confirmedGuards: [],
    };
  }

  it("queries by host and time range, keeps bad lines out and counts them", async () => {
    const log = new AuditLog(join(folder, "audit.jsonl"));
    await log.append(entry("a", "2026-11-25T10:00:00.000Z", "lb1"));
    await log.append(entry("b", "2026-11-25T11:00:00.000Z", "lb2"));
    await appendFile(log.path, "{not json\n");
    await log.append(entry("c", "2026-11-25T12:00:00.000Z", "lb1"));
    expect((await log.query({ hostId: "lb1" })).map((e) => e.id)).toEqual(["a", "c"]);
    const from = Date.parse("2026-11-25T10:30:00Z");
    const to = Date.parse("2026-11-25T12:00:00Z");
    expect((await log.query({ from, to })).map((e) => e.id)).toEqual(["b", "c"]);
    expect((await log.read()).badLines).toEqual([3]);
    expect((await log.find("b"))?.hostId).toBe("lb2");
    await expect(log.append({ ...entry("", "x", "lb1") })).rejects.toThrow(ZodError);
  });

  it("exports JSON, JSON lines and CSV", async () => {
    const entries = [
      entry("a", "2026-11-25T10:00:00.000Z", "lb1"),
      { ...entry("b", "2026-11-25T11:00:00.000Z", "lb1"), message: "=cmd()" },
    ];
    expect(JSON.parse(exportAuditEntries(entries, "json"))).toEqual(entries);
    expect(
      exportAuditEntries(entries, "jsonl")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line).id),
    ).toEqual(["a", "b"]);
    const csv = exportAuditEntries(entries, "csv").split("\r\n");
    expect(csv[0]).toBe(
      "id,at,osUser,sshUser,hostId,action,service,backend,commands,before,after,result,verified,message,undoOf",
    );
    expect(csv[1]).toBe(
      '"a","2026-11-25T10:00:00.000Z","alice","","lb1","drain","203.0.113.10:80","192.0.2.11:80","ipvsadm -e -t 203.0.113.10:80 -r 192.0.2.11:80 -m -w 0","masq weight 3","masq weight 0","verified","true","ok, ""quoted""",""',
    );
    expect(csv[2]).toContain(`"'=cmd()"`);
  });

  it("turns applied drains and removes into remembered settings for its host only", () => {
    const entries = [
      entry("a", "2026-11-25T10:00:00.000Z", "lb1"),
      entry("b", "2026-11-25T10:00:00.000Z", "lb2"),
    ];
    expect(rememberedSettings(entries, "lb1")).toEqual([
      { service: NAT, backend: RS1, settings: { forward: "masq", weight: 3 }, entryId: "a" },
    ]);
  });

  it("maps each action to its inverse", () => {
    const base = entry("a", "2026-11-25T10:00:00.000Z", "lb1");
    expect(undoIntent(base)).toEqual({
      ok: true,
      intent: { kind: "undrain", service: NAT, backend: RS1, weight: 3 },
    });
    expect(
      undoIntent({ ...base, intent: { kind: "setWeight", service: NAT, backend: RS1, weight: 0 } }),
    ).toEqual({
      ok: true,
      intent: { kind: "setWeight", service: NAT, backend: RS1, weight: 3 },
    });
    expect(
      undoIntent({
        ...base,
        intent: { kind: "undrain", service: NAT, backend: RS1 },
        before: { exists: true, forward: "masq", weight: 0 },
      }),
    ).toEqual({
      ok: true,
      intent: { kind: "drain", service: NAT, backend: RS1 },
    });
    expect(undoIntent({ ...base, intent: { kind: "remove", service: NAT, backend: RS1 } })).toEqual({
      ok: true,
      intent: { kind: "restore", service: NAT, backend: RS1, settings: { forward: "masq", weight: 3 } },
    });
    expect(undoIntent({ ...base, intent: { kind: "restore", service: NAT, backend: RS1 } })).toEqual({
      ok: true,
      intent: { kind: "remove", service: NAT, backend: RS1 },
    });
  });
});

describe("change entries share the log", () => {
  it("keeps HAProxy/config/failover entries apart from IPVS entries, in one file", async () => {
    const { mkdtemp, rm, appendFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "fulcrum-audit-changes-"));
    try {
      const log = new AuditLog(join(dir, "audit.jsonl"));
      await log.appendChange({
        type: "haproxy",
        id: "c1",
        at: "2026-11-25T10:00:00.000Z",
        who: { osUser: "ops" },
        hostId: "lb1",
        summary: "drain be_app/web1",
        target: "haproxy:be_app/web1",
        commands: [{ shell: "set server be_app/web1 state drain", status: "applied" }],
        before: { admin: "ready", weight: 10 },
        after: { admin: "drain", weight: 10 },
        result: "verified",
        verified: true,
        message: "verified",
        undo: { kind: "haproxy-state", backend: "be_app", server: "web1", state: "ready" },
      });
      await appendFile(join(dir, "audit.jsonl"), '{"type":"haproxy","id":"broken"}\n');
      const read = await log.read();
      expect(read.entries).toEqual([]);
      expect(read.changes.map((entry) => entry.id)).toEqual(["c1"]);
      expect(read.badLines).toEqual([2]);
      expect((await log.findChange("c1"))?.undo).toMatchObject({ state: "ready" });
      expect(await log.queryChanges({ hostId: "lb2" })).toEqual([]);
      await expect(log.appendChange({ type: "nope" } as never)).rejects.toThrow(ZodError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// Lines exactly as the Fulcrum before the closed vocabularies wrote them: they must still read.
describe("audit.jsonl lines written before the closed vocabularies", () => {
  const lines = [
    '{"id":"i1","at":"2026-11-25T14:00:00.000Z","who":{"osUser":"alice","sshUser":"root"},"hostId":"lb1","intent":{"kind":"drain","service":"203.0.113.10:80","backend":"192.0.2.11:80"},"service":"203.0.113.10:80","backend":"192.0.2.11:80","commands":[{"shell":"ipvsadm -e -t 203.0.113.10:80 -r 192.0.2.11:80 -m -w 0","status":"applied","exitCode":0}],"before":{"exists":true,"forward":"masq","weight":3},"after":{"exists":true,"forward":"masq","weight":0},"expectedAfter":{"exists":true,"forward":"masq","weight":0},"remembered":{"forward":"masq","weight":3},"result":"verified","verified":true,"message":"ok","confirmedGuards":["last-weighted-backend","production"]}',
    '{"type":"haproxy","id":"h1","at":"2026-11-25T14:01:00.000Z","who":{"osUser":"alice"},"hostId":"lb1","summary":"drain be_app/web1","target":"haproxy:be_app/web1","commands":[{"shell":"set server be_app/web1 state drain","status":"applied"}],"before":{"admin":"ready","weight":10},"after":{"admin":"drain","weight":10},"result":"verified","verified":true,"message":"set server be_app/web1 state drain: verified","undo":{"kind":"haproxy-state","backend":"be_app","server":"web1","state":"ready"}}',
    '{"type":"haproxy","id":"h2","at":"2026-11-25T14:02:00.000Z","who":{"osUser":"alice"},"hostId":"lb1","summary":"drain be_app/web2","target":"haproxy:be_app/web2","commands":[{"shell":"set server be_app/web2 state drain","status":"unknown"}],"before":{"admin":"ready","weight":20},"result":"unknown","verified":false,"message":"socket broke","undo":{"kind":"haproxy-state","backend":"be_app","server":"web2","state":"ready"}}',
    '{"type":"failover","id":"f1","at":"2026-11-25T14:03:00.000Z","who":{"osUser":"alice"},"hostId":"lb1","summary":"failover VI_1 lb1 -> lb2","target":"VI_1","commands":[],"result":"verified","verified":true,"message":"ok","failover":{"instance":"VI_1","vips":["203.0.113.10"],"from":"lb1","to":"lb2","method":"lower-priority","trackFile":{"path":"/etc/keepalived/fulcrum","before":null,"after":"-60"}}}',
  ];

  it("reads every one of them, none set aside as bad", async () => {
    const path = join(folder, "old-audit.jsonl");
    await appendFile(path, `${lines.join("\n")}\n`);
    const read = await new AuditLog(path).read();
    expect(read.badLines).toEqual([]);
    expect(read.entries.map((entry) => entry.confirmedGuards)).toEqual([
      ["last-weighted-backend", "production"],
    ]);
    expect(read.changes.map((entry) => entry.id)).toEqual(["h1", "h2", "f1"]);
  });
});
