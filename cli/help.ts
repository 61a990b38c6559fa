/**
 * `fulcrum <command> --help`: one help text per command of the table in fulcrum.ts, each with
 * examples, printed by the one function here (exit 0). parse and failover print their own longer
 * help (kinds, failover flags) and are not listed.
 */
const ACTION_OPTIONS = `options:
  --dry-run           show the plan (exact commands, predicted shares, warnings), change nothing
  --yes               apply without asking "Apply? [y/N]" (needed when stdin is not a terminal)
  --confirm SERVICE   the typed confirmation a guard asks for (last backend, capacity, production)
  --production        treat the host as production: every change is confirmed by typing
  -F FILE             the ssh_config to read instead of ~/.ssh/config
  <service>: ADDR:PORT (tcp), udp:ADDR:PORT, sctp:ADDR:PORT, fwm:MARK, [IPv6]:PORT; haproxy:BACKEND
exit status: 0 verified, 1 refused/failed/aborted/not verified, 2 bad input (nothing done)`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  record: `fulcrum record <host>... [--for DURATION] [--interval N] [-F FILE] [--metrics ADDR:PORT [--metrics-remote] [--metrics-aggregate backend|vip]]
Follow the hosts over SSH and write every sample (and gaps, VRRP transitions, drift alerts, actions)
into the data folder's history until Ctrl-C, SIGTERM or DURATION (90s, 30m, 12h, 7d). One writer per
data folder: a second recorder there is refused, naming the first.
examples:
  fulcrum record lb1 lb2
  fulcrum record lb1 --for 24h --metrics 127.0.0.1:9787
exit status: 0 stopped cleanly, 1 history cannot be written or a host cannot be reached, 2 bad input`,
  history: `fulcrum history [--json]
What the data folder's history holds: each host with its first and last sample and its series, the
size on disk, and whether a recorder is writing it now.
examples:
  fulcrum history
  fulcrum history --json
exit status: 0, 1 when nothing was ever recorded or the database cannot be read`,
  fleet: `fulcrum fleet --prometheus URL [--json] [--prometheus-token-file FILE | --prometheus-user USER]
Every director the site's Prometheus knows (Fulcrum's exporter by host, node_exporter by instance),
one row each, from a fixed number of queries whatever the fleet's size; n/a where a source has no figure.
examples:
  fulcrum fleet --prometheus http://prometheus:9090
  FULCRUM_PROMETHEUS_TOKEN=... fulcrum fleet --prometheus https://prom.example.net --json
exit status: 0, 1 Prometheus unreachable or no IPVS hosts in it, 2 bad input`,
  snapshot: `fulcrum snapshot <host> [--json] [-F FILE]
One consistent sample of a host over SSH (its ~/.ssh/config alias): IPVS services and backends
with rates, NICs, HAProxy, nginx and keepalived where present.
examples:
  fulcrum snapshot lb1
  fulcrum snapshot lb1 --json | jq '.services[0]'
  fulcrum snapshot --prometheus http://prometheus:9090 lb1 --json   (the host as Prometheus has it)`,
  watch: `fulcrum watch <host> [--interval SECONDS] [-F FILE]
A live table of a host, redrawn every interval, until Ctrl-C.
examples:
  fulcrum watch lb1
  fulcrum watch lb1 --interval 2`,
  serve: `fulcrum serve [--port N] [--host ALIAS]... [--metrics ADDR:PORT [--metrics-remote] [--metrics-aggregate backend|vip]]
The console in a browser on 127.0.0.1 (the demo cluster when no host is saved or given); prints the
URL with a one-time token. Builds the console on first start; records the followed hosts' history;
--metrics also serves /metrics for Prometheus.
examples:
  fulcrum serve
  fulcrum serve --port 8080 --host lb1 --host lb2 --metrics 127.0.0.1:9787`,
  weight: `fulcrum weight <host> <service> <backend> <N> [options]
Set an IPVS backend's weight (forward method kept), or an HAProxy server's (0-256).
examples:
  fulcrum weight lb1 192.0.2.10:80 198.51.100.1:80 5 --dry-run
  fulcrum weight lb1 haproxy:be_app web1 50 --yes
${ACTION_OPTIONS}`,
  drain: `fulcrum drain <host> <service> <backend> [--wait [--timeout S]] [options]
IPVS: weight 0 (the weight is remembered for undrain); --wait follows the connections down until
safe to stop (default timeout 300 s). HAProxy: set server state drain.
examples:
  fulcrum drain lb1 192.0.2.10:80 198.51.100.1:80 --wait
  fulcrum drain lb1 haproxy:be_app web1 --yes
${ACTION_OPTIONS}`,
  undrain: `fulcrum undrain <host> <service> <backend> [--weight N] [options]
IPVS: back to the given --weight, else the weight the drain remembered. HAProxy: state ready.
examples:
  fulcrum undrain lb1 192.0.2.10:80 198.51.100.1:80
  fulcrum undrain lb1 192.0.2.10:80 198.51.100.1:80 --weight 3 --yes
${ACTION_OPTIONS}`,
  remove: `fulcrum remove <host> <service> <backend> [options]
Delete an IPVS backend, remembering its settings for restore.
examples:
  fulcrum remove lb1 192.0.2.10:80 198.51.100.1:80 --dry-run
${ACTION_OPTIONS}`,
  restore: `fulcrum restore <host> <service> <backend> [--forward masq|route|tunnel --weight N] [options]
Re-add a removed IPVS backend as it was (or with the given forward method and weight).
examples:
  fulcrum restore lb1 192.0.2.10:80 198.51.100.1:80
  fulcrum restore lb1 192.0.2.10:80 198.51.100.1:80 --forward route --weight 2 --yes
${ACTION_OPTIONS}`,
  maint: `fulcrum maint <host> haproxy:<backend> <server> [options]
HAProxy: set server state maint (also stops its health checks; drain keeps them).
examples:
  fulcrum maint lb1 haproxy:be_app web1 --yes
${ACTION_OPTIONS}`,
  audit: `fulcrum audit [--json] [--host H] [--since ISO]
The local audit log: when, who, what, before -> after, result, and which entry an undo undid.
examples:
  fulcrum audit --host lb1
  fulcrum audit --since 2026-12-01 --json`,
  undo: `fulcrum undo <audit-id or a unique prefix of 4+ characters> [options]
The inverse of an audit entry, planned, previewed and confirmed like any action. Refused
(changed-since-entry) when the target no longer shows what the entry set, naming the later change;
undoing an undo is a redo.
examples:
  fulcrum undo 3f2a9c10 --dry-run
  fulcrum undo 3f2a9c10 --yes
${ACTION_OPTIONS}
  HAProxy entries also take --haproxy-socket PATH and --haproxy-config PATH.`,
  "persist-weight": `fulcrum persist-weight <host> nginx <config> <upstream> <ADDR:PORT> <N|down|up> [options]
fulcrum persist-weight <host> keepalived <config> <VIP:PORT> <RIP:PORT> <N> [options]
Write a weight into the daemon's config file: diff, backup, validate, reload, read back.
examples:
  fulcrum persist-weight lb1 nginx /etc/nginx/nginx.conf app 10.0.0.11:8080 5 --dry-run
  fulcrum persist-weight lb1 keepalived /etc/keepalived/keepalived.conf 192.0.2.10:80 10.0.0.11:80 3
${ACTION_OPTIONS}`,
};

/** Whether `args` ask for help. */
export function asksForHelp(args: readonly string[]): boolean {
  return args.includes("--help") || args.includes("-h");
}

/** Prints the command's help; false when the command prints its own. */
export function printCommandHelp(name: string): boolean {
  const text = COMMAND_HELP[name];
  if (text === undefined) return false;
  process.stdout.write(`${text}\n`);
  return true;
}
