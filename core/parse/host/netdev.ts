/**
 * /proc/net/dev: per-interface cumulative counters. Format: Linux net/core/net-procfs.c
 * (dev_seq_printf_stats); formats.md §3.13. Two header lines, then one line per interface:
 * the name right-aligned to 6 columns, a colon, 8 receive and 8 transmit u64 decimals.
 * Long names abut the colon ("vethf345468:     648"), so a line is split on its FIRST colon.
 */
import type { NicSample } from "../../model/nic.ts";
import { ParseError } from "../../model/parse-error.ts";
import { parseU64, splitLines } from "./text.ts";

const RX_FIELDS = ["bytes", "packets", "errs", "drop", "fifo", "frame", "compressed", "multicast"] as const;
const TX_FIELDS = ["bytes", "packets", "errs", "drop", "fifo", "colls", "carrier", "compressed"] as const;
const FIELD_COUNT = RX_FIELDS.length + TX_FIELDS.length;

// "Inter-|   Receive                                                |  Transmit"
const HEADER_1 = /^Inter-\|/;
// " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets ..."
const HEADER_2 = /^\s*face\s*\|/;

export function parseNetDev(text: string): NicSample[] {
  const lines = splitLines(text);
  if (!HEADER_1.test(lines[0] ?? "")) throw new ParseError(1, "/proc/net/dev header 'Inter-|'", lines[0] ?? "");
  if (!HEADER_2.test(lines[1] ?? "")) throw new ParseError(2, "/proc/net/dev header ' face |'", lines[1] ?? "");
  const samples: NicSample[] = [];
  for (let i = 2; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const colon = line.indexOf(":");
    if (colon < 0) throw new ParseError(lineNo, "'NAME:' followed by 16 counters", line);
    const name = line.slice(0, colon).trim();
    if (name === "") throw new ParseError(lineNo, "an interface name before ':'", line);
    const values = line.slice(colon + 1).trim().split(/\s+/);
    if (values.length !== FIELD_COUNT) {
      throw new ParseError(lineNo, `${FIELD_COUNT} counters after '${name}:'`, `${values.length} fields: ${line}`);
    }
    const at = (index: number, what: string): bigint => parseU64(values[index] ?? "", lineNo, `${name} ${what}`);
    samples.push({
      name,
      rxBytes: at(0, "rx bytes"),
      rxPackets: at(1, "rx packets"),
      rxErrors: at(2, "rx errs"),
      rxDrops: at(3, "rx drop"),
      txBytes: at(8, "tx bytes"),
      txPackets: at(9, "tx packets"),
      txErrors: at(10, "tx errs"),
      txDrops: at(11, "tx drop"),
    });
    // The other 8 columns are validated too, so a corrupt line never passes silently.
    for (const index of [4, 5, 6, 7, 12, 13, 14, 15]) at(index, "counter");
  }
  return samples;
}
