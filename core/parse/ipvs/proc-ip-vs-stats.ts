/**
 * /proc/net/ip_vs_stats: ip_vs_stats_show() in the kernel's net/netfilter/ipvs/ip_vs_ctl.c.
 * Global totals since the module loaded (or `ipvsadm -Z`), then the estimator's rates. ALL values
 * are hex (%LX), u64.
 *
 *      Total Incoming Outgoing         Incoming         Outgoing
 *      Conns  Packets  Packets            Bytes            Bytes
 *   "%8LX %8LX %8LX %16LX %16LX"            16AA370 E33656E5        0     51D8C8883AB3                0
 *   (blank line)
 *    Conns/s   Pkts/s   Pkts/s          Bytes/s          Bytes/s
 *   "%8LX %8LX %8LX %16LX %16LX"                  4    1FB3C        0          1282A8F                0
 */
import { ParseError } from "../../model/parse-error.ts";
import type { IpvsGlobalStats } from "../../model/ipvs.ts";
import { COUNTER_FIELDS, RATE_FIELDS, type Counters, type Rates } from "../../model/counters.ts";
import { hexBigAt } from "./fields.ts";
import { lineAfterEnd, sourceLines, tokensAre } from "./lines.ts";

const TITLE_1 = ["Total", "Incoming", "Outgoing", "Incoming", "Outgoing"];
const TITLE_2 = ["Conns", "Packets", "Packets", "Bytes", "Bytes"];
const RATE_TITLE = ["Conns/s", "Pkts/s", "Pkts/s", "Bytes/s", "Bytes/s"];
const GRAMMAR = "5 hex numbers: Conns InPackets OutPackets InBytes OutBytes";

export function parseProcIpVsStats(text: string): IpvsGlobalStats {
  const lines = sourceLines(text);
  const end = lineAfterEnd(text);
  const expectTitle = (index: number, title: readonly string[]): void => {
    const line = lines[index];
    if (!line || !tokensAre(line.tokens, title))
      throw new ParseError(line?.number ?? end, title.join(" "), line?.text ?? "end of input");
  };
  const values = (index: number): bigint[] => {
    const line = lines[index];
    if (!line) throw new ParseError(end, GRAMMAR, "end of input");
    if (line.tokens.length !== 5) throw new ParseError(line.number, GRAMMAR, line.text);
    return line.tokens.map((token) => hexBigAt(token, line.number, "hex number"));
  };
  expectTitle(0, TITLE_1);
  expectTitle(1, TITLE_2);
  const totals = values(2);
  expectTitle(3, RATE_TITLE);
  const rates = values(4);
  const extra = lines[5];
  if (extra) throw new ParseError(extra.number, "end of /proc/net/ip_vs_stats", extra.text);
  return {
    totals: Object.fromEntries(
      COUNTER_FIELDS.map((field, i) => [field, totals[i] as bigint]),
    ) as unknown as Counters,
    rates: Object.fromEntries(RATE_FIELDS.map((field, i) => [field, Number(rates[i])])) as unknown as Rates,
  };
}
