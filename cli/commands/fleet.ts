/**
 * fulcrum fleet --prometheus URL [--json]: every director the site's Prometheus knows, one row
 * each, from a fixed number of queries (core/prometheus/fleet-overview.ts). Credentials as for
 * `fulcrum snapshot --prometheus`.
 */
import { toJson } from "../../core/model/json.ts";
import {
  createPrometheusClient,
  parsePrometheusUrl,
  PrometheusError,
} from "../../core/prometheus/prometheus-client.ts";
import { readFleet, type FleetHost } from "../../core/prometheus/fleet-overview.ts";
import { EXIT_FAILED, EXIT_OK, UsageError } from "../exit-codes.ts";
import { parseFlags } from "../flags.ts";
import { authFrom, optionalAuth, PROMETHEUS_VALUE_FLAGS } from "./prometheus-snapshot.ts";

const USAGE =
  "usage: fulcrum fleet --prometheus URL [--json] [--prometheus-token-file FILE | --prometheus-user USER]";

function cell(value: number | boolean | null, format: (value: number) => string = String): string {
  if (value === null) return "n/a";
  if (typeof value === "boolean") return value ? "up" : "STALE";
  return format(value);
}

const rate = (value: number) =>
  value >= 1e6
    ? `${(value / 1e6).toFixed(1)}M`
    : value >= 1e3
      ? `${(value / 1e3).toFixed(1)}k`
      : value.toFixed(0);

function fleetTable(rows: readonly FleetHost[]): string {
  const header = [
    "HOST",
    "SOURCE",
    "STATE",
    "AGE",
    "BACKENDS",
    "WEIGHTED",
    "ACTIVE",
    "CONN/S",
    "IN B/S",
    "OUT B/S",
    "NIC TX",
    "VRRP",
  ];
  const lines = rows.map((row) => [
    row.id,
    row.source,
    cell(row.up),
    cell(row.ageSeconds, (value) => `${value.toFixed(0)}s`),
    cell(row.backends),
    cell(row.weightedBackends),
    cell(row.activeConns),
    cell(row.cps, rate),
    cell(row.inBps, rate),
    cell(row.outBps, rate),
    cell(row.nicUtilisation, (value) => `${(value * 100).toFixed(0)}%`),
    row.vrrp === null ? "n/a" : row.vrrp.map((vrrp) => `${vrrp.instance}:${vrrp.state}`).join(" ") || "-",
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...lines.map((line) => (line[i] ?? "").length)),
  );
  const format = (line: string[]) =>
    line
      .map((text, i) => text.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return `${[format(header), ...lines.map(format)].join("\n")}\nn/a: the source has no such figure (node_exporter: no NIC speed join, no VRRP).\n`;
}

export async function fleetCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, { booleans: ["--json"], values: [...PROMETHEUS_VALUE_FLAGS] });
  const url = flags.values.get("--prometheus")?.[0];
  if (url === undefined || flags.positionals.length > 0) throw new UsageError(USAGE);
  try {
    parsePrometheusUrl(url);
  } catch (error) {
    throw new UsageError(`--prometheus: ${(error as Error).message}`);
  }
  const auth = authFrom(flags);
  try {
    const rows = await readFleet(createPrometheusClient({ url, ...optionalAuth(auth) }));
    if (rows.length === 0) {
      process.stderr.write(
        `fulcrum: Prometheus at ${url} has no IPVS hosts (no fulcrum_* or node_ipvs_* series)\n`,
      );
      return EXIT_FAILED;
    }
    process.stdout.write(
      flags.booleans.has("--json") ? `${toJson({ prometheus: url, hosts: rows })}\n` : fleetTable(rows),
    );
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof PrometheusError)) throw error;
    process.stderr.write(`fulcrum: ${error.message} [${error.problem}]\n`);
    return EXIT_FAILED;
  }
}
