/**
 * A shortcut for the two destination rows the sampler reads every second per host (DESIGN §8:
 * 20 hosts x 500 backends at 1 s; a 10,000-backend listing in under 10 ms): the default table and
 * --stats --exact, read straight from the line's characters with no token array, regex or
 * intermediate object.
 *
 *   "  -> 10.0.2.16:80                 Masq    1      0          0"
 *   "  -> 10.68.15.66:80                    116   582893   578642 45293116 826814146"
 *
 * It accepts only the plainest form of each row: ipvsadm's own "  -> " prefix, single spaces as
 * separators, a canonical IPv4 ADDR:PORT, a known forwarding word, plain decimals within their
 * limits. Anything else (IPv6, K/M/G/T, a glued T value, a stray character, a value out of range,
 * a missing or extra column) gives undefined, and the caller reads the line through list-rows.ts,
 * which returns the same RealServer for what this accepts and the ParseError for what is wrong.
 */
import type { Counters } from "../../model/counters.ts";
import type { IpvsListForm, RealServer } from "../../model/ipvs.ts";
import { FORWARD_NAMES } from "./fields.ts";

export const DESTINATION_PREFIX = "  -> ";

const SPACE = 32;
const COLON = 58;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

const INT_MAX = 2147483647;
const U32_MAX = 4294967295;
const U64_MAX = 18446744073709551615n;

/**
 * A cursor over one line. Each reader returns false (or undefined) as soon as the line is not in
 * the plain form, leaving the verdict to list-rows.ts.
 */
class RowScanner {
  readonly text: string;
  at = DESTINATION_PREFIX.length;
  /** Set by digits(): where the last run of digits began and ended. */
  start = 0;
  end = 0;

  constructor(text: string) {
    this.text = text;
  }

  /** One or more spaces, then something. */
  gap(): boolean {
    const text = this.text;
    const before = this.at;
    let at = before;
    while (text.charCodeAt(at) === SPACE) at++;
    this.at = at;
    return at > before && at < text.length;
  }

  /** Nothing but spaces up to the end of the line. */
  atEnd(): boolean {
    const text = this.text;
    let at = this.at;
    while (text.charCodeAt(at) === SPACE) at++;
    this.at = at;
    return at === text.length;
  }

  /**
   * A run of decimal digits ending at a space or the end of the line. Its value when that is at
   * most 2^53 - 1, -1 when it is more (the caller reads start..end), undefined when the text is no
   * run of digits. Below 2^53 every step of value * 10 + digit is exact; above, the double is at
   * least 2^53 whatever its rounding, so the test cannot pass a value it did not hold exactly.
   */
  digits(): number | undefined {
    const text = this.text;
    const start = this.at;
    let at = start;
    let value = 0;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code >= ZERO && code <= NINE) {
        value = value * 10 + (code - ZERO);
        at++;
      } else if (code === SPACE || at === text.length) {
        break;
      } else {
        return undefined;
      }
    }
    this.start = start;
    this.end = at;
    this.at = at;
    if (at === start) return undefined;
    return value <= Number.MAX_SAFE_INTEGER ? value : -1;
  }

  /** A decimal in [0, max] as decimalAt (fields.ts) reads it. */
  decimal(max: number): number | undefined {
    const value = this.digits();
    if (value === undefined || value < 0 || value > max) return undefined;
    return value;
  }

  /** A plain print_largenum value (--exact, no suffix) within u64. */
  counter(): bigint | undefined {
    const value = this.digits();
    if (value === undefined) return undefined;
    if (value >= 0) return BigInt(value);
    const big = BigInt(this.text.slice(this.start, this.end));
    return big > U64_MAX ? undefined : big;
  }

  /** A word of anything but spaces. */
  word(): string | undefined {
    const start = this.at;
    while (this.at < this.text.length && this.text.charCodeAt(this.at) !== SPACE) this.at++;
    return this.at > start ? this.text.slice(start, this.at) : undefined;
  }

  /**
   * "192.0.2.1:80" as the IPv4 pattern of hostPortAt (fields.ts) takes it: four octets of 0..255
   * without leading zeros, then a port of 1 to 5 digits up to 65535.
   */
  ipv4HostPort(): { address: string; port: number } | undefined {
    const text = this.text;
    const start = this.at;
    for (let octet = 0; octet < 4; octet++) {
      const first = this.at;
      let value = 0;
      while (this.at - first < 3) {
        const code = text.charCodeAt(this.at);
        if (code < ZERO || code > NINE) break;
        value = value * 10 + (code - ZERO);
        this.at++;
      }
      const length = this.at - first;
      if (length === 0 || value > 255 || (length > 1 && text.charCodeAt(first) === ZERO)) return undefined;
      if (text.charCodeAt(this.at) !== (octet < 3 ? DOT : COLON)) return undefined;
      this.at++;
    }
    const colon = this.at - 1;
    const port = this.digits();
    if (port === undefined || port < 0 || this.end - this.start > 5 || port > 65535) return undefined;
    return { address: text.slice(start, colon), port };
  }
}

// "  -> %-28s %-7s %-6d %-10u %-10u"
function listRow(text: string): RealServer | undefined {
  if (!text.startsWith(DESTINATION_PREFIX)) return undefined;
  const row = new RowScanner(text);
  const server = row.ipv4HostPort();
  if (!server || !row.gap()) return undefined;
  const word = row.word();
  const forward = word !== undefined && Object.hasOwn(FORWARD_NAMES, word) ? FORWARD_NAMES[word] : undefined;
  if (!forward || !row.gap()) return undefined;
  const weight = row.decimal(INT_MAX);
  if (weight === undefined || !row.gap()) return undefined;
  const activeConns = row.decimal(U32_MAX);
  if (activeConns === undefined || !row.gap()) return undefined;
  const inactiveConns = row.decimal(U32_MAX);
  if (inactiveConns === undefined || !row.atEnd()) return undefined;
  return { address: server.address, port: server.port, forward, weight, activeConns, inactiveConns };
}

// "  -> %-28s" then 5 x print_largenum with --exact
function statsRow(text: string): RealServer | undefined {
  if (!text.startsWith(DESTINATION_PREFIX)) return undefined;
  const row = new RowScanner(text);
  const server = row.ipv4HostPort();
  if (!server || !row.gap()) return undefined;
  const conns = row.counter();
  if (conns === undefined || !row.gap()) return undefined;
  const inPkts = row.counter();
  if (inPkts === undefined || !row.gap()) return undefined;
  const outPkts = row.counter();
  if (outPkts === undefined || !row.gap()) return undefined;
  const inBytes = row.counter();
  if (inBytes === undefined || !row.gap()) return undefined;
  const outBytes = row.counter();
  if (outBytes === undefined || !row.atEnd()) return undefined;
  const stats: Counters = { conns, inPkts, outPkts, inBytes, outBytes };
  return {
    address: server.address,
    port: server.port,
    forward: "unknown",
    weight: 0,
    activeConns: 0,
    inactiveConns: 0,
    stats,
    notPrinted: ["forward", "weight", "activeConns", "inactiveConns"],
  };
}

/** The shortcut for a table form, where there is one. */
export const FAST_DESTINATION_ROWS: Partial<Record<IpvsListForm, (text: string) => RealServer | undefined>> =
  {
    list: listRow,
    stats: statsRow,
  };
