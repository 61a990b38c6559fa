/**
 * A config edit as its audit entry records it (core/audit/config-edit-record.ts), both ways:
 * the record of a plan (what the line held before, what the edit set), and, for `fulcrum undo`,
 * the record read back from the log turned into a target and the inverse intent. Read back, every
 * value is validated again as if the operator had typed it: the log is a file anyone may edit.
 * Pure.
 */
import type { ConfigEditRecord } from "../../audit/config-edit-record.ts";
import { ipAddress, ipvsWeight, port, ValidationError } from "../../commands/validated.ts";
import { formatHostPort, parseHostPort } from "../../model/address.ts";
import type { ConfigEditIntent, ConfigEditValues } from "./config-edit-intent.ts";
import type { ConfigEditTarget } from "./config-edit-target.ts";
import { configPath } from "./config-path.ts";
import { nginxServerAddress, nginxUpstreamName, nginxWeight } from "./nginx-values.ts";
import type { ConfigEditPlan } from "./plan-config-edit.ts";

/** The record of an applied plan; undefined when the plan could not read the line's values. */
export function configEditRecordOf(plan: ConfigEditPlan, backupPath?: string): ConfigEditRecord | undefined {
  const { intent, previous } = plan;
  if (!previous) return undefined;
  const target: ConfigEditRecord["target"] =
    plan.target.daemon === "nginx"
      ? {
          daemon: "nginx",
          configPath: plan.target.configPath,
          pidFile: plan.target.pidFile,
          ...(plan.target.prefix ? { prefix: plan.target.prefix } : {}),
        }
      : { daemon: "keepalived", configPath: plan.target.configPath, pidFile: plan.target.pidFile };
  const withBackup = backupPath !== undefined ? { backupPath } : {};
  if (intent.kind === "nginx-upstream-server") {
    return {
      target,
      edit: {
        kind: intent.kind,
        upstream: intent.upstream,
        server: intent.server.text,
        previous: { weight: previous.weight, down: previous.down ?? false },
        set: {
          ...(intent.weight !== undefined ? { weight: intent.weight } : {}),
          ...(intent.down !== undefined ? { down: intent.down } : {}),
        },
      },
      ...withBackup,
    };
  }
  const { virtualAddress, virtualPort, realAddress, realPort } = intent.realServer;
  return {
    target,
    edit: {
      kind: intent.kind,
      virtualServer: formatHostPort(virtualAddress, virtualPort),
      realServer: formatHostPort(realAddress, realPort),
      previous: { weight: previous.weight },
      set: { weight: intent.weight },
    },
    ...withBackup,
  };
}

export interface ConfigEditInverse {
  target: ConfigEditTarget;
  /** Sets back what the edit changed, and only that. */
  intent: ConfigEditIntent;
  /** What the file must still show for the undo to go ahead: the values the edit set. */
  expected: Partial<ConfigEditValues>;
  backupPath?: string;
}

function endpoint(text: string): { address: string; port: number } {
  const parsed = parseHostPort(text);
  if (!parsed) throw new ValidationError(`not ADDR:PORT: ${JSON.stringify(text)}`);
  return { address: ipAddress(parsed.address), port: port(parsed.port) };
}

function validTarget(record: ConfigEditRecord["target"]): ConfigEditTarget {
  if (record.daemon === "keepalived")
    return {
      daemon: "keepalived",
      configPath: configPath(record.configPath),
      pidFile: configPath(record.pidFile),
    };
  return {
    daemon: "nginx",
    configPath: configPath(record.configPath),
    pidFile: configPath(record.pidFile),
    ...(record.prefix !== undefined ? { prefix: configPath(record.prefix) } : {}),
  };
}

function inverseOf(record: ConfigEditRecord): ConfigEditInverse {
  const target = validTarget(record.target);
  const withBackup = record.backupPath !== undefined ? { backupPath: configPath(record.backupPath) } : {};
  const { edit } = record;
  if (edit.kind === "keepalived-real-server-weight") {
    if (target.daemon !== "keepalived") throw new ValidationError("a keepalived edit recorded against nginx");
    const virtual = endpoint(edit.virtualServer);
    const real = endpoint(edit.realServer);
    return {
      target,
      intent: {
        kind: edit.kind,
        realServer: {
          virtualAddress: virtual.address,
          virtualPort: virtual.port,
          realAddress: real.address,
          realPort: real.port,
        },
        weight: edit.previous.weight === null ? null : ipvsWeight(edit.previous.weight),
      },
      expected: { weight: edit.set.weight },
      ...withBackup,
    };
  }
  if (target.daemon !== "nginx") throw new ValidationError("an nginx edit recorded against keepalived");
  if (edit.set.weight === undefined && edit.set.down === undefined)
    throw new ValidationError("the entry records no value that was set");
  return {
    target,
    intent: {
      kind: edit.kind,
      upstream: nginxUpstreamName(edit.upstream),
      server: nginxServerAddress(edit.server),
      ...(edit.set.weight !== undefined
        ? { weight: edit.previous.weight === null ? null : nginxWeight(edit.previous.weight) }
        : {}),
      ...(edit.set.down !== undefined ? { down: edit.previous.down } : {}),
    },
    expected: {
      ...(edit.set.weight !== undefined ? { weight: edit.set.weight } : {}),
      ...(edit.set.down !== undefined ? { down: edit.set.down } : {}),
    },
    ...withBackup,
  };
}

/** The inverse of a recorded edit, or why the record cannot give one. */
export function configEditInverse(
  record: ConfigEditRecord,
): { ok: true; inverse: ConfigEditInverse } | { ok: false; reason: string } {
  try {
    return { ok: true, inverse: inverseOf(record) };
  } catch (error) {
    if (error instanceof ValidationError)
      return { ok: false, reason: `the entry's record does not validate: ${error.message}` };
    throw error;
  }
}
