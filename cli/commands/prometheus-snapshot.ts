/**
 * fulcrum snapshot --prometheus URL INSTANCE [--json]: a host as the site's Prometheus has it, in
 * the shape of an SSH snapshot (core/prometheus), without connecting to the host. INSTANCE is the
 * `host` label Fulcrum's exporter gives, or node_exporter's `instance` (port optional).
 * Credentials: a bearer token from --prometheus-token-file or $FULCRUM_PROMETHEUS_TOKEN, or
 * --prometheus-user with $FULCRUM_PROMETHEUS_PASSWORD; never on the command line, where `ps` shows them.
 */
import { readFileSync } from "node:fs";
import { toJson } from "../../core/model/json.ts";
import {
  createPrometheusClient,
  parsePrometheusUrl,
  PrometheusError,
  type PrometheusAuth,
} from "../../core/prometheus/prometheus-client.ts";
import type { PrometheusSnapshot } from "../../core/prometheus/prometheus-snapshot.ts";
import { isInstanceName, readPrometheusSnapshot } from "../../core/prometheus/read-prometheus-snapshot.ts";
import { EXIT_FAILED, EXIT_OK, UsageError } from "../exit-codes.ts";
import type { ParsedFlags } from "../flags.ts";

export const PROMETHEUS_VALUE_FLAGS = [
  "--prometheus",
  "--prometheus-token-file",
  "--prometheus-user",
] as const;

export function authFrom(flags: ParsedFlags): PrometheusAuth | undefined {
  const tokenFile = flags.values.get("--prometheus-token-file")?.[0];
  const user = flags.values.get("--prometheus-user")?.[0];
  if (tokenFile !== undefined && user !== undefined)
    throw new UsageError("give --prometheus-token-file or --prometheus-user, not both");
  if (tokenFile !== undefined) {
    let token: string;
    try {
      token = readFileSync(tokenFile, "utf8").trim();
    } catch (error) {
      throw new UsageError(`cannot read --prometheus-token-file ${tokenFile}: ${(error as Error).message}`);
    }
    if (!token) throw new UsageError(`--prometheus-token-file ${tokenFile} is empty`);
    return { kind: "bearer", token };
  }
  if (user !== undefined) {
    const password = process.env.FULCRUM_PROMETHEUS_PASSWORD;
    if (password === undefined)
      throw new UsageError("--prometheus-user needs the password in $FULCRUM_PROMETHEUS_PASSWORD");
    return { kind: "basic", user, password };
  }
  const token = process.env.FULCRUM_PROMETHEUS_TOKEN;
  return token ? { kind: "bearer", token } : undefined;
}

const shown = (value: number | string | null | undefined) =>
  value === null || value === undefined ? "n/a" : String(value);

function snapshotText(snapshot: PrometheusSnapshot): string {
  const lines = [
    `${snapshot.host} from Prometheus ${snapshot.source.url} (${snapshot.source.exporter}), newest sample ${
      snapshot.at === null ? "n/a" : new Date(snapshot.at).toISOString()
    }${snapshot.stale ? " (stale in Fulcrum's exporter)" : ""}`,
    "n/a: this source does not have the figure (node_exporter has no per-backend counters or forwarding method)",
  ];
  for (const service of snapshot.services) {
    const name =
      service.protocol === "fwmark"
        ? `fwm:${service.fwmark}`
        : `${service.protocol}:${service.address}:${service.port}`;
    lines.push(`${name}  scheduler ${shown(service.scheduler)}  conns ${shown(service.stats?.conns)}`);
    for (const backend of service.realServers) {
      lines.push(
        `  -> ${backend.address}:${backend.port}  ${shown(backend.forward)}  weight ${shown(backend.weight)}  active ${shown(
          backend.activeConns,
        )}  inactive ${shown(backend.inactiveConns)}  conns ${shown(backend.stats?.conns)}  in ${shown(
          backend.stats?.inBytes,
        )} B  out ${shown(backend.stats?.outBytes)} B`,
      );
    }
  }
  for (const nic of snapshot.nics)
    lines.push(
      `nic ${nic.name}  rx ${shown(nic.rxBytes)} B  tx ${shown(nic.txBytes)} B  speed ${shown(nic.speedMbps)} Mbit/s`,
    );
  return `${lines.join("\n")}\n`;
}

export async function prometheusSnapshotCommand(flags: ParsedFlags): Promise<number> {
  const url = flags.values.get("--prometheus")?.[0] ?? "";
  const [instance, ...extra] = flags.positionals;
  if (instance === undefined || extra.length > 0)
    throw new UsageError(
      "usage: fulcrum snapshot --prometheus URL INSTANCE [--json] [--prometheus-token-file FILE]",
    );
  if (!isInstanceName(instance))
    throw new UsageError(`${JSON.stringify(instance)} is not a host or instance name`);
  try {
    parsePrometheusUrl(url);
  } catch (error) {
    throw new UsageError(`--prometheus: ${(error as Error).message}`);
  }
  const auth = authFrom(flags);
  try {
    const client = createPrometheusClient({ url, ...optionalAuth(auth) });
    const snapshot = await readPrometheusSnapshot(client, instance);
    process.stdout.write(flags.booleans.has("--json") ? `${toJson(snapshot)}\n` : snapshotText(snapshot));
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof PrometheusError)) throw error;
    process.stderr.write(`fulcrum: ${error.message} [${error.problem}]\n`);
    return EXIT_FAILED;
  }
}

export function optionalAuth(auth: PrometheusAuth | undefined): { auth?: PrometheusAuth } {
  return auth === undefined ? {} : { auth };
}
