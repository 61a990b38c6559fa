/**
 * The arguments of the HAProxy action commands (`drain|undrain|maint <host> haproxy:BACKEND SERVER`,
 * `weight <host> haproxy:BACKEND SERVER N`), validated into an intent and socket options before
 * anything connects: a name HAProxy could not have, a weight outside 0..256 or an unusable path is
 * a UsageError (exit 2).
 */
import type { HaproxyIntent } from "../../core/actions/haproxy/haproxy-intent.ts";
import { DEFAULT_HAPROXY_CONFIG } from "../../core/actions/haproxy/resolve-haproxy-socket.ts";
import { haproxySocketPath } from "../../core/commands/haproxy.ts";
import { haproxyName, haproxyWeight, ValidationError } from "../../core/commands/validated.ts";
import { UsageError } from "../exit-codes.ts";
import { parseFlags, type ParsedFlags } from "../flags.ts";

export type HaproxyCommandKind = "drain" | "undrain" | "maint" | "weight";

export const HAPROXY_FLAGS = ["--haproxy-socket", "--haproxy-config"] as const;

export const HAPROXY_PREFIX = "haproxy:";

function validated<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(error.message);
    throw error;
  }
}

export function haproxyIntentArgs(
  kind: HaproxyCommandKind,
  serviceText: string,
  serverText: string,
  extra: readonly string[],
): HaproxyIntent {
  if (!serviceText.startsWith(HAPROXY_PREFIX))
    throw new UsageError(
      `${kind} acts on HAProxy backends here: haproxy:BACKEND, not ${JSON.stringify(serviceText)}`,
    );
  const backend = validated(() => haproxyName(serviceText.slice(HAPROXY_PREFIX.length)));
  const server = validated(() => haproxyName(serverText));
  if (kind !== "weight") {
    const state = kind === "undrain" ? "ready" : kind;
    return { kind: "haproxy-state", backend, server, state };
  }
  const [weightText] = extra;
  // Digits only: Number() would also take "0x10", "1e3" and " 5".
  if (weightText === undefined || !/^\d{1,3}$/.test(weightText))
    throw new UsageError(
      `an HAProxy weight must be a whole number from 0 to 256, not ${JSON.stringify(weightText)}`,
    );
  return {
    kind: "haproxy-weight",
    backend,
    server,
    weight: validated(() => haproxyWeight(Number(weightText))),
  };
}

export interface HaproxySocketOptions {
  socket?: string;
  configPath: string;
}

export function haproxySocketOptions(parsed: ParsedFlags): HaproxySocketOptions {
  const socket = parsed.values.get("--haproxy-socket")?.[0];
  const configPath = parsed.values.get("--haproxy-config")?.[0] ?? DEFAULT_HAPROXY_CONFIG;
  return {
    ...(socket !== undefined ? { socket: validated(() => haproxySocketPath(socket)) } : {}),
    configPath: validated(() => haproxySocketPath(configPath)),
  };
}

/**
 * Whether an action command names an HAProxy backend as its service (the second positional).
 * Read leniently (every flag any action takes), only to route; the chosen command then reads its
 * arguments strictly and refuses what it does not know.
 */
export function namesHaproxyBackend(args: readonly string[], knownValueFlags: readonly string[]): boolean {
  let parsed: ParsedFlags;
  try {
    parsed = parseFlags(args, {
      booleans: ["--dry-run", "--yes", "-y", "--production", "--wait"],
      values: [...knownValueFlags, ...HAPROXY_FLAGS],
    });
  } catch {
    return false;
  }
  return parsed.positionals[1]?.startsWith(HAPROXY_PREFIX) ?? false;
}
