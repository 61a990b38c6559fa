/**
 * fulcrum dns NAME... [--server IP[:PORT]] [--host ALIAS]... [--json]: the DNS tier. Each name
 * through the resolver (the system's, or --server) and its authoritative servers: records, TTLs,
 * the CNAME chain; each address joined with the VIPs of the hosts named by --host (each sampled
 * once over SSH), with who holds it and its weighted backends; and the warnings. Without NAME, the
 * watched names (fulcrum dns add NAME). Exit 1 when a name sends clients where they fail.
 *   fulcrum dns add NAME | remove NAME | list
 */
import { isIP } from "node:net";
import type { HostSnapshot } from "../../core/api.ts";
import { fulcrumDataFolder } from "../../core/data-folder.ts";
import { CLIENTS_FAIL, unnamedVips, type DnsNameView } from "../../core/dns/dns-view.ts";
import type { ResolverChoice } from "../../core/dns/dns-lookup.ts";
import { resolveNameView } from "../../core/dns/resolve-names.ts";
import { changeWatchedNames, dnsName, DnsNameError, readWatchedNames } from "../../core/dns/watched-names.ts";
import { toJson } from "../../core/model/json.ts";
import { EXIT_FAILED, EXIT_OK, UsageError } from "../exit-codes.ts";
import { parseFlags, SSH_CONFIG_FLAGS, sshConfigFlag } from "../flags.ts";
import { checkHostAlias, connectHost } from "../host-session.ts";
import { sampleHostOnce } from "../sample-host.ts";

export const DNS_HELP = `usage: fulcrum dns [NAME...] [--server IP[:PORT]] [--host ALIAS]... [--json]
       fulcrum dns add NAME | remove NAME | list

Each name as clients meet it: the resolver's answer (records, TTLs, CNAME chain) beside the
authoritative servers' (found from its NS records), each address joined with the VIPs of the hosts
given by --host (sampled once over SSH): who holds it now, its services, its weighted backends, the
share of new connections it really gets beside the equal share DNS gives it. Warnings: a name at a
VIP no director holds or without a weighted backend (clients fail: exit 1), every address on one
director, a stale cache, failed lookups (NXDOMAIN, SERVFAIL, timeout), how long TTLs keep clients
after a failover.

examples:
  fulcrum dns www.example.com --host lb1 --host lb2
  fulcrum dns www.example.com --server 192.0.2.53
  fulcrum dns add www.example.com && fulcrum dns --host lb1

exit status: 0 ok, 1 a name sends clients where they fail, 2 bad input
`;

function serverChoice(text: string | undefined): ResolverChoice {
  if (text === undefined) return { kind: "system" };
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)|([0-9a-fA-F:]+))(?::(\d{1,5}))?$/.exec(text);
  const address = match?.[1] ?? match?.[2] ?? match?.[3];
  const port = match?.[4];
  if (
    !address ||
    isIP(address) === 0 ||
    (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535))
  )
    throw new UsageError(`--server takes IP or IP:PORT ([IPv6]:PORT), not ${JSON.stringify(text)}`);
  const bracketed = address.includes(":") ? `[${address}]` : address;
  return { kind: "server", address: port === undefined ? address : `${bracketed}:${port}` };
}

function viewText(view: DnsNameView): string {
  const lines = [view.name];
  const answer = (label: string, result: DnsNameView["resolver"]) => {
    const chain = result.cnameChain.length > 0 ? ` via CNAME ${result.cnameChain.join(" -> ")}` : "";
    if (!result.ok)
      return `  ${label} ${result.server}: ${result.failure.toUpperCase()}${chain} (${result.message})`;
    return `  ${label} ${result.server}${chain}: ${result.records.map((r) => `${r.address} (${r.family}, ttl ${r.ttl} s)`).join(", ")}`;
  };
  lines.push(answer("resolver", view.resolver));
  for (const auth of view.authoritative) lines.push(answer("authoritative", auth));
  for (const address of view.addresses) {
    const held =
      address.vip.heldBy.length > 0 ? `held by ${address.vip.heldBy.join(", ")}` : "held by no followed host";
    const traffic =
      address.trafficShare === undefined
        ? ""
        : `, gets ${(address.trafficShare * 100).toFixed(0)} % of new connections`;
    lines.push(
      `  ${address.address}: ${held}, ${address.vip.weightedBackends} weighted backends, DNS share ${(address.dnsShare * 100).toFixed(0)} %${traffic}`,
    );
  }
  for (const warning of view.warnings)
    lines.push(
      `  ${CLIENTS_FAIL.has(warning.code) ? "WARNING" : "note"} [${warning.code}] ${warning.message}`,
    );
  return lines.join("\n");
}

async function manage(action: string, rest: string[]): Promise<number> {
  const folder = fulcrumDataFolder();
  if (action === "list") {
    if (rest.length > 0) throw new UsageError("usage: fulcrum dns list");
    const names = await readWatchedNames(folder);
    process.stdout.write(
      names.length === 0 ? "no watched names (fulcrum dns add NAME)\n" : `${names.join("\n")}\n`,
    );
    return EXIT_OK;
  }
  const [text, ...extra] = rest;
  if (text === undefined || extra.length > 0) throw new UsageError(`usage: fulcrum dns ${action} NAME`);
  const name = dnsName(text);
  const names = await changeWatchedNames(folder, (current) =>
    action === "add" ? [...current, name] : current.filter((entry) => entry !== name),
  );
  process.stdout.write(`watched names: ${names.join(", ") || "none"}\n`);
  return EXIT_OK;
}

export async function dnsCommand(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(DNS_HELP);
    return EXIT_OK;
  }
  try {
    const [first, ...rest] = args;
    if (first === "add" || first === "remove" || first === "list") return await manage(first, rest);
    const flags = parseFlags(args, {
      booleans: ["--json"],
      values: [...SSH_CONFIG_FLAGS, "--server"],
      repeated: ["--host"],
    });
    const resolver = serverChoice(flags.values.get("--server")?.[0]);
    const names =
      flags.positionals.length > 0
        ? flags.positionals.map(dnsName)
        : await readWatchedNames(fulcrumDataFolder());
    if (names.length === 0) throw new UsageError("give a NAME, or watch one first: fulcrum dns add NAME");
    const hosts = (flags.values.get("--host") ?? []).map(checkHostAlias);
    const snapshots: HostSnapshot[] = [];
    for (const alias of hosts) {
      const session = await connectHost(alias, sshConfigFlag(flags));
      try {
        const sample = await sampleHostOnce(session, alias, { windowSeconds: 2 });
        if (!sample.snapshot) throw new Error(`${alias}: no sample arrived (${sample.ended})`);
        snapshots.push(sample.snapshot);
      } finally {
        session.close();
      }
    }
    const views = await Promise.all(names.map((name) => resolveNameView(name, resolver, snapshots)));
    const unnamed = unnamedVips(views, snapshots);
    if (flags.booleans.has("--json"))
      process.stdout.write(`${toJson({ names: views, unnamedVips: unnamed })}\n`);
    else {
      process.stdout.write(`${views.map(viewText).join("\n\n")}\n`);
      for (const warning of unnamed) process.stdout.write(`note [${warning.code}] ${warning.message}\n`);
    }
    return views.some((view) => view.warnings.some((warning) => CLIENTS_FAIL.has(warning.code)))
      ? EXIT_FAILED
      : EXIT_OK;
  } catch (error) {
    if (error instanceof DnsNameError) {
      if (error.problem === "invalid-name") throw new UsageError(error.message);
      process.stderr.write(`fulcrum: ${error.message}\n`);
      return EXIT_FAILED;
    }
    throw error;
  }
}
