/**
 * `ipvsadm -Ln` in every table form: default, --stats, --rate, --persistent-conn, --thresholds,
 * --tun-info, each with or without --exact. Format: list_all(), print_title(),
 * print_service_entry() and print_largenum() in ipvsadm.c (ipvsadm 1.31, cezarsa/ipvsadm);
 * column meanings in ipvsadm(8). The table is found from its title lines (list-header.ts); the
 * version banner is optional. Rows are read by whitespace tokens (IPv6 columns do not line up).
 *
 *   IP Virtual Server version 1.2.1 (size=4096)
 *   Prot LocalAddress:Port Scheduler Flags
 *     -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
 *   TCP  10.0.2.15:80 wlc                                            (service-line.ts)
 *     -> 10.0.2.16:80                 Masq    1      0          0    (list-rows.ts)
 *
 * The --stats and --rate tables print no scheduler: `scheduler` is "" there. Fields a table does
 * not print are listed in RealServer.notPrinted.
 */
import { ParseError } from "../../model/parse-error.ts";
import type { IpvsListing, VirtualService } from "../../model/ipvs.ts";
import { lineAfterEnd, sourceLines, type SourceLine } from "./lines.ts";
import { isTitleLine, listFormOf, parseBanner } from "./list-header.ts";
import { DESTINATION_ROWS, countersFrom, serviceRatesFrom } from "./list-rows.ts";
import { parseServiceHead, parseServiceTail } from "./service-line.ts";

const TITLE = "ipvsadm table title (Prot LocalAddress:Port ... / -> RemoteAddress:Port ...)";

export function parseIpvsadmList(text: string): IpvsListing {
  const lines = sourceLines(text);
  const end = lineAfterEnd(text);
  let index = 0;
  const banner = parseBanner(lines[0]);
  if (banner) index = 1;
  const first = lines[index];
  const second = lines[index + 1];
  const form = listFormOf(first, second);
  if (!form) {
    // Blame the first title line when it is not one, else the second (or the end, if truncated).
    const blamed = first && !isTitleLine(first) ? first : second;
    throw new ParseError(blamed?.number ?? end, TITLE, blamed?.text ?? "end of input");
  }
  const listing: IpvsListing = { form, services: [] };
  if (banner) {
    listing.version = banner.version;
    listing.connTableSize = banner.connTableSize;
  }
  const readDestination = DESTINATION_ROWS[form];
  let current: VirtualService | undefined;
  for (const line of lines.slice(index + 2)) {
    if (line.tokens[0] === "->") {
      if (!current) throw new ParseError(line.number, "a service line before its destinations", line.text);
      current.realServers.push(readDestination(line.tokens, line.number));
    } else {
      current = readService(line, form);
      listing.services.push(current);
    }
  }
  return listing;
}

function readService(line: SourceLine, form: IpvsListing["form"]): VirtualService {
  const head = parseServiceHead(line.tokens, line.number);
  const { consumed, ...key } = head;
  const rest = line.tokens.slice(consumed);
  if (form === "stats")
    return { ...key, scheduler: "", flags: [], stats: countersFrom(rest, line.number), realServers: [] };
  if (form === "rate")
    return { ...key, scheduler: "", flags: [], rates: serviceRatesFrom(rest, line.number), realServers: [] };
  return { ...key, ...parseServiceTail(rest, line.number, head.family), realServers: [] };
}
