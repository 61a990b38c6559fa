/**
 * The `fulcrum` command: a thin carrier over core/ (DESIGN.md §9). Each subcommand lives in
 * cli/commands/; this file only dispatches and maps failures to exit codes:
 * 0 ok, 1 action refused or failed, 2 bad input (nothing was done).
 */
import { asksForHelp, printCommandHelp } from "./help.ts";
import { actionCommand } from "./commands/action-commands.ts";
import { auditCommand } from "./commands/audit.ts";
import { failoverCommand } from "./commands/failover.ts";
import { dnsCommand } from "./commands/dns.ts";
import { fleetCommand } from "./commands/fleet.ts";
import { historyCommand } from "./commands/history.ts";
import { recordCommand } from "./commands/record.ts";
import { haproxyActionCommand } from "./commands/haproxy-action-commands.ts";
import { parseCommand } from "./commands/parse.ts";
import { persistWeightCommand } from "./commands/persist-weight.ts";
import { reportCommand } from "./commands/report.ts";
import { serveCommand } from "./commands/serve.ts";
import { snapshotCommand } from "./commands/snapshot.ts";
import { undoCommand } from "./commands/undo.ts";
import { watchCommand } from "./commands/watch.ts";
import { EXIT_BAD_INPUT, EXIT_FAILED, UsageError } from "./exit-codes.ts";

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  parse: parseCommand,
  snapshot: snapshotCommand,
  fleet: fleetCommand,
  dns: dnsCommand,
  record: recordCommand,
  history: historyCommand,
  watch: watchCommand,
  serve: serveCommand,
  weight: actionCommand("setWeight"),
  drain: actionCommand("drain"),
  undrain: actionCommand("undrain"),
  remove: actionCommand("remove"),
  restore: actionCommand("restore"),
  maint: haproxyActionCommand("maint"),
  audit: auditCommand,
  undo: undoCommand,
  failover: failoverCommand,
  "persist-weight": persistWeightCommand,
  report: reportCommand,
};

const USAGE = `usage: fulcrum <command> [arguments]

commands:
  parse <kind> [file|-]          print the normalized JSON of a tool's output (kinds: fulcrum parse --help)
  snapshot <host> [--json]       one consistent sample of a host over SSH (alias from ~/.ssh/config; -F FILE)
  snapshot --prometheus URL <instance> [--json]
                                 the host as the site's Prometheus has it (Fulcrum's exporter or node_exporter)
  fleet --prometheus URL [--json] every director the site's Prometheus knows, one row each
  dns [NAME...] [--host A]...    the DNS tier: answers, TTLs, VIPs they point at and who holds them
  watch <host> [--interval N]    a live table of a host, until Ctrl-C
  record <host>... [--for 12h]   write the hosts' samples into history until Ctrl-C (--metrics ADDR:PORT too)
  history [--json]               what history holds: hosts, range, series, size on disk
  serve [--port N] [--host A]... browser mode on 127.0.0.1 (demo cluster when no --host)
                                 --metrics ADDR:PORT also serves /metrics for Prometheus

  weight <host> <service> <backend> <N>            set an IPVS backend's weight (forward method kept)
  drain <host> <service> <backend> [--wait]        weight 0; --wait follows connections down (--timeout S, 300)
  undrain <host> <service> <backend> [--weight N]  restore the weight remembered by the drain (else --weight)
  remove <host> <service> <backend>                delete the backend, remembering its settings
  restore <host> <service> <backend>               re-add it as it was (or --forward masq|route|tunnel --weight N)
    action options: --dry-run (show the plan, change nothing)  --yes (no "Apply? [y/N]"; needed without a terminal)
                    --confirm SERVICE (the typed confirmation a guard asks for)  --production  -F ssh_config
    <service>: ADDR:PORT (tcp), udp:ADDR:PORT, sctp:ADDR:PORT, fwm:MARK, [IPv6]:PORT   <backend>: ADDR:PORT

  drain <host> haproxy:<backend> <server>          HAProxy: set server state drain (runtime API)
  undrain <host> haproxy:<backend> <server>        HAProxy: set server state ready
  maint <host> haproxy:<backend> <server>          HAProxy: set server state maint (stops health checks)
  weight <host> haproxy:<backend> <server> <0-256> HAProxy: set server weight
    HAProxy options: the action options (--confirm haproxy:BACKEND), and
                    --haproxy-socket PATH (the admin socket; default: the \`stats socket\` in the config)
                    --haproxy-config PATH (default /etc/haproxy/haproxy.cfg)
  failover <director> --to <peer>                  keepalived VRRP: preflight, act, verify the VIP on exactly
                                                   one node, roll back (fulcrum failover --help for the options)
  persist-weight <host> nginx <config> <upstream> <ADDR:PORT> <N|down|up>
  persist-weight <host> keepalived <config> <VIP:PORT> <RIP:PORT> <N>
                                                   write a weight into the config file: backup, check, reload
  audit [--json] [--host H] [--since ISO]          the local audit log of actions
  undo <audit-id> [action options]                 apply the inverse of an audit entry on its host
                                                   (HAProxy entries take the HAProxy options too)
  report <host> --from T --to T --format csv|json|html|pdf --out FILE [--service S] [--backend B]
                                                   a traffic report from recorded history (fulcrum report --help)

exit status: 0 ok (action verified), 1 refused, failed, aborted or not verified, 2 bad input (nothing done)
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(USAGE);
    return name === undefined ? EXIT_BAD_INPUT : 0;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command "${name}" (try fulcrum --help)`);
  if (asksForHelp(args) && printCommandHelp(name)) return 0;
  return command(args);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`fulcrum: ${message}\n`);
  process.exitCode = error instanceof UsageError ? EXIT_BAD_INPUT : EXIT_FAILED;
}
