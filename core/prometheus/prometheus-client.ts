/**
 * A read-only client of a Prometheus server's HTTP API (/api/v1/query, /api/v1/query_range):
 * bounded in time and size, and every failure one of a closed set of problems, so that a
 * Prometheus that is down, slow or answering something else is said as such and never crashes
 * or hangs Fulcrum. Credentials are passed in, never stored here.
 */

export type PrometheusProblem =
  /** Nothing answered at the URL (refused, no route, DNS). */
  | "unreachable"
  /** No complete answer within the time limit. */
  | "timeout"
  /** An HTTP status other than 200 (401/403 names the credentials). */
  | "http-status"
  /** 200, but not Prometheus's JSON envelope (a proxy's page, garbage, too large). */
  | "not-prometheus"
  /** Prometheus answered with status "error" (a bad query, too many points). */
  | "query-failed"
  /** Prometheus answered, but has no series for the host or instance asked about. */
  | "unknown-instance";

export class PrometheusError extends Error {
  readonly problem: PrometheusProblem;
  constructor(problem: PrometheusProblem, message: string) {
    super(message);
    this.name = "PrometheusError";
    this.problem = problem;
  }
}

export type PrometheusAuth =
  { kind: "bearer"; token: string } | { kind: "basic"; user: string; password: string };

export type PrometheusClientOptions = {
  /** Base URL, e.g. http://127.0.0.1:9090 (a path prefix is kept: http://host/prometheus). */
  url: string;
  auth?: PrometheusAuth;
  timeoutMs?: number;
  /** Largest answer read, in bytes; more is refused as not-prometheus. */
  maxBytes?: number;
};

export type InstantSample = { metric: Record<string, string>; value: [number, string] };
export type RangeSeries = { metric: Record<string, string>; values: Array<[number, string]> };

/** Prometheus refuses a range query of more than 11,000 points per series. */
export const MAX_POINTS_PER_SERIES = 11_000;

export interface PrometheusClient {
  readonly url: string;
  instant(query: string, at?: number): Promise<InstantSample[]>;
  /** Every raw sample of the selector's series in (start, end], epoch ms: a range-vector query. */
  samples(selector: string, start: number, end: number): Promise<RangeSeries[]>;
  /** start/end in epoch ms, step in seconds; refuses (before asking) a step over the points limit. */
  range(query: string, start: number, end: number, stepSeconds: number): Promise<RangeSeries[]>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export function parsePrometheusUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PrometheusError(
      "unreachable",
      `${JSON.stringify(text)} is not a URL (try http://127.0.0.1:9090)`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new PrometheusError("unreachable", `${text}: only http and https Prometheus URLs are supported`);
  if (url.username || url.password)
    throw new PrometheusError(
      "unreachable",
      `${url.origin}: put no credentials in the URL (they would show in logs); use the token or password options`,
    );
  return url;
}

async function readBounded(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes)
    throw new PrometheusError(
      "not-prometheus",
      `the answer is ${declared} bytes, over the ${maxBytes}-byte limit`,
    );
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new PrometheusError("not-prometheus", `the answer passed the ${maxBytes}-byte limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

type Envelope = { status?: unknown; data?: { resultType?: unknown; result?: unknown }; error?: unknown };

export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const base = parsePrometheusUrl(options.url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.auth?.kind === "bearer") headers.Authorization = `Bearer ${options.auth.token}`;
  if (options.auth?.kind === "basic")
    headers.Authorization = `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString("base64")}`;
  const where = base.origin + base.pathname.replace(/\/$/, "");

  async function call(
    path: string,
    params: Record<string, string>,
    expected: "vector" | "matrix",
  ): Promise<unknown[]> {
    const url = new URL(`${base.pathname.replace(/\/$/, "")}${path}`, base);
    const body = new URLSearchParams(params);
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      // POST with a form body: long PromQL fits (a GET URL may be cut by proxies), as Grafana does.
      response = await fetch(url, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
        body,
        signal,
        redirect: "error",
      });
      text = await readBounded(response, maxBytes);
    } catch (error) {
      if (error instanceof PrometheusError) throw error;
      if (signal.aborted)
        throw new PrometheusError(
          "timeout",
          `Prometheus at ${where} gave no answer within ${timeoutMs / 1000} s`,
        );
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new PrometheusError(
        "unreachable",
        `Prometheus at ${where} cannot be reached: ${cause?.code ?? cause?.message ?? String(error)}`,
      );
    }
    let envelope: Envelope | undefined;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      envelope = undefined;
    }
    if (response.status !== 200) {
      const detail = typeof envelope?.error === "string" ? `: ${envelope.error}` : "";
      const auth = response.status === 401 || response.status === 403 ? " (check the token or password)" : "";
      if (envelope?.status === "error" && (response.status === 400 || response.status === 422))
        throw new PrometheusError("query-failed", `Prometheus refused the query${detail}`);
      throw new PrometheusError(
        "http-status",
        `Prometheus at ${where} answered HTTP ${response.status}${auth}${detail}`,
      );
    }
    if (
      !envelope ||
      typeof envelope !== "object" ||
      (envelope.status !== "success" && envelope.status !== "error")
    )
      throw new PrometheusError("not-prometheus", `${where} answered, but not as Prometheus's API does`);
    if (envelope.status === "error")
      throw new PrometheusError("query-failed", `Prometheus refused the query: ${String(envelope.error)}`);
    if (envelope.data?.resultType !== expected || !Array.isArray(envelope.data.result))
      throw new PrometheusError("not-prometheus", `${where} answered without a ${expected} result`);
    return envelope.data.result;
  }

  return {
    url: where,
    async instant(query, at) {
      const params: Record<string, string> = { query };
      if (at !== undefined) params.time = String(at / 1000);
      const result = await call("/api/v1/query", params, "vector");
      return result.map((item) => checkSample(item, where));
    },
    async samples(selector, start, end) {
      const seconds = Math.max(1, Math.ceil((end - start) / 1000));
      const result = await call(
        "/api/v1/query",
        { query: `${selector}[${seconds}s]`, time: String(end / 1000) },
        "matrix",
      );
      return result.map((item) => checkSeries(item, where));
    },
    async range(query, start, end, stepSeconds) {
      const points = Math.floor((end - start) / 1000 / stepSeconds) + 1;
      if (!(stepSeconds > 0) || points > MAX_POINTS_PER_SERIES)
        throw new PrometheusError(
          "query-failed",
          `a step of ${stepSeconds} s gives ${points} points per series; Prometheus allows ${MAX_POINTS_PER_SERIES}`,
        );
      const result = await call(
        "/api/v1/query_range",
        { query, start: String(start / 1000), end: String(end / 1000), step: String(stepSeconds) },
        "matrix",
      );
      return result.map((item) => checkSeries(item, where));
    },
  };
}

function labelsOf(item: unknown, where: string): Record<string, string> {
  const metric = (item as { metric?: unknown }).metric;
  if (!metric || typeof metric !== "object")
    throw new PrometheusError("not-prometheus", `${where}: a result without labels`);
  for (const value of Object.values(metric))
    if (typeof value !== "string")
      throw new PrometheusError("not-prometheus", `${where}: a label that is not text`);
  return metric as Record<string, string>;
}

function checkPoint(point: unknown, where: string): [number, string] {
  if (!Array.isArray(point) || typeof point[0] !== "number" || typeof point[1] !== "string")
    throw new PrometheusError("not-prometheus", `${where}: a sample that is not [time, "value"]`);
  return [point[0], point[1]];
}

function checkSample(item: unknown, where: string): InstantSample {
  return { metric: labelsOf(item, where), value: checkPoint((item as { value?: unknown }).value, where) };
}

function checkSeries(item: unknown, where: string): RangeSeries {
  const values = (item as { values?: unknown }).values;
  if (!Array.isArray(values))
    throw new PrometheusError("not-prometheus", `${where}: a series without values`);
  return { metric: labelsOf(item, where), values: values.map((point) => checkPoint(point, where)) };
}
