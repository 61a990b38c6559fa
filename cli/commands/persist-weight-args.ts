/**
 * The grammar of `fulcrum persist-weight`, validated into a config edit target and intent before
 * anything connects (DESIGN.md §9); anything that does not validate is a UsageError (exit 2):
 *
 *   persist-weight <host> nginx <config-path> <upstream> <ADDR:PORT> <N|down|up>
 *   persist-weight <host> keepalived <config-path> <VIP:PORT> <RIP:PORT> <N>
 */
import type { ConfigEditIntent } from "../../core/actions/config-edit/config-edit-intent.ts";
import type { ConfigEditTarget } from "../../core/actions/config-edit/config-edit-target.ts";
import { configPath } from "../../core/actions/config-edit/config-path.ts";
import {
  nginxServerAddress,
  nginxUpstreamName,
  nginxWeight,
} from "../../core/actions/config-edit/nginx-values.ts";
import { ipAddress, ipvsWeight, port, ValidationError } from "../../core/commands/validated.ts";
import { parseHostPort } from "../../core/model/address.ts";
import { UsageError } from "../exit-codes.ts";
import { parseFlags, SSH_CONFIG_FLAGS, sshConfigFlag } from "../flags.ts";
import { checkHostAlias } from "../host-session.ts";

export const DEFAULT_PID_FILES = { nginx: "/run/nginx.pid", keepalived: "/run/keepalived.pid" } as const;

// The alias rule of cli/host-session.ts, so a bad alias is refused with everything else.

export const PERSIST_WEIGHT_USAGE = `usage:
  fulcrum persist-weight <host> nginx <config-path> <upstream> <ADDR:PORT> <N|down|up> [options]
  fulcrum persist-weight <host> keepalived <config-path> <VIP:PORT> <RIP:PORT> <N> [options]

Writes a backend's weight (nginx: or its "down" flag) into the daemon's config file on <host>, so
it survives a reload: reads the file, shows the change as a diff (secrets redacted) and the exact
commands, asks "Apply? [y/N]" (or --yes), then backs the file up beside itself, has the daemon
check the candidate (nginx -t / keepalived --config-test), swaps it in and reloads. <config-path>
is the file the daemon is started with (nginx -c, keepalived -f), not one it includes.

  nginx: N is 1..65535 (weight=N), "down" marks the server down, "up" removes "down"
  keepalived: N is 0..65535 (the real_server's weight in its virtual_server)

options:
  --pid-file PATH   the running daemon's pid file (default ${DEFAULT_PID_FILES.nginx} or ${DEFAULT_PID_FILES.keepalived})
  --prefix PATH     nginx only: the -p prefix it runs with
  --dry-run         show the plan; change nothing
  --yes, -y         do not ask; needed without a terminal
  -F, --ssh-config FILE

exit status: 0 written and seen live (nginx: new workers; keepalived: the new weight in the IPVS
table, ipvsadm -Ln); 1 refused, failed or not verified (see the message); 2 bad input
`;

export interface PersistWeightRequest {
  host: string;
  target: ConfigEditTarget;
  intent: ConfigEditIntent;
  dryRun: boolean;
  yes: boolean;
  sshConfig?: string;
}

function validated<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(error.message);
    throw error;
  }
}

function nginxIntent(upstream: string, server: string, change: string): ConfigEditIntent {
  const base = {
    kind: "nginx-upstream-server" as const,
    upstream: validated(() => nginxUpstreamName(upstream)),
    server: validated(() => nginxServerAddress(server)),
  };
  if (change === "down") return { ...base, down: true };
  if (change === "up") return { ...base, down: false };
  return { ...base, weight: validated(() => nginxWeight(change)) };
}

function endpoint(text: string, what: string): { address: string; port: number } {
  const parsed = parseHostPort(text);
  if (!parsed) throw new UsageError(`${what} must be ADDR:PORT or [IPv6]:PORT, not ${JSON.stringify(text)}`);
  return { address: validated(() => ipAddress(parsed.address)), port: validated(() => port(parsed.port)) };
}

function keepalivedIntent(virtualText: string, realText: string, weightText: string): ConfigEditIntent {
  const virtual = endpoint(virtualText, "the virtual server");
  const real = endpoint(realText, "the real server");
  // Digits only: Number() would also take "0x10", "1e3" and " 5".
  if (!/^\d{1,5}$/.test(weightText))
    throw new UsageError(`the weight must be 0..65535, not ${JSON.stringify(weightText)}`);
  return {
    kind: "keepalived-real-server-weight",
    realServer: {
      virtualAddress: virtual.address,
      virtualPort: virtual.port,
      realAddress: real.address,
      realPort: real.port,
    },
    weight: validated(() => ipvsWeight(Number(weightText))),
  };
}

export function parsePersistWeightArgs(args: readonly string[]): PersistWeightRequest {
  const parsed = parseFlags(args, {
    booleans: ["--dry-run", "--yes", "-y"],
    values: [...SSH_CONFIG_FLAGS, "--pid-file", "--prefix"],
  });
  const [host, daemon, pathText, first, second, change, ...extra] = parsed.positionals;
  if (
    host === undefined ||
    (daemon !== "nginx" && daemon !== "keepalived") ||
    pathText === undefined ||
    first === undefined ||
    second === undefined ||
    change === undefined ||
    extra.length > 0
  ) {
    throw new UsageError(PERSIST_WEIGHT_USAGE);
  }
  checkHostAlias(host);
  const path = validated(() => configPath(pathText));
  const pidFile = validated(() =>
    configPath(parsed.values.get("--pid-file")?.[0] ?? DEFAULT_PID_FILES[daemon]),
  );
  const prefixText = parsed.values.get("--prefix")?.[0];
  if (prefixText !== undefined && daemon !== "nginx") throw new UsageError("--prefix is for nginx only");
  const prefix = prefixText === undefined ? undefined : validated(() => configPath(prefixText));

  const target: ConfigEditTarget =
    daemon === "nginx"
      ? { daemon, configPath: path, pidFile, ...(prefix ? { prefix } : {}) }
      : { daemon, configPath: path, pidFile };
  const intent =
    daemon === "nginx" ? nginxIntent(first, second, change) : keepalivedIntent(first, second, change);
  const sshConfig = sshConfigFlag(parsed);
  return {
    host,
    target,
    intent,
    dryRun: parsed.booleans.has("--dry-run"),
    yes: parsed.booleans.has("--yes") || parsed.booleans.has("-y"),
    ...(sshConfig !== undefined ? { sshConfig } : {}),
  };
}
