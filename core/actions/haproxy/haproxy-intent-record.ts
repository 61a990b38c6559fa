/**
 * A HaproxyIntent as the flat record an audit entry keeps in `undo`, and back. The way back is a
 * trust boundary (the log is a file anyone with the account can edit), so names and weights go
 * through the same validators as the CLI's arguments before they can reach a runtime command.
 */
import { z } from "zod";
import { haproxyName, haproxyWeight, ValidationError } from "../../commands/validated.ts";
import type { HaproxyIntent } from "./haproxy-intent.ts";
import type { HaproxyAdmin } from "./haproxy-server-view.ts";

function branded<T>(make: (value: never) => T) {
  return (value: unknown, context: z.RefinementCtx): T => {
    try {
      return make(value as never);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      context.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  };
}

/** The two intents with the given rules for names and weights (branded, or checked only). */
function intentSchema<Name extends z.ZodType<unknown, string>, Weight extends z.ZodType<unknown, number>>(
  name: Name,
  weight: Weight,
) {
  return z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("haproxy-state"),
      backend: name,
      server: name,
      state: z.enum(["ready", "drain", "maint"]),
    }),
    z.strictObject({ kind: z.literal("haproxy-weight"), backend: name, server: name, weight }),
  ]);
}

export const HaproxyIntentSchema = intentSchema(
  z.string().transform(branded(haproxyName)),
  z.number().int().transform(branded(haproxyWeight)),
);

/**
 * The same intent as it crosses the console's API: the same rules, checked without branding, so
 * the contract's request and reply types stay plain JSON for the renderer. haproxyIntentOf brands
 * a checked one for the planner.
 */
function checkedBy(make: (value: never) => unknown) {
  return (value: unknown, context: z.RefinementCtx): void => {
    try {
      make(value as never);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      context.addIssue({ code: "custom", message: error.message });
    }
  };
}

export const HaproxyIntentWireSchema = intentSchema(
  z.string().superRefine(checkedBy(haproxyName)),
  z.number().int().superRefine(checkedBy(haproxyWeight)),
);

export type HaproxyIntentWire = z.output<typeof HaproxyIntentWireSchema>;

/** Brands an intent the wire schema has checked (the validators run again; they are cheap and total). */
export function haproxyIntentOf(wire: HaproxyIntentWire): HaproxyIntent {
  const backend = haproxyName(wire.backend);
  const server = haproxyName(wire.server);
  return wire.kind === "haproxy-state"
    ? { kind: wire.kind, backend, server, state: wire.state }
    : { kind: wire.kind, backend, server, weight: haproxyWeight(wire.weight) };
}

export type HaproxyIntentRecord = Record<string, string | number>;

export function haproxyIntentRecord(intent: HaproxyIntent): HaproxyIntentRecord {
  return intent.kind === "haproxy-state"
    ? { kind: intent.kind, backend: intent.backend, server: intent.server, state: intent.state }
    : { kind: intent.kind, backend: intent.backend, server: intent.server, weight: intent.weight };
}

/**
 * What puts the server back as it was before `intent`: a state change returns to the admin state
 * read before it (a drain of a server that was in maint goes back to maint, not to ready); a
 * weight change returns to the weight read before it.
 */
export function inverseHaproxyIntent(
  intent: HaproxyIntent,
  before: { admin: HaproxyAdmin; weight: number },
): HaproxyIntent {
  const { backend, server } = intent;
  return intent.kind === "haproxy-state"
    ? { kind: "haproxy-state", backend, server, state: before.admin }
    : { kind: "haproxy-weight", backend, server, weight: haproxyWeight(before.weight) };
}
