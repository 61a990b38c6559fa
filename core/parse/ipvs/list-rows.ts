/**
 * Destination rows and the numeric part of service rows of `ipvsadm -L`, one reader per table:
 * print_service_entry() in ipvsadm.c (1.31). Addresses are ADDR:PORT as -n prints them.
 */
import { ParseError } from "../../model/parse-error.ts";
import {
  COUNTER_FIELDS,
  RATE_FIELDS,
  type CounterField,
  type Counters,
  type RateField,
  type Rates,
} from "../../model/counters.ts";
import type { IpvsListForm, RealServer } from "../../model/ipvs.ts";
import { decimalAt, forwardOf, hostPortAt } from "./fields.ts";
import { parseLargeNum, splitLargeNums } from "./largenum.ts";

const INT_MAX = 2147483647;
const U32_MAX = 4294967295;

type Row = (tokens: readonly string[], line: number) => RealServer;

function expectTokens(tokens: readonly string[], line: number, count: number, grammar: string): void {
  if (tokens.length !== count) throw new ParseError(line, `${count} fields: ${grammar}`, tokens.join(" "));
}

function server(tokens: readonly string[], line: number): Pick<RealServer, "address" | "port"> {
  const { address, port } = hostPortAt(tokens[1], line, "real server");
  return { address, port };
}

const conns = (token: string | undefined, line: number, what: string): number =>
  decimalAt(token, line, what, U32_MAX);

/** print_largenum values of one row, exactly `count` of them. */
function largeNums(
  tokens: readonly string[],
  line: number,
  count: number,
  grammar: string,
): { values: bigint[]; inexact: boolean[] } {
  const parts = splitLargeNums(tokens);
  if (!parts) throw new ParseError(line, `numbers (print_largenum): ${grammar}`, tokens.join(" "));
  if (parts.length !== count) throw new ParseError(line, `${count} numbers: ${grammar}`, tokens.join(" "));
  const values: bigint[] = [];
  const inexact: boolean[] = [];
  for (const part of parts) {
    const parsed = parseLargeNum(part);
    if (!parsed) throw new ParseError(line, `number within 64 bits: ${grammar}`, part);
    values.push(parsed.value);
    inexact.push(!parsed.exact);
  }
  return { values, inexact };
}

const STATS_GRAMMAR = "Conns InPkts OutPkts InBytes OutBytes";
const RATE_GRAMMAR = "CPS InPPS OutPPS InBPS OutBPS";

// "   116   582893   578642 45293116 826814146"  |  "  2515932  125426K        0   13034M        0"
export function countersFrom(tokens: readonly string[], line: number): Counters {
  const { values, inexact } = largeNums(tokens, line, 5, STATS_GRAMMAR);
  const [conns, inPkts, outPkts, inBytes, outBytes] = values as [bigint, bigint, bigint, bigint, bigint];
  const counters: Counters = { conns, inPkts, outPkts, inBytes, outBytes };
  if (inexact.includes(true))
    counters.inexact = COUNTER_FIELDS.filter((_field, i) => inexact[i]) as CounterField[];
  return counters;
}

function ratesOf(values: readonly bigint[], inexact: readonly boolean[]): Rates {
  const [cps, inPps, outPps, inBps, outBps] = values.map(Number) as [number, number, number, number, number];
  const rates: Rates = { cps, inPps, outPps, inBps, outBps };
  if (inexact.includes(true)) rates.inexact = RATE_FIELDS.filter((_field, i) => inexact[i]) as RateField[];
  return rates;
}

// Service rows of --rate print all five with print_largenum: "        0        0        0        0        0"
export function serviceRatesFrom(tokens: readonly string[], line: number): Rates {
  const { values, inexact } = largeNums(tokens, line, 5, RATE_GRAMMAR);
  return ratesOf(values, inexact);
}

// "  -> %-28s %-7s %-6d %-10u %-10u"
// "  -> 10.0.2.16:80                 Masq    1      0          0"
const listRow: Row = (tokens, line) => {
  expectTokens(tokens, line, 6, "-> ADDR:PORT Forward Weight ActiveConn InActConn");
  return {
    ...server(tokens, line),
    ...forwardOf(tokens[2] as string),
    weight: decimalAt(tokens[3], line, "weight", INT_MAX),
    activeConns: conns(tokens[4], line, "ActiveConn"),
    inactiveConns: conns(tokens[5], line, "InActConn"),
  };
};

// "  -> %-28s %-7s %-13s %-6d %-10u %-10u"   (TunnelInfo "n/a" when not a tunnel)
// "  -> 10.0.0.2:80                  Tunnel  gue:6080:-c   1      0          0"
const tunInfoRow: Row = (tokens, line) => {
  expectTokens(tokens, line, 7, "-> ADDR:PORT Forward TunnelInfo Weight ActiveConn InActConn");
  const info = tokens[3] as string;
  return {
    ...server(tokens, line),
    ...forwardOf(tokens[2] as string),
    ...(info === "n/a" ? {} : { tunnelInfo: info }),
    weight: decimalAt(tokens[4], line, "weight", INT_MAX),
    activeConns: conns(tokens[5], line, "ActiveConn"),
    inactiveConns: conns(tokens[6], line, "InActConn"),
  };
};

// "  -> %-28s %-9u %-11u %-10u %-10u"
// "  -> 192.168.40.24:80             1         1           0          2"
const persistentConnRow: Row = (tokens, line) => {
  expectTokens(tokens, line, 6, "-> ADDR:PORT Weight PersistConn ActiveConn InActConn");
  return {
    ...server(tokens, line),
    forward: "unknown",
    weight: decimalAt(tokens[2], line, "weight", INT_MAX),
    persistConns: conns(tokens[3], line, "PersistConn"),
    activeConns: conns(tokens[4], line, "ActiveConn"),
    inactiveConns: conns(tokens[5], line, "InActConn"),
    notPrinted: ["forward"],
  };
};

// "  -> %-28s %-10u %-10u %-10u %-10u"
// "  -> 10.0.0.2:80                  100        10         3          7"
const thresholdsRow: Row = (tokens, line) => {
  expectTokens(tokens, line, 6, "-> ADDR:PORT Uthreshold Lthreshold ActiveConn InActConn");
  return {
    ...server(tokens, line),
    forward: "unknown",
    weight: 0,
    upperThreshold: conns(tokens[2], line, "Uthreshold"),
    lowerThreshold: conns(tokens[3], line, "Lthreshold"),
    activeConns: conns(tokens[4], line, "ActiveConn"),
    inactiveConns: conns(tokens[5], line, "InActConn"),
    notPrinted: ["forward", "weight"],
  };
};

const NOT_IN_COUNTER_TABLES: RealServer["notPrinted"] = ["forward", "weight", "activeConns", "inactiveConns"];

// "  -> %-28s" then 5 x print_largenum
// "  -> 10.68.15.66:80                    116   582893   578642 45293116 826814146"
const statsRow: Row = (tokens, line) => {
  if (tokens.length < 2) expectTokens(tokens, line, 7, `-> ADDR:PORT ${STATS_GRAMMAR}`);
  return {
    ...server(tokens, line),
    forward: "unknown",
    weight: 0,
    activeConns: 0,
    inactiveConns: 0,
    stats: countersFrom(tokens.slice(2), line),
    notPrinted: [...NOT_IN_COUNTER_TABLES],
  };
};

// "  -> %-28s %8llu %8llu %8llu" then 2 x print_largenum: CPS and PPS are always exact here.
// "  -> 10.0.0.2:80                     12     3456     3400  123456K        0"
const rateRow: Row = (tokens, line) => {
  expectTokens(tokens, line, 7, `-> ADDR:PORT ${RATE_GRAMMAR}`);
  const plain = [2, 3, 4].map((i) => BigInt(decimalAt(tokens[i], line, "exact decimal rate (%8llu)")));
  const { values, inexact } = largeNums(tokens.slice(5), line, 2, "InBPS OutBPS");
  return {
    ...server(tokens, line),
    forward: "unknown",
    weight: 0,
    activeConns: 0,
    inactiveConns: 0,
    rates: ratesOf([...plain, ...values], [false, false, false, ...inexact]),
    notPrinted: [...NOT_IN_COUNTER_TABLES],
  };
};

export const DESTINATION_ROWS: Record<IpvsListForm, Row> = {
  list: listRow,
  "tun-info": tunInfoRow,
  "persistent-conn": persistentConnRow,
  thresholds: thresholdsRow,
  stats: statsRow,
  rate: rateRow,
};
