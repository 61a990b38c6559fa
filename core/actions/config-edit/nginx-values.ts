/**
 * Values that name an nginx upstream server in an edit (ngx_http_upstream_module, "upstream" and
 * "server"). Only the forms Fulcrum can match without resolving anything pass: IP:PORT (IPv6 as
 * [ADDR]:PORT). Host names are refused (they may resolve to several servers) and so are unix:
 * sockets (not a backend address an operator picks from the traffic table).
 */
import { formatHostPort, parseHostPort } from "../../model/address.ts";
import { ValidationError } from "../../commands/validated.ts";

declare const brand: unique symbol;
export type NginxUpstreamName = string & { readonly [brand]: "NginxUpstreamName" };
export type NginxWeight = number & { readonly [brand]: "NginxWeight" };

export interface NginxServerAddress {
  /** Canonical address (RFC 5952 for IPv6) and port; `text` is the CLI form. */
  address: string;
  port: number;
  text: string;
}

/** Upstream names as people write them ("backend", "app_v2", "api.internal"); never an option. */
export function nginxUpstreamName(text: string): NginxUpstreamName {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(text)) {
    throw new ValidationError(`not an nginx upstream name Fulcrum edits: ${JSON.stringify(text)}`);
  }
  return text as NginxUpstreamName;
}

export function nginxServerAddress(text: string): NginxServerAddress {
  if (text.startsWith("unix:"))
    throw new ValidationError(`unix: sockets are not edited: ${JSON.stringify(text)}`);
  const parsed = parseHostPort(text);
  if (!parsed) throw new ValidationError(`not ADDR:PORT or [IPv6]:PORT: ${JSON.stringify(text)}`);
  return { address: parsed.address, port: parsed.port, text: formatHostPort(parsed.address, parsed.port) };
}

/** nginx refuses weight=0 ("invalid parameter"); the upper bound is Fulcrum's, as for IPVS. */
export function nginxWeight(value: unknown): NginxWeight {
  const number = typeof value === "string" && /^\d{1,6}$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || number < 1 || number > 65535) {
    throw new ValidationError(
      `an nginx weight must be a whole number from 1 to 65535, not ${JSON.stringify(value)}`,
    );
  }
  return number as NginxWeight;
}
