import { describe, expect, it } from "vitest";
import {
  haproxyIntentRecord,
  HaproxyIntentSchema,
  inverseHaproxyIntent,
} from "../../../../core/actions/haproxy/haproxy-intent-record.ts";
import type { HaproxyIntent } from "../../../../core/actions/haproxy/haproxy-intent.ts";
import { haproxyName, haproxyWeight } from "../../../../core/commands/validated.ts";

const backend = haproxyName("be_app");
const server = haproxyName("web1");
const drain: HaproxyIntent = { kind: "haproxy-state", backend, server, state: "drain" };
const weight: HaproxyIntent = { kind: "haproxy-weight", backend, server, weight: haproxyWeight(5) };

describe("inverseHaproxyIntent", () => {
  it("returns a state change to the admin state read before it, and a weight to the weight before", () => {
    expect(inverseHaproxyIntent(drain, { admin: "ready", weight: 10 })).toEqual({ ...drain, state: "ready" });
    expect(inverseHaproxyIntent(drain, { admin: "maint", weight: 10 })).toEqual({ ...drain, state: "maint" });
    const ready: HaproxyIntent = { ...drain, state: "ready" };
    expect(inverseHaproxyIntent(ready, { admin: "drain", weight: 10 })).toEqual({ ...drain, state: "drain" });
    expect(inverseHaproxyIntent(weight, { admin: "drain", weight: 10 })).toEqual({ ...weight, weight: 10 });
  });
});

describe("HaproxyIntentSchema", () => {
  it("reads back the record an entry keeps", () => {
    for (const intent of [drain, weight])
      expect(HaproxyIntentSchema.parse(haproxyIntentRecord(intent))).toEqual(intent);
  });

  it("refuses records edited to carry other runtime commands or out-of-range values", () => {
    const bad = [
      { kind: "haproxy-state", backend: "be_app;shutdown sessions", server: "web1", state: "ready" },
      {
        kind: "haproxy-state",
        backend: "be_app",
        server: "web1\nset server be_app/web2 state maint",
        state: "ready",
      },
      { kind: "haproxy-state", backend: "be_app", server: "web1", state: "ready;help" },
      { kind: "haproxy-weight", backend: "be_app", server: "web1", weight: 257 },
      { kind: "haproxy-weight", backend: "be_app", server: "web1", weight: "5" },
      { kind: "haproxy-state", backend: "be_app", server: "web1", state: "ready", extra: "x" },
      { kind: "setWeight", backend: "be_app", server: "web1", weight: 5 },
    ];
    for (const record of bad)
      expect(HaproxyIntentSchema.safeParse(record).success, JSON.stringify(record)).toBe(false);
  });
});
