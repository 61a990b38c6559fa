// Every code that crosses core/api.ts is a closed z.enum (STYLE.md principle 10, Cockpit's problem
// codes): this walks the schemas of every request, reply and event and fails on a field that names
// a code (code, kind, outcome, status, ...) but accepts any string. A field that carries a tool's
// own word (HAProxy's status column) is listed below with the reason; nothing else may be open.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ApiErrorCodeSchema, apiEvents, apiRequests, ProblemCodeSchema } from "../../../core/api.ts";

/** Field names that hold a code: one of a closed set of values the UI and the CLI switch on. */
const CODE_FIELD =
  /^(code|kind|type|outcome|result|status|phase|how|state|method|refusal|admin|forward|protocol|family|daemon)$|(Code|Kind|Guards)$/;

/** Open on purpose: the tool's own text, shown as the tool printed it, never switched on. */
const OPEN_BY_DESIGN: Record<string, string> = {
  "apiEvents.sampleReceived.haproxy[].status": "HAProxy's status column as printed (UP 2/3, no check, DRAIN)",
  "apiRequests.getSnapshot.reply.haproxy[].status":
    "HAProxy's status column as printed (UP 2/3, no check, DRAIN)",
  "apiEvents.sampleReceived.vrrp.instances[].state": "keepalived's own state word (MASTER, BACKUP, FAULT...)",
  "apiRequests.getSnapshot.reply.vrrp.instances[].state":
    "keepalived's own state word (MASTER, BACKUP, FAULT...)",
};

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** The schema under optional/nullable/default/readonly/pipe wrappers and array elements. */
function leaf(schema: unknown): Def {
  let def = defOf(schema);
  for (;;) {
    if (["optional", "nullable", "default", "readonly", "nonoptional", "catch"].includes(def.type))
      def = defOf(def["innerType"]);
    else if (def.type === "pipe") def = defOf(def["in"]);
    else if (def.type === "array") def = defOf(def["element"]);
    else return def;
  }
}

/** Whether a leaf accepts only a closed set of values. */
function closed(def: Def): boolean {
  if (def.type === "enum" || def.type === "literal") return true;
  if (def.type === "union") return (def["options"] as unknown[]).every((option) => closed(leaf(option)));
  // Not text at all (numbers, booleans, objects): not an open code either.
  return def.type !== "string" && def.type !== "template_literal";
}

/** Every named field of every object in `schema`, with its path. */
function* fields(
  schema: unknown,
  path: string,
  ancestors: readonly unknown[] = [],
): Generator<[string, string, unknown]> {
  // Only a schema inside itself (a lazy one) is skipped: shared schemas are walked at every place.
  if (ancestors.includes(schema)) return;
  const seen = [...ancestors, schema];
  const def = defOf(schema);
  switch (def.type) {
    case "object":
      for (const [name, field] of Object.entries(def["shape"] as Record<string, unknown>)) {
        yield [`${path}.${name}`, name, field];
        yield* fields(field, `${path}.${name}`, seen);
      }
      return;
    case "array":
      yield* fields(def["element"], `${path}[]`, seen);
      return;
    case "union":
      for (const option of def["options"] as unknown[]) yield* fields(option, path, seen);
      return;
    case "intersection":
      yield* fields(def["left"], path, seen);
      yield* fields(def["right"], path, seen);
      return;
    case "record":
      yield* fields(def["valueType"], `${path}{}`, seen);
      return;
    case "lazy":
      yield* fields((def["getter"] as () => unknown)(), path, seen);
      return;
    case "pipe":
      yield* fields(def["in"], path, seen);
      return;
    case "optional":
    case "nullable":
    case "default":
    case "readonly":
      yield* fields(def["innerType"], path, seen);
      return;
  }
}

function contractSchemas(): [string, z.ZodType][] {
  return [
    ...Object.entries(apiRequests).flatMap(([name, contract]): [string, z.ZodType][] => [
      [`apiRequests.${name}.request`, contract.request],
      [`apiRequests.${name}.reply`, contract.reply],
    ]),
    ...Object.entries(apiEvents).map(([name, schema]): [string, z.ZodType] => [`apiEvents.${name}`, schema]),
  ];
}

function codeFields(): { path: string; open: boolean }[] {
  return contractSchemas().flatMap(([root, schema]) =>
    [...fields(schema, root)]
      .filter(([, name]) => CODE_FIELD.test(name))
      .map(([path, , field]) => ({
        path: path.replace(".reply.reply", ".reply"),
        open: !closed(leaf(field)),
      })),
  );
}

describe("the contract's codes are closed", () => {
  it("finds the code fields it must check (the walk reaches them)", () => {
    const paths = codeFields().map((field) => field.path);
    for (const expected of [
      "apiRequests.planAction.reply.refusal.code",
      "apiRequests.planAction.reply.plan.warnings[].code",
      "apiRequests.planAction.reply.plan.confirmedGuards[].code",
      "apiRequests.planHaproxyAction.reply.refusal.guards[].code",
      "apiRequests.applyAction.reply.refusal",
      "apiRequests.applyAction.reply.outcome",
      "apiRequests.listAudit.reply[].confirmedGuards",
      "apiRequests.listAudit.reply[].failover.method",
      "apiEvents.hostStateChanged.state.problem.code",
      "apiEvents.alertRaised.kind",
      "apiEvents.sampleReceived.problems[].kind",
    ])
      expect(paths).toContain(expected);
  });

  it("has no code field that accepts any string, except the tools' own words listed with a reason", () => {
    const open = codeFields()
      .filter((field) => field.open)
      .map((field) => field.path);
    expect(open.filter((path) => !(path in OPEN_BY_DESIGN))).toEqual([]);
    // And the exceptions are real: a stale entry in the list would hide nothing and mislead.
    for (const path of Object.keys(OPEN_BY_DESIGN)) expect(open).toContain(path);
  });

  it("would catch an open code (the check can fail)", () => {
    const leaked = [...fields(apiRequests.planAction.reply, "x")].some(
      ([, name, field]) => name === "message" && !closed(leaf(field)),
    );
    // `message` is free text by design: the same test applied to it reports it as open.
    expect(leaked).toBe(true);
  });

  it("error envelopes carry one of the contract's error codes, problem codes among them", () => {
    expect(ApiErrorCodeSchema.options).toEqual(expect.arrayContaining(ProblemCodeSchema.options));
    expect(ApiErrorCodeSchema.options).toEqual(
      expect.arrayContaining(["unknown-request", "invalid-request", "invalid-reply", "too-many-requests"]),
    );
    expect(new Set(ApiErrorCodeSchema.options).size).toBe(ApiErrorCodeSchema.options.length);
  });
});
