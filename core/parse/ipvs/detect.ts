/**
 * Which ipvsadm output a text is, for `fulcrum parse ipvsadm`: the first lines decide.
 *   -A -t 10.0.0.1:80 -s rr                      ipvsadm -Sn / ipvsadm-save -n   -> "save"
 *   IPVS connection entries                      ipvsadm -Lnc (list_conn())      -> "conn"
 *   IP Virtual Server version 1.2.1 (size=4096)  ipvsadm -Ln in some table form  -> that form
 *   Prot LocalAddress:Port ...                   (the same without its banner)
 * Empty text is refused (parseIpvsadmSave): -S prints nothing when there are no services, so an
 * empty text cannot be told from a lost one; -L and -Lc always print their titles.
 */
import { ParseError } from "../../model/parse-error.ts";
import type { IpvsConnection, IpvsListForm, IpvsListing, VirtualService } from "../../model/ipvs.ts";
import { sourceLines } from "./lines.ts";
import { listFormOf, parseBanner } from "./list-header.ts";
import { parseIpvsadmConnections } from "./ipvsadm-conn.ts";
import { parseIpvsadmList } from "./ipvsadm-list.ts";
import { parseIpvsadmSave } from "./ipvsadm-save.ts";

export type IpvsadmKind = IpvsListForm | "save" | "conn";

/** Throws ParseError (line 1 or the first text line) when the text is none of them. */
export function detectIpvsadmKind(text: string): IpvsadmKind {
  const lines = sourceLines(text.slice(0, 4096));
  const first = lines[0];
  if (!first) return "save";
  if (first.tokens[0] === "-A" || first.tokens[0] === "-a") return "save";
  if (first.tokens.join(" ") === "IPVS connection entries") return "conn";
  const start = parseBanner(first) ? 1 : 0;
  const form = listFormOf(lines[start], lines[start + 1]);
  if (form) return form;
  throw new ParseError(first.number, "ipvsadm -Ln (any table), -Lnc or -Sn output", first.text);
}

export type IpvsadmParsed =
  | { kind: "listing"; listing: IpvsListing }
  | { kind: "save"; services: VirtualService[] }
  | { kind: "conn"; connections: IpvsConnection[] };

/** Detects the kind, then parses with the matching parser. */
export function parseIpvsadm(text: string): IpvsadmParsed {
  const kind = detectIpvsadmKind(text);
  if (kind === "save") return { kind, services: parseIpvsadmSave(text) };
  if (kind === "conn") return { kind, connections: parseIpvsadmConnections(text) };
  return { kind: "listing", listing: parseIpvsadmList(text) };
}
