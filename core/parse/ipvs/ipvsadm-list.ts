/**
 * `ipvsadm -Ln` in every table form: default, --stats, --rate, --persistent-conn, --thresholds,
 * --tun-info, each with or without --exact. Format: list_all(), print_title(),
 * print_service_entry() and print_largenum() in ipvsadm.c (ipvsadm 1.31, cezarsa/ipvsadm);
 * column meanings in ipvsadm(8). The table is found from its title lines (list-header.ts); the
 * version banner is optional. Rows are read by whitespace tokens (IPv6 columns do not line up);
 * the plain IPv4 rows of the default and --stats --exact tables, which the sampler reads every
 * second, take a shortcut that gives the same result (list-fast-rows.ts).
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
import { requireCompleteOutput } from "../host/text.ts";
import type { IpvsListing, VirtualService } from "../../model/ipvs.ts";
import { LineReader, lineAfterEnd, type SourceLine } from "./lines.ts";
import { isTitleLine, listFormOf, parseBanner } from "./list-header.ts";
import { DESTINATION_PREFIX, FAST_DESTINATION_ROWS } from "./list-fast-rows.ts";
import { DESTINATION_ROWS, countersFrom, serviceRatesFrom } from "./list-rows.ts";
import { parseServiceHead, parseServiceTail } from "./service-line.ts";

const TITLE = "ipvsadm table title (Prot LocalAddress:Port ... / -> RemoteAddress:Port ...)";
const NO_SERVICE = "a service line before its destinations";

export function parseIpvsadmList(text: string): IpvsListing {
  requireCompleteOutput(text, "ipvsadm -Ln output");
  const reader = new LineReader(text);
  // Banner (optional) and the two title lines: at most the first three lines.
  const head: SourceLine[] = [];
  while (head.length < 3 && reader.next()) head.push(reader.sourceLine());
  const banner = parseBanner(head[0]);
  const index = banner ? 1 : 0;
  const first = head[index];
  const second = head[index + 1];
  const form = listFormOf(first, second);
  if (!form) {
    // Blame the first title line when it is not one, else the second (or the end, if truncated).
    const blamed = first && !isTitleLine(first) ? first : second;
    throw new ParseError(blamed?.number ?? lineAfterEnd(text), TITLE, blamed?.text ?? "end of input");
  }
  const listing: IpvsListing = { form, services: [] };
  if (banner) {
    listing.version = banner.version;
    listing.connTableSize = banner.connTableSize;
  }
  const readDestination = DESTINATION_ROWS[form];
  const readPlainDestination = FAST_DESTINATION_ROWS[form];
  let current: VirtualService | undefined;
  const readLine = (line: SourceLine): void => {
    if (line.tokens[0] === "->") {
      if (!current) throw new ParseError(line.number, NO_SERVICE, line.text);
      current.realServers.push(readDestination(line.tokens, line.number));
    } else {
      current = readService(line, form);
      listing.services.push(current);
    }
  };
  // Without a banner, the third line read is already the first row.
  if (!banner && head[2]) readLine(head[2]);
  while (reader.next()) {
    const line = reader.text;
    if (readPlainDestination && line.startsWith(DESTINATION_PREFIX)) {
      if (!current) throw new ParseError(reader.number, NO_SERVICE, line);
      const server = readPlainDestination(line);
      if (server) {
        current.realServers.push(server);
        continue;
      }
    }
    readLine(reader.sourceLine());
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
