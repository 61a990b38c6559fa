/**
 * The undo of a config edit, pure: plan an edit, record it as the audit entry would, read the
 * record back, plan the inverse against the edited file, and the file comes back byte for byte;
 * refused when the line no longer shows what the edit set, or when the record does not validate.
 */
import { describe, expect, it } from "vitest";
import {
  applyConfigEditIntent,
  type ConfigEditIntent,
} from "../../../../core/actions/config-edit/config-edit-intent.ts";
import {
  configEditInverse,
  configEditRecordOf,
} from "../../../../core/actions/config-edit/config-edit-record.ts";
import type { ConfigEditTarget } from "../../../../core/actions/config-edit/config-edit-target.ts";
import { configPath } from "../../../../core/actions/config-edit/config-path.ts";
import { readKeepalivedRealServerWeight } from "../../../../core/actions/config-edit/keepalived-weight-edit.ts";
import { readNginxUpstreamServer } from "../../../../core/actions/config-edit/nginx-upstream-edit.ts";
import {
  nginxServerAddress,
  nginxUpstreamName,
  nginxWeight,
} from "../../../../core/actions/config-edit/nginx-values.ts";
import { planConfigEditUndo } from "../../../../core/actions/config-edit/plan-config-edit-undo.ts";
import { planConfigEdit } from "../../../../core/actions/config-edit/plan-config-edit.ts";
import { ConfigEditRecordSchema, type ConfigEditRecord } from "../../../../core/audit/config-edit-record.ts";
import { ipvsWeight } from "../../../../core/commands/validated.ts";

const NGINX = `http {
    upstream app {
        server 10.0.0.11:8080 max_fails=3;   # rack 4
        server 10.0.0.12:8080 weight=2 down;
    }
}
`;

const KEEPALIVED = `virtual_server 192.0.2.10 80 {
    real_server 10.0.0.11 80 {
        weight 3   # rack 4
        TCP_CHECK { connect_timeout 3 }
    }
    real_server 10.0.0.12 80 {
        TCP_CHECK { connect_timeout 3 }
    }
}
`;

const nginxTarget: ConfigEditTarget = {
  daemon: "nginx",
  configPath: configPath("/etc/nginx/nginx.conf"),
  pidFile: configPath("/run/nginx.pid"),
};
const keepalivedTarget: ConfigEditTarget = {
  daemon: "keepalived",
  configPath: configPath("/etc/keepalived/keepalived.conf"),
  pidFile: configPath("/run/keepalived.pid"),
};

const nginxIntent = (server: string, change: { weight?: number; down?: boolean }): ConfigEditIntent => ({
  kind: "nginx-upstream-server",
  upstream: nginxUpstreamName("app"),
  server: nginxServerAddress(server),
  ...(change.weight !== undefined ? { weight: nginxWeight(change.weight) } : {}),
  ...(change.down !== undefined ? { down: change.down } : {}),
});

const keepalivedIntent = (realAddress: string, weight: number): ConfigEditIntent => ({
  kind: "keepalived-real-server-weight",
  realServer: { virtualAddress: "192.0.2.10", virtualPort: 80, realAddress, realPort: 80 },
  weight: ipvsWeight(weight),
});

const AT = new Date("2026-01-25T14:30:05.123Z");
const LATER = new Date("2026-01-25T15:00:00.000Z");

/** Edit `text`, and return the edited text and the record as it would come back from the log. */
function editAndRecord(text: string, target: ConfigEditTarget, intent: ConfigEditIntent) {
  const planned = planConfigEdit(text, target, intent, AT);
  if (!planned.ok) throw new Error(planned.refusal.message);
  const record = configEditRecordOf(planned.plan, planned.plan.backupPath);
  if (!record) throw new Error("no record");
  const edited = applyConfigEditIntent(text, intent);
  if (!edited.ok) throw new Error(edited.reason);
  // Through JSON and the schema, as `fulcrum undo` reads it.
  return { edited: edited.text, record: ConfigEditRecordSchema.parse(JSON.parse(JSON.stringify(record))) };
}

function undoText(text: string, record: ConfigEditRecord, entryId = "e1"): string {
  const inverse = configEditInverse(record);
  if (!inverse.ok) throw new Error(inverse.reason);
  const planned = planConfigEditUndo(text, inverse.inverse, entryId, LATER);
  if (!planned.ok) throw new Error(planned.refusal.message);
  const undone = applyConfigEditIntent(text, planned.plan.intent);
  if (!undone.ok) throw new Error(undone.reason);
  return undone.text;
}

describe("reading what a line holds", () => {
  it("reads nginx weight= and down, null when no weight is written", () => {
    const read = (server: string) =>
      readNginxUpstreamServer(NGINX, nginxUpstreamName("app"), nginxServerAddress(server));
    expect(read("10.0.0.11:8080")).toEqual({ ok: true, values: { weight: null, down: false } });
    expect(read("10.0.0.12:8080")).toEqual({ ok: true, values: { weight: 2, down: true } });
    expect(read("10.0.0.13:8080")).toMatchObject({ ok: false });
    const odd = NGINX.replace("weight=2", "weight=${w}");
    expect(
      readNginxUpstreamServer(odd, nginxUpstreamName("app"), nginxServerAddress("10.0.0.12:8080")),
    ).toMatchObject({ ok: false });
  });

  it("reads a keepalived real_server weight, null without a weight line", () => {
    const ref = (realAddress: string) => ({
      virtualAddress: "192.0.2.10",
      virtualPort: 80,
      realAddress,
      realPort: 80,
    });
    expect(readKeepalivedRealServerWeight(KEEPALIVED, ref("10.0.0.11"))).toEqual({ ok: true, weight: 3 });
    expect(readKeepalivedRealServerWeight(KEEPALIVED, ref("10.0.0.12"))).toEqual({ ok: true, weight: null });
    expect(readKeepalivedRealServerWeight(KEEPALIVED, ref("10.0.0.99"))).toMatchObject({ ok: false });
  });
});

describe("undo of a config edit", () => {
  it("records the values before and the values set, for nginx and keepalived", () => {
    expect(editAndRecord(NGINX, nginxTarget, nginxIntent("10.0.0.11:8080", { weight: 5 })).record).toEqual({
      target: { daemon: "nginx", configPath: "/etc/nginx/nginx.conf", pidFile: "/run/nginx.pid" },
      edit: {
        kind: "nginx-upstream-server",
        upstream: "app",
        server: "10.0.0.11:8080",
        previous: { weight: null, down: false },
        set: { weight: 5 },
      },
      backupPath: "/etc/nginx/nginx.conf.fulcrum-20260125T143005Z",
    });
    expect(editAndRecord(KEEPALIVED, keepalivedTarget, keepalivedIntent("10.0.0.11", 2)).record.edit).toEqual(
      {
        kind: "keepalived-real-server-weight",
        virtualServer: "192.0.2.10:80",
        realServer: "10.0.0.11:80",
        previous: { weight: 3 },
        set: { weight: 2 },
      },
    );
  });

  it.each([
    ["nginx: a weight added", NGINX, nginxTarget, nginxIntent("10.0.0.11:8080", { weight: 5 })],
    ["nginx: a weight changed", NGINX, nginxTarget, nginxIntent("10.0.0.12:8080", { weight: 7 })],
    ["nginx: down added", NGINX, nginxTarget, nginxIntent("10.0.0.11:8080", { down: true })],
    ["nginx: down removed", NGINX, nginxTarget, nginxIntent("10.0.0.12:8080", { down: false })],
    ["keepalived: a weight changed", KEEPALIVED, keepalivedTarget, keepalivedIntent("10.0.0.11", 0)],
    ["keepalived: a weight line inserted", KEEPALIVED, keepalivedTarget, keepalivedIntent("10.0.0.12", 4)],
  ] as const)("%s: the inverse gives the original text back", (_name, text, target, intent) => {
    const { edited, record } = editAndRecord(text, target, intent);
    expect(edited).not.toBe(text);
    expect(undoText(edited, record)).toBe(text);
  });

  it("keeps other edits made to the file since (which copying the backup back would lose)", () => {
    const { edited, record } = editAndRecord(
      NGINX,
      nginxTarget,
      nginxIntent("10.0.0.11:8080", { weight: 5 }),
    );
    const meanwhile = edited.replace("weight=2 down", "weight=9 down");
    expect(undoText(meanwhile, record)).toBe(NGINX.replace("weight=2 down", "weight=9 down"));
  });

  it("previews a diff, the edit's commands and the backup as the manual way out", () => {
    const { edited, record } = editAndRecord(KEEPALIVED, keepalivedTarget, keepalivedIntent("10.0.0.11", 2));
    const inverse = configEditInverse(record);
    if (!inverse.ok) throw new Error(inverse.reason);
    const planned = planConfigEditUndo(edited, inverse.inverse, "e1", LATER);
    if (!planned.ok) throw new Error(planned.refusal.message);
    expect(planned.plan.summary).toMatch(/^undo of e1: keepalived: weight 3 for real_server 10\.0\.0\.11 80/);
    expect(planned.plan.diff).toEqual([
      { kind: "removed", lineNo: 3, text: "        weight 2   # rack 4" },
      { kind: "added", lineNo: 3, text: "        weight 3   # rack 4" },
    ]);
    expect(planned.plan.commands).toContain(
      "keepalived --config-test -f /etc/keepalived/keepalived.conf.fulcrum-new-20260125T150000Z",
    );
    expect(planned.plan.warnings.join("\n")).toContain(
      "/etc/keepalived/keepalived.conf.fulcrum-20260125T143005Z",
    );
    // The undo is itself recorded, so it can be undone in turn.
    expect(configEditRecordOf(planned.plan)?.edit).toMatchObject({
      previous: { weight: 2 },
      set: { weight: 3 },
    });
  });

  it("refuses when the line no longer shows what the edit set, naming both values", () => {
    const { edited, record } = editAndRecord(
      NGINX,
      nginxTarget,
      nginxIntent("10.0.0.11:8080", { weight: 5 }),
    );
    const inverse = configEditInverse(record);
    if (!inverse.ok) throw new Error(inverse.reason);
    const changed = planConfigEditUndo(edited.replace("weight=5", "weight=6"), inverse.inverse, "e1", LATER);
    expect(changed.ok).toBe(false);
    if (changed.ok) return;
    expect(changed.refusal.code).toBe("changed-since-entry");
    expect(changed.refusal.message).toContain("/etc/nginx/nginx.conf was changed since entry e1");
    expect(changed.refusal.message).toContain("it set weight 5, the file now shows weight 6");
    expect(changed.refusal.message).toContain("/etc/nginx/nginx.conf.fulcrum-20260125T143005Z");
    // The server line gone altogether: refused too, with the reason.
    const gone = planConfigEditUndo(NGINX.replace(/.*10\.0\.0\.11.*\n/, ""), inverse.inverse, "e1", LATER);
    expect(gone).toMatchObject({
      ok: false,
      refusal: { code: "backend-not-found", message: expect.stringContaining("no server 10.0.0.11:8080") },
    });
  });

  it("refuses a record that does not validate (the log is a file anyone may edit)", () => {
    const { record } = editAndRecord(NGINX, nginxTarget, nginxIntent("10.0.0.11:8080", { weight: 5 }));
    const hostile: ConfigEditRecord[] = [
      { ...record, target: { ...record.target, configPath: "/etc/nginx/nginx.conf; reboot" } },
      { ...record, edit: { ...record.edit, upstream: "-app" } } as ConfigEditRecord,
      { ...record, edit: { ...record.edit, previous: { weight: 0, down: false } } } as ConfigEditRecord,
      { ...record, target: { ...keepalivedTarget } },
    ];
    for (const bad of hostile) expect(configEditInverse(bad).ok, JSON.stringify(bad)).toBe(false);
  });
});
