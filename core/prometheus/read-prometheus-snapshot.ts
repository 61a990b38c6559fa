/**
 * One host's snapshot from Prometheus in at most two queries (one more, only to name the
 * alternatives, when neither finds the host): Fulcrum's exporter by `host` first, since it has
 * everything; else node_exporter by `instance`, given with or without its port.
 */
import { PrometheusError, type PrometheusClient } from "./prometheus-client.ts";
import { prometheusSnapshot, type PrometheusSnapshot } from "./prometheus-snapshot.ts";

/** A PromQL string literal: backslash and double quote escaped, nothing else can break out. */
export function promString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** RE2 metacharacters escaped, so a host name is matched literally inside =~. */
export function regexLiteral(value: string): string {
  return value.replace(/[\\.^$|?*+()[\]{}]/g, "\\$&");
}

const NODE_METRICS =
  "node_ipvs_.+|node_network_(receive|transmit)_(bytes|packets|errs|drop)_total|node_network_speed_bytes";

export function isInstanceName(text: string): boolean {
  return text.length > 0 && text.length <= 253 && !/[\p{Cc}\s]/u.test(text);
}

export function checkInstance(text: string): string {
  if (!isInstanceName(text))
    throw new PrometheusError(
      "unknown-instance",
      `${JSON.stringify(text)} is not a host or instance name (the host label Fulcrum exports, or Prometheus's instance)`,
    );
  return text;
}

export async function readPrometheusSnapshot(
  client: PrometheusClient,
  host: string,
  now: number = Date.now(),
): Promise<PrometheusSnapshot> {
  checkInstance(host);
  const ours = await client.instant(`{__name__=~"fulcrum_.+",host=${promString(host)}}`, now);
  if (ours.length > 0)
    return prometheusSnapshot({
      host,
      url: client.url,
      exporter: "fulcrum",
      samples: ours,
      evaluatedAt: now,
    });
  const node = await client.instant(
    `{__name__=~"${NODE_METRICS}",instance=~${promString(`${regexLiteral(host)}(:[0-9]+)?`)}}`,
    now,
  );
  if (node.length > 0)
    return prometheusSnapshot({
      host,
      url: client.url,
      exporter: "node_exporter",
      samples: node,
      evaluatedAt: now,
    });
  const known = await client.instant(
    "count by (host, instance) (fulcrum_host_up or node_ipvs_connections_total or node_network_receive_bytes_total)",
    now,
  );
  const names = [...new Set(known.map((sample) => sample.metric.host ?? sample.metric.instance ?? ""))]
    .filter(Boolean)
    .sort();
  throw new PrometheusError(
    "unknown-instance",
    `Prometheus at ${client.url} has no Fulcrum series with host=${promString(host)} and no node_exporter series with instance ${host}` +
      (names.length > 0
        ? `; it knows: ${names.slice(0, 20).join(", ")}${names.length > 20 ? ", ..." : ""}`
        : "; it has no IPVS hosts at all"),
  );
}
