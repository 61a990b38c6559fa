/**
 * `ipvsadm -Lnc` (and `-Lnc --persistent-conn`): the connection table, which list_conn() and
 * print_conn() in ipvsadm.c (1.31) reformat from /proc/net/ip_vs_conn.
 *
 *   IPVS connection entries
 *   pro expire state       source             virtual            destination
 *   pro expire state       source             virtual            destination        pe name          pe_data
 *   "%-3s %-6s %-11s %-18s %-18s %s"  (+ " %-16s %-18s %s" pe name and pe_data with --persistent-conn)
 *   TCP 00:37  SYN_RECV    192.168.1.20:55746 192.168.1.10:80    192.168.1.15:80
 *   TCP 133:35 ESTABLISHED 10.142.81.39:49715 10.40.25.43:18000  10.40.25.16:18000
 *
 * expire is "%02d:%02d" of minutes and seconds, minutes unbounded. Rows without a persistence
 * engine have no pe columns even under the pe title (print_conn() prints them only when present).
 */
import { ParseError } from "../../model/parse-error.ts";
import type { IpvsConnection } from "../../model/ipvs.ts";
import { hostPortAt } from "./fields.ts";
import { lineAfterEnd, sourceLines, tokensAre } from "./lines.ts";
import { connection, protocolAt, stateAt } from "./connection.ts";

const BANNER = ["IPVS", "connection", "entries"];
const TITLE = ["pro", "expire", "state", "source", "virtual", "destination"];
const TITLE_PE = [...TITLE, "pe", "name", "pe_data"];

// "00:37", "133:35"
const EXPIRE = /^(\d{2,}):([0-5]\d)$/;

export function parseIpvsadmConnections(text: string): IpvsConnection[] {
  const lines = sourceLines(text);
  const [banner, title, ...rows] = lines;
  if (!banner || !tokensAre(banner.tokens, BANNER)) {
    throw new ParseError(
      banner?.number ?? lineAfterEnd(text),
      "IPVS connection entries",
      banner?.text ?? "end of input",
    );
  }
  const withPe = title !== undefined && tokensAre(title.tokens, TITLE_PE);
  if (!title || (!withPe && !tokensAre(title.tokens, TITLE))) {
    throw new ParseError(
      title?.number ?? lineAfterEnd(text),
      "pro expire state source virtual destination [pe name pe_data]",
      title?.text ?? "end of input",
    );
  }
  return rows.map(({ tokens, number, text: row }) => {
    if (tokens.length !== 6 && !(withPe && tokens.length === 8)) {
      throw new ParseError(
        number,
        withPe
          ? "6 or 8 fields: pro expire state source virtual destination [pe_name pe_data]"
          : "6 fields: pro expire state source virtual destination",
        row,
      );
    }
    const expire = EXPIRE.exec(tokens[1] as string);
    if (!expire) throw new ParseError(number, "expire as mm:ss", tokens[1] as string);
    const endpoint = (token: string | undefined, what: string) => {
      const { address, port } = hostPortAt(token, number, what);
      return { address, port };
    };
    const entry = connection(
      protocolAt(tokens[0], number),
      endpoint(tokens[3], "source"),
      endpoint(tokens[4], "virtual"),
      endpoint(tokens[5], "destination"),
      stateAt(tokens[2], number),
      Number(expire[1]) * 60 + Number(expire[2]),
    );
    if (tokens.length === 8) {
      entry.peName = tokens[6] as string;
      entry.peData = tokens[7] as string;
    }
    return entry;
  });
}
