/**
 * The positional arguments of the action commands, validated into an intent before any
 * connection (DESIGN.md §9): anything that does not validate is a UsageError (exit 2).
 * The intent carries canonical keys, so the audit log names a service one way only.
 */
import type { ActionIntent, ActionKind, BackendSettings } from "../../core/actions/action-intent.ts";
import { parseIpvsBackendTarget, parseServiceTarget } from "../../core/commands/target-spec.ts";
import { ipvsWeight, ValidationError } from "../../core/commands/validated.ts";
import type { ForwardMethod } from "../../core/model/ipvs.ts";
import { backendKey, serviceKey } from "../../core/model/service-key.ts";
import { UsageError } from "../exit-codes.ts";

export interface ValidatedTarget {
  service: string;
  backend: string;
}

function validated<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(error.message);
    throw error;
  }
}

/** An IPVS service as the action commands take it, as its canonical key. */
export function validateService(serviceText: string): string {
  const service = validated(() => parseServiceTarget(serviceText));
  if (service.kind !== "ipvs") {
    throw new UsageError(
      `${serviceText} is an HAProxy backend; these commands act on IPVS services (ADDR:PORT, udp:, sctp:, fwm:)`,
    );
  }
  return serviceKey(service);
}

export function validateTarget(serviceText: string, backendText: string): ValidatedTarget {
  const service = validateService(serviceText);
  const backend = validated(() => parseIpvsBackendTarget(backendText));
  return { service, backend: backendKey(backend) };
}

export function weightArg(text: string, what = "the weight"): number {
  // Digits only: Number() would also take "0x10", "1e3" and " 5".
  if (!/^\d{1,5}$/.test(text))
    throw new UsageError(`${what} must be a whole number from 0 to 65535, not ${JSON.stringify(text)}`);
  return validated(() => ipvsWeight(Number(text)));
}

const FORWARDS: Record<string, ForwardMethod> = {
  masq: "masq",
  route: "route",
  dr: "route",
  tunnel: "tunnel",
};

export function forwardArg(text: string): ForwardMethod {
  const forward = FORWARDS[text];
  if (!forward)
    throw new UsageError(`--forward takes masq, route (dr) or tunnel, not ${JSON.stringify(text)}`);
  return forward;
}

export interface IntentOptions {
  /** undrain: the weight when nothing is remembered; restore: with --forward. */
  weight?: number;
  forward?: ForwardMethod;
}

/** The intent for `kind`; `extra` holds the positionals after <host> <service> <backend>. */
export function actionIntent(
  kind: ActionKind,
  target: ValidatedTarget,
  extra: readonly string[],
  options: IntentOptions,
): ActionIntent {
  const { service, backend } = target;
  switch (kind) {
    case "setWeight": {
      const [weight] = extra;
      if (weight === undefined)
        throw new UsageError("weight needs the new weight: fulcrum weight <host> <service> <backend> <N>");
      return { kind, service, backend, weight: weightArg(weight) };
    }
    case "undrain":
      return { kind, service, backend, ...(options.weight !== undefined ? { weight: options.weight } : {}) };
    case "restore": {
      if ((options.forward === undefined) !== (options.weight === undefined)) {
        throw new UsageError(
          "restore takes --forward and --weight together (or neither, to use the remembered settings)",
        );
      }
      if (options.forward === undefined || options.weight === undefined) return { kind, service, backend };
      const settings: BackendSettings = { forward: options.forward, weight: options.weight };
      return { kind, service, backend, settings };
    }
    case "drain":
    case "remove":
      return { kind, service, backend };
  }
}
