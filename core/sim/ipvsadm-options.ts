/**
 * ipvsadm 1.31's command line, as its popt table and parse_options() read it: the first option
 * must be the command, short options cluster ("-Ln"), an option's argument may be glued
 * ("-t10.0.0.1:80") or the next word, `-p` takes an optional timeout, and anything left over is
 * "unexpected argument". Problems end like ipvsadm's: a message and an exit code (fail() exits 2;
 * popt errors and the help hint exit 255, because ipvsadm returns -1 from main).
 */
export interface OptionSpec {
  long: string;
  short?: string;
  /** "none", "required" or "optional" (only -p). */
  argument: "none" | "required" | "optional";
  /** The tag parse_options switches on. */
  tag: string;
}

export const IPVSADM_OPTIONS: OptionSpec[] = [
  { long: "add-service", short: "A", argument: "none", tag: "A" },
  { long: "edit-service", short: "E", argument: "none", tag: "E" },
  { long: "delete-service", short: "D", argument: "none", tag: "D" },
  { long: "clear", short: "C", argument: "none", tag: "C" },
  { long: "list", short: "L", argument: "none", tag: "L" },
  { long: "list", short: "l", argument: "none", tag: "L" },
  { long: "zero", short: "Z", argument: "none", tag: "Z" },
  { long: "add-server", short: "a", argument: "none", tag: "a" },
  { long: "edit-server", short: "e", argument: "none", tag: "e" },
  { long: "delete-server", short: "d", argument: "none", tag: "d" },
  { long: "set", argument: "none", tag: "set" },
  { long: "help", short: "h", argument: "none", tag: "h" },
  { long: "version", short: "v", argument: "none", tag: "v" },
  { long: "restore", short: "R", argument: "none", tag: "R" },
  { long: "save", short: "S", argument: "none", tag: "S" },
  { long: "start-daemon", argument: "required", tag: "start-daemon" },
  { long: "stop-daemon", argument: "required", tag: "stop-daemon" },
  { long: "tcp-service", short: "t", argument: "required", tag: "t" },
  { long: "udp-service", short: "u", argument: "required", tag: "u" },
  { long: "sctp-service", argument: "required", tag: "sctp" },
  { long: "fwmark-service", short: "f", argument: "required", tag: "f" },
  { long: "scheduler", short: "s", argument: "required", tag: "s" },
  { long: "persistent", short: "p", argument: "optional", tag: "p" },
  { long: "netmask", short: "M", argument: "required", tag: "M" },
  { long: "real-server", short: "r", argument: "required", tag: "r" },
  { long: "masquerading", short: "m", argument: "none", tag: "m" },
  { long: "ipip", short: "i", argument: "none", tag: "i" },
  { long: "gatewaying", short: "g", argument: "none", tag: "g" },
  { long: "weight", short: "w", argument: "required", tag: "w" },
  { long: "u-threshold", short: "x", argument: "required", tag: "x" },
  { long: "l-threshold", short: "y", argument: "required", tag: "y" },
  { long: "numeric", short: "n", argument: "none", tag: "n" },
  { long: "connection", short: "c", argument: "none", tag: "c" },
  { long: "mcast-interface", argument: "required", tag: "mcast-interface" },
  { long: "syncid", argument: "required", tag: "syncid" },
  { long: "timeout", argument: "none", tag: "timeout" },
  { long: "daemon", argument: "none", tag: "daemon" },
  { long: "stats", argument: "none", tag: "stats" },
  { long: "rate", argument: "none", tag: "rate" },
  { long: "thresholds", argument: "none", tag: "thresholds" },
  { long: "persistent-conn", argument: "none", tag: "persistent-conn" },
  { long: "nosort", argument: "none", tag: "nosort" },
  { long: "sort", argument: "none", tag: "sort" },
  { long: "exact", short: "X", argument: "none", tag: "X" },
  { long: "ipv6", short: "6", argument: "none", tag: "6" },
  { long: "ops", short: "o", argument: "none", tag: "o" },
  { long: "pe", argument: "required", tag: "pe" },
  { long: "sched-flags", short: "b", argument: "required", tag: "b" },
  { long: "mcast-group", argument: "required", tag: "mcast-group" },
  { long: "mcast-port", argument: "required", tag: "mcast-port" },
  { long: "mcast-ttl", argument: "required", tag: "mcast-ttl" },
  { long: "sync-maxlen", argument: "required", tag: "sync-maxlen" },
  { long: "tun-info", argument: "none", tag: "tun-info" },
  { long: "tun-type", argument: "required", tag: "tun-type" },
  { long: "tun-port", argument: "required", tag: "tun-port" },
  { long: "tun-nocsum", argument: "none", tag: "tun-nocsum" },
  { long: "tun-csum", argument: "none", tag: "tun-csum" },
  { long: "tun-remcsum", argument: "none", tag: "tun-remcsum" },
];

export interface ParsedOption {
  tag: string;
  value?: string;
  /** The argv element it came from (what poptBadOption would name). */
  word: string;
}

export type PoptResult =
  | { ok: true; options: ParsedOption[]; leftovers: string[] }
  /** `word` is the argv element popt blames (poptBadOption), `reason` poptStrerror's text. */
  | { ok: false; options: ParsedOption[]; word: string; reason: "unknown option" | "missing argument" };

/**
 * The argument of an option that takes one: written inline (`--weight=3`, `-w3`), else the next
 * argv word (not consumed for an optional argument when it looks like an option); `--opt=` gives
 * an empty value. Undefined when a required argument is missing.
 */
function takeArgument(
  spec: { tag: string; argument: string },
  inline: string | undefined,
  next: string | undefined,
  word: string,
): { option: ParsedOption; consumed: number } | undefined {
  if (inline !== undefined) return { option: { tag: spec.tag, value: inline, word }, consumed: 0 };
  if (spec.argument === "optional" && (next === undefined || next.startsWith("-"))) {
    return { option: { tag: spec.tag, word }, consumed: 0 };
  }
  if (next === undefined) return undefined;
  return { option: { tag: spec.tag, value: next, word }, consumed: 1 };
}

/** popt's tokenising of argv (without argv[0]), stopping at the first error. */
export function poptParse(args: readonly string[]): PoptResult {
  const options: ParsedOption[] = [];
  const leftovers: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === "--") {
      leftovers.push(...args.slice(i + 1));
      break;
    }
    if (word.startsWith("--")) {
      const eq = word.indexOf("=");
      const name = word.slice(2, eq < 0 ? undefined : eq);
      const spec = IPVSADM_OPTIONS.find((o) => o.long === name);
      if (!spec) return { ok: false, options, word, reason: "unknown option" };
      if (spec.argument === "none") {
        options.push({ tag: spec.tag, word });
        continue;
      }
      const taken = takeArgument(spec, eq >= 0 ? word.slice(eq + 1) : undefined, args[i + 1], word);
      if (!taken) return { ok: false, options, word, reason: "missing argument" };
      options.push(taken.option);
      i += taken.consumed;
      continue;
    }
    if (word.startsWith("-") && word.length > 1) {
      for (let k = 1; k < word.length; k++) {
        const spec = IPVSADM_OPTIONS.find((o) => o.short === word[k]);
        if (!spec) return { ok: false, options, word, reason: "unknown option" };
        if (spec.argument === "none") {
          options.push({ tag: spec.tag, word });
          continue;
        }
        const taken = takeArgument(spec, word.slice(k + 1) || undefined, args[i + 1], word);
        if (!taken) return { ok: false, options, word, reason: "missing argument" };
        options.push(taken.option);
        i += taken.consumed;
        break;
      }
      continue;
    }
    leftovers.push(word);
  }
  return { ok: true, options, leftovers };
}
