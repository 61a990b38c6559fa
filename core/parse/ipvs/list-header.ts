/**
 * The banner and two title lines of `ipvsadm -L`: list_all() and print_title() in ipvsadm.c (1.31).
 * The title says which table follows; the tokens are compared, not the padding.
 *
 *   IP Virtual Server version 1.2.1 (size=4096)                          (banner, list_all)
 *   Prot LocalAddress:Port Scheduler Flags                               (default, --tun-info,
 *     -> RemoteAddress:Port           Forward Weight ActiveConn InActConn  and the 2nd line of each)
 *     -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn
 *   Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes     (--stats)
 *   Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS     (--rate)
 *   Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn       (--thresholds)
 *   Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn       (--persistent-conn)
 *     -> RemoteAddress:Port                                      (2nd line of the last four)
 * print_title() tests FMT_STATS first, so `--stats --rate` prints the stats table.
 */
import type { IpvsListForm } from "../../model/ipvs.ts";
import { tokensAre, type SourceLine } from "./lines.ts";

// "IP Virtual Server version 1.2.1 (size=4096)"
const BANNER = /^IP Virtual Server version (\d+\.\d+\.\d+) \(size=(\d+)\)$/;

export interface Banner {
  version: string;
  connTableSize: number;
}

export function parseBanner(line: SourceLine | undefined): Banner | undefined {
  const match = line === undefined ? null : BANNER.exec(line.tokens.join(" "));
  return match ? { version: match[1] as string, connTableSize: Number(match[2]) } : undefined;
}

const PROT = ["Prot", "LocalAddress:Port"];
const REMOTE = ["->", "RemoteAddress:Port"];

const TITLES: readonly { form: IpvsListForm; first: string[]; second: string[] }[] = [
  {
    form: "list",
    first: [...PROT, "Scheduler", "Flags"],
    second: [...REMOTE, "Forward", "Weight", "ActiveConn", "InActConn"],
  },
  {
    form: "tun-info",
    first: [...PROT, "Scheduler", "Flags"],
    second: [...REMOTE, "Forward", "TunnelInfo", "Weight", "ActiveConn", "InActConn"],
  },
  { form: "stats", first: [...PROT, "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes"], second: REMOTE },
  { form: "rate", first: [...PROT, "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS"], second: REMOTE },
  {
    form: "thresholds",
    first: [...PROT, "Uthreshold", "Lthreshold", "ActiveConn", "InActConn"],
    second: REMOTE,
  },
  {
    form: "persistent-conn",
    first: [...PROT, "Weight", "PersistConn", "ActiveConn", "InActConn"],
    second: REMOTE,
  },
];

/** Which table the two title lines announce; undefined when they are not an ipvsadm title. */
export function listFormOf(
  first: SourceLine | undefined,
  second: SourceLine | undefined,
): IpvsListForm | undefined {
  if (!first || !second) return undefined;
  const title = TITLES.find((t) => tokensAre(first.tokens, t.first) && tokensAre(second.tokens, t.second));
  return title?.form;
}

/** Whether a line is the first title line of some ipvsadm table. */
export function isTitleLine(line: SourceLine | undefined): boolean {
  return line !== undefined && TITLES.some((t) => tokensAre(line.tokens, t.first));
}
