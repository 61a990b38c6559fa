/**
 * Minimal flag reading for the CLI: positionals, boolean flags and flags with a value
 * (`--port 8080`, `-F file`). Unknown flags are bad input (exit 2), never ignored.
 */
import { UsageError } from "./exit-codes.ts";

export interface FlagSpec {
  booleans?: readonly string[];
  values?: readonly string[];
  /** Value flags that may be given more than once. */
  repeated?: readonly string[];
}

export interface ParsedFlags {
  positionals: string[];
  booleans: Set<string>;
  values: Map<string, string[]>;
}

export function parseFlags(args: readonly string[], spec: FlagSpec): ParsedFlags {
  const parsed: ParsedFlags = { positionals: [], booleans: new Set(), values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("-") || arg === "-") {
      parsed.positionals.push(arg);
      continue;
    }
    if (spec.booleans?.includes(arg)) {
      parsed.booleans.add(arg);
      continue;
    }
    if (spec.values?.includes(arg) || spec.repeated?.includes(arg)) {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      const list = parsed.values.get(arg) ?? [];
      if (list.length > 0 && !spec.repeated?.includes(arg)) throw new UsageError(`${arg} given twice`);
      parsed.values.set(arg, [...list, value]);
      continue;
    }
    throw new UsageError(`unknown option ${arg}`);
  }
  return parsed;
}

export function intFlag(flags: ParsedFlags, name: string, min: number, max: number): number | undefined {
  const text = flags.values.get(name)?.[0];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new UsageError(`${name} takes a whole number from ${min} to ${max}`);
  return value;
}

/** `-F FILE` / `--ssh-config FILE`, as `ssh -F`. */
export function sshConfigFlag(flags: ParsedFlags): string | undefined {
  const short = flags.values.get("-F")?.[0];
  const long = flags.values.get("--ssh-config")?.[0];
  if (short !== undefined && long !== undefined) throw new UsageError("give -F or --ssh-config, not both");
  return short ?? long;
}

export const SSH_CONFIG_FLAGS = ["-F", "--ssh-config"] as const;
