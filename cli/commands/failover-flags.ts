/**
 * The arguments of `fulcrum failover`, checked before anything connects (DESIGN.md §9): the two
 * aliases, the instance, the checks to override, the method, and where keepalived keeps its files
 * on the nodes. Location flags may hold %h, replaced by each node's alias (as in ssh_config), for
 * pairs whose nodes keep them in different places; each result must be a plain absolute path.
 */
import type { FailoverMethodKind, PreflightCheckId } from "../../core/actions/failover/failover-plan.ts";
import type { KeepalivedLocations } from "../../core/actions/failover/read-node-view.ts";
import { configPath } from "../../core/actions/config-edit/config-path.ts";
import { ValidationError } from "../../core/commands/validated.ts";
import { UsageError } from "../exit-codes.ts";
import { intFlag, parseFlags, SSH_CONFIG_FLAGS, sshConfigFlag, type FlagSpec } from "../flags.ts";
import { checkHostAlias } from "../host-session.ts";

// Debian 12's keepalived.service: Type=notify, no PrivateTmp, default pid file.
export const DEFAULT_LOCATIONS = {
  pidFile: "/run/keepalived.pid",
  tmpDir: "/tmp",
  configFile: "/etc/keepalived/keepalived.conf",
} as const;
export const DEFAULT_UNIT = "keepalived";
export const DEFAULT_SETTLED_SECONDS = 60;

// Every check id, as an object so the compiler says when failover-plan.ts gains one.
const CHECK_IDS: Record<PreflightCheckId, true> = {
  "nodes-reachable": true,
  "keepalived-running": true,
  "state-dump-read": true,
  "instance-found": true,
  "master-is-master": true,
  "peer-is-backup": true,
  "same-router": true,
  "vip-lists-equal": true,
  "vip-on-master-only": true,
  "ipvs-tables-equivalent": true,
  "sync-daemon": true,
  "no-recent-transition": true,
  "no-failover-in-progress": true,
  "method-available": true,
};
const METHODS: readonly FailoverMethodKind[] = ["lower-priority", "force-fault", "stop-keepalived"];

// The alias rule of cli/host-session.ts, checked here for both nodes before the first connects.
// keepalived instance names as configured ("VI_1", "vip-web.internal"); never an option.
const INSTANCE = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$/;
// A systemd unit name ("keepalived", "keepalived@lb.service").
const UNIT = /^[A-Za-z0-9_][A-Za-z0-9_.@:-]{0,127}$/;

export interface FailoverRequest {
  director: string;
  peer: string;
  instance?: string;
  dryRun: boolean;
  yes: boolean;
  override: PreflightCheckId[];
  method?: FailoverMethodKind;
  minSecondsSinceTransition: number;
  locations: { director: Required<KeepalivedLocations>; peer: Required<KeepalivedLocations> };
  /**
   * systemctl stop/start UNIT for the blunt method, when named; without it the way keepalived runs
   * on the node is found there (systemd, init script, OpenRC, runit or a bare daemon's pid file).
   */
  unit?: string;
  /** --no-stop: never stop keepalived. */
  noStop: boolean;
  sshConfig?: string;
}

export const FAILOVER_USAGE = `usage: fulcrum failover <director> --to <peer> [options]

Moves the VRRP instance's VIPs from <director> (its MASTER) to <peer>: reads both nodes, runs the
preflight checks, shows the plan, asks "Apply? [y/N]" (or --yes), acts on the director, and polls
\`ip -o addr\` on both nodes until every VIP is on the peer and on no other node; otherwise it rolls
back and checks that the VIP came back. <director> and <peer> are Host aliases from ~/.ssh/config.

options:
  --to PEER             the backup node that takes the VIPs (required)
  --instance NAME       the vrrp_instance (default: the one instance the director is MASTER of)
  --dry-run             show the checks and the plan; change nothing
  --yes, -y             do not ask; needed without a terminal
  --override CHECK      accept a failed check (repeatable); these cannot be overridden:
                        nodes-reachable keepalived-running state-dump-read instance-found method-available
  --method KIND         lower-priority | force-fault | stop-keepalived (default: chosen by the config)
  --settled SECONDS     a VRRP transition younger than this refuses (flapping); default ${DEFAULT_SETTLED_SECONDS}
  -F, --ssh-config FILE read another ssh config, as ssh -F does

where keepalived keeps its files on the nodes (defaults fit Debian 12's systemd keepalived):
  --pid-file PATH       default ${DEFAULT_LOCATIONS.pidFile}
  --keepalived-tmp DIR  keepalived's TMPDIR (where SIGUSR1 writes keepalived.data) for a login
                        that is not root; default ${DEFAULT_LOCATIONS.tmpDir}. As root Fulcrum reads it from
                        the daemon's environment and finds the dump through /proc/PID/root, so
                        PrivateTmp=yes and a custom TMPDIR need nothing here
  --config-file PATH    default ${DEFAULT_LOCATIONS.configFile}
                        In these paths %h stands for the node's alias (/srv/%h/keepalived.pid).
  --unit NAME           systemd unit for the last-resort method (systemctl stop/start NAME); without
                        it Fulcrum finds how the node runs keepalived (an active ${DEFAULT_UNIT} unit,
                        service/init script, OpenRC, runit, or a bare daemon by its pid file) and
                        says in the plan what it will run
  --no-stop             never stop keepalived: refuse when no track_file method is available

exit status: 0 the VIP moved and was verified; 1 refused, rolled back or failed; 2 bad input

examples:
  fulcrum failover lb1 --to lb2 --dry-run
  fulcrum failover lb1 --to lb2 --yes
`;

function validated<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(error.message);
    throw error;
  }
}

function locationsFor(alias: string, given: Map<string, string[]>): Required<KeepalivedLocations> {
  const path = (flag: string, fallback: string): string => {
    const text = (given.get(flag)?.[0] ?? fallback).replaceAll("%h", alias);
    return validated(() => configPath(text));
  };
  return {
    pidFile: path("--pid-file", DEFAULT_LOCATIONS.pidFile),
    tmpDir: path("--keepalived-tmp", DEFAULT_LOCATIONS.tmpDir),
    configFile: path("--config-file", DEFAULT_LOCATIONS.configFile),
  };
}

/** Every flag `fulcrum failover` takes (`fulcrum undo` of a failover passes them on). */
export const FAILOVER_FLAGS = {
  booleans: ["--dry-run", "--yes", "-y", "--no-stop"],
  values: [
    ...SSH_CONFIG_FLAGS,
    "--to",
    "--instance",
    "--method",
    "--settled",
    "--pid-file",
    "--keepalived-tmp",
    "--config-file",
    "--unit",
  ],
  repeated: ["--override"],
} as const satisfies FlagSpec;

export function parseFailoverArgs(args: readonly string[]): FailoverRequest {
  const parsed = parseFlags(args, FAILOVER_FLAGS);
  const [director, ...extra] = parsed.positionals;
  const peer = parsed.values.get("--to")?.[0];
  if (director === undefined || extra.length > 0 || peer === undefined)
    throw new UsageError(
      "usage: fulcrum failover <director> --to <peer> [options] (fulcrum failover --help)",
    );
  for (const alias of [director, peer]) checkHostAlias(alias);
  if (director === peer) throw new UsageError("the director and its peer must be two different hosts");

  const instance = parsed.values.get("--instance")?.[0];
  if (instance !== undefined && !INSTANCE.test(instance))
    throw new UsageError(`not a vrrp_instance name: ${JSON.stringify(instance)}`);
  const override = (parsed.values.get("--override") ?? []).map((check) => {
    if (!Object.hasOwn(CHECK_IDS, check))
      throw new UsageError(
        `--override takes a check id (${Object.keys(CHECK_IDS).join(", ")}), not ${JSON.stringify(check)}`,
      );
    return check as PreflightCheckId;
  });
  const methodText = parsed.values.get("--method")?.[0];
  const method = METHODS.find((candidate) => candidate === methodText);
  if (methodText !== undefined && !method)
    throw new UsageError(`--method takes ${METHODS.join(", ")}, not ${JSON.stringify(methodText)}`);
  const noStop = parsed.booleans.has("--no-stop");
  const unit = parsed.values.get("--unit")?.[0];
  if (unit !== undefined && noStop) throw new UsageError("--unit names what --no-stop forbids: give one");
  if (unit !== undefined && !UNIT.test(unit))
    throw new UsageError(`not a systemd unit name: ${JSON.stringify(unit)}`);
  if (noStop && method === "stop-keepalived")
    throw new UsageError("--method stop-keepalived contradicts --no-stop");
  const sshConfig = sshConfigFlag(parsed);

  return {
    director,
    peer,
    ...(instance !== undefined ? { instance } : {}),
    dryRun: parsed.booleans.has("--dry-run"),
    yes: parsed.booleans.has("--yes") || parsed.booleans.has("-y"),
    override,
    ...(method ? { method } : {}),
    minSecondsSinceTransition: intFlag(parsed, "--settled", 0, 86_400) ?? DEFAULT_SETTLED_SECONDS,
    locations: { director: locationsFor(director, parsed.values), peer: locationsFor(peer, parsed.values) },
    ...(unit !== undefined ? { unit } : {}),
    noStop,
    ...(sshConfig !== undefined ? { sshConfig } : {}),
  };
}
