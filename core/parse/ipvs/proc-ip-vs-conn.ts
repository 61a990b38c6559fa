/**
 * /proc/net/ip_vs_conn and /proc/net/ip_vs_conn_sync: ip_vs_conn_seq_show() and
 * ip_vs_conn_sync_seq_show() in the kernel's net/netfilter/ipvs/ip_vs_conn.c.
 *
 *   Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData
 *   "%-3s %08X %04X %08X %04X %s %04X %-11s %7u%s"   (pe: " NAME DATA" when the entry has pe_data)
 *   TCP 0A004FB6 0045 0A004FB6 1F90 0A004FB6 1F91 SYN_RECV         57
 *   Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Origin Expires
 *   "%-3s %08X %04X %08X %04X %s %04X %-11s %-6s %7u"            (Origin: LOCAL or SYNC)
 *   TCP 0A63DDC2 9BC4 0A631A8B 7F6F AC10A419 1F48 TIME_WAIT   LOCAL       10
 *
 * IPv4 addresses and ports are hex; IPv6 addresses are %pI6 (8 groups of 4 hex digits). The
 * destination may be of the other family (dbuf prints it by cp->daf). Expires is decimal seconds.
 */
import { ParseError } from "../../model/parse-error.ts";
import type { IpvsConnection } from "../../model/ipvs.ts";
import { decimalAt, hexAt, procAddressAt } from "./fields.ts";
import { lineAfterEnd, sourceLines, tokensAre } from "./lines.ts";
import { connection, protocolAt, stateAt } from "./connection.ts";

const ADDRESSES = ["Pro", "FromIP", "FPrt", "ToIP", "TPrt", "DestIP", "DPrt", "State"];
const TITLE = [...ADDRESSES, "Expires", "PEName", "PEData"];
const TITLE_SYNC = [...ADDRESSES, "Origin", "Expires"];

/** Parses either file; the title line says which. */
export function parseProcIpVsConn(text: string): IpvsConnection[] {
  const [title, ...rows] = sourceLines(text);
  const sync = title !== undefined && tokensAre(title.tokens, TITLE_SYNC);
  if (!title || (!sync && !tokensAre(title.tokens, TITLE))) {
    throw new ParseError(
      title?.number ?? lineAfterEnd(text),
      TITLE.join(" ") + " (or ... State Origin Expires)",
      title?.text ?? "end of input",
    );
  }
  return rows.map(({ tokens, number, text: row }) => {
    const fits = sync ? tokens.length === 10 : tokens.length === 9 || tokens.length === 11;
    if (!fits)
      throw new ParseError(
        number,
        sync ? "10 fields: " + TITLE_SYNC.join(" ") : "9 or 11 fields: " + TITLE.join(" "),
        row,
      );
    const endpoint = (addressAt: number, what: string) => ({
      address: procAddressAt(tokens[addressAt], number, what).address,
      port: hexAt(tokens[addressAt + 1], number, `${what} port (4 hex digits)`, 4),
    });
    const entry = connection(
      protocolAt(tokens[0], number),
      endpoint(1, "client"),
      endpoint(3, "virtual"),
      endpoint(5, "destination"),
      stateAt(tokens[7], number),
      decimalAt(tokens[sync ? 9 : 8], number, "Expires in seconds"),
    );
    if (sync) {
      const origin = tokens[8] as string;
      if (origin !== "LOCAL" && origin !== "SYNC")
        throw new ParseError(number, "Origin LOCAL or SYNC", origin);
      entry.origin = origin;
    } else if (tokens.length === 11) {
      entry.peName = tokens[9] as string;
      entry.peData = tokens[10] as string;
    }
    return entry;
  });
}
