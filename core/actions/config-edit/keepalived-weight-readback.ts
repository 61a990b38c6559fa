/**
 * After keepalived re-read its file (SIGHUP), is the new weight live? keepalived 2.2.7's checker
 * compares the old and new config on reload and, for a real server whose configured weight
 * changed, sets it in IPVS at once (its log: "Changing weight from 3 to 5 for active service ...";
 * measured in the qemu lab: visible in the table within 0.1 s). The kernel's table is the only
 * honest evidence, so it is read back: `ipvsadm -Ln --exact`, the real_server in its
 * virtual_server (any protocol: the keepalived block names address and port only).
 *
 * A real server missing from the table, or at another weight, may be keepalived's own doing (its
 * health check failing: removed, or weight 0 with inhibit_on_failure), so it is said as seen,
 * never called verified.
 */
import type { IpvsWeight } from "../../commands/validated.ts";
import type { VirtualService } from "../../model/ipvs.ts";
import { formatHostPort } from "../../model/address.ts";
import { parseIpvsadmList } from "../../parse/ipvs/ipvsadm-list.ts";
import type { KeepalivedRealServerRef } from "./keepalived-weight-edit.ts";
import type { RecordedRun } from "../recorded-run.ts";

/** A fixed argv: no operator value reaches it. */
export const IPVS_LIST_ARGV = ["ipvsadm", "-Ln", "--exact"] as const;

export type WeightReadback =
  | { kind: "live"; detail: string }
  /** The table was read and does not (yet) show the weight: worth reading again. */
  | { kind: "not-yet"; detail: string }
  /** The table cannot be read at all (no ipvsadm, no IPVS in this kernel, not root). */
  | { kind: "unreadable"; detail: string };

export function weightInTable(
  services: readonly VirtualService[],
  ref: KeepalivedRealServerRef,
  weight: IpvsWeight,
): WeightReadback {
  const service = formatHostPort(ref.virtualAddress, ref.virtualPort);
  const server = formatHostPort(ref.realAddress, ref.realPort);
  const matching = services.filter(
    (candidate) =>
      candidate.protocol !== "fwmark" &&
      candidate.address === ref.virtualAddress &&
      candidate.port === ref.virtualPort,
  );
  if (matching.length === 0) return { kind: "not-yet", detail: `IPVS has no service ${service}` };
  const seen = matching.flatMap((candidate) =>
    candidate.realServers.filter((real) => real.address === ref.realAddress && real.port === ref.realPort),
  );
  if (seen.length === 0) {
    return {
      kind: "not-yet",
      detail: `IPVS has no ${server} in ${service} (keepalived removes a real server whose health check fails)`,
    };
  }
  const other = seen.find((real) => real.weight !== weight);
  if (other) {
    return {
      kind: "not-yet",
      detail: `IPVS shows ${server} in ${service} at weight ${other.weight}, not ${weight}`,
    };
  }
  return { kind: "live", detail: `IPVS shows ${server} in ${service} at weight ${weight}` };
}

export async function readBackKeepalivedWeight(
  run: RecordedRun,
  ref: KeepalivedRealServerRef,
  weight: IpvsWeight,
): Promise<WeightReadback> {
  const listed = await run(IPVS_LIST_ARGV);
  if (listed.code !== 0) {
    const why = `${listed.stderr}${listed.stdout}`.trim().split("\n")[0] || "no message";
    return { kind: "unreadable", detail: `ipvsadm -Ln failed (exit ${listed.code}): ${why}` };
  }
  try {
    return weightInTable(parseIpvsadmList(listed.stdout).services, ref, weight);
  } catch (error) {
    return { kind: "unreadable", detail: `the ipvsadm listing did not parse: ${String(error)}` };
  }
}
