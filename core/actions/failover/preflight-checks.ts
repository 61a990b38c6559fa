/**
 * The preflight of a manual director failover (formats.md §4.5): every check must pass, or the
 * operator overrides it by name. Each check says what it saw, so the preview can show it.
 */
import type { VrrpInstance } from "../../model/keepalived.ts";
import type { FailoverWarning, PreflightCheck } from "./failover-plan.ts";
import { diffIpvsTables } from "./ipvs-table-diff.ts";
import type { NodeView } from "./node-view.ts";
import { usableTrackFiles } from "./choose-method.ts";
import { locateVips } from "./vip-location.ts";

export interface PreflightInputs {
  instance: string;
  master: NodeView;
  peer: NodeView;
  masterInstance: VrrpInstance;
  peerInstance: VrrpInstance;
  vips: string[];
  minSecondsSinceTransition: number;
  failoverInProgress: boolean;
  /**
   * An undo that restores this track file on the peer (restore-method.ts): the value the earlier
   * failover left there is expected, not a sign of another failover, and so is the peer's FAULT
   * when that value caused it.
   */
  restoring?: { path: string; peerFaultFromFile: boolean };
}

const pass = (id: PreflightCheck["id"], message: string): PreflightCheck => ({
  id,
  status: "passed",
  message,
});
const fail = (id: PreflightCheck["id"], message: string): PreflightCheck => ({
  id,
  status: "failed",
  message,
});
const skip = (id: PreflightCheck["id"], message: string): PreflightCheck => ({
  id,
  status: "skipped",
  message,
});

function sortedAddresses(instance: VrrpInstance): string[] {
  return instance.virtualIps.map((vip) => vip.address).sort();
}

export function preflightChecks(inputs: PreflightInputs): {
  checks: PreflightCheck[];
  warnings: FailoverWarning[];
} {
  const { master, peer, masterInstance, peerInstance } = inputs;
  const checks: PreflightCheck[] = [];
  const warnings: FailoverWarning[] = [];

  checks.push(
    masterInstance.state === "MASTER"
      ? pass("master-is-master", `${master.label} is MASTER of ${inputs.instance}`)
      : fail(
          "master-is-master",
          `${master.label} is ${masterInstance.state}, not MASTER, for ${inputs.instance}`,
        ),
  );
  const faultUndone = peerInstance.state === "FAULT" && inputs.restoring?.peerFaultFromFile === true;
  checks.push(
    faultUndone
      ? pass(
          "peer-is-backup",
          `${peer.label} is FAULT because of ${inputs.restoring?.path}, which the failover back restores`,
        )
      : peerInstance.state === "BACKUP"
        ? pass(
            "peer-is-backup",
            `${peer.label} is BACKUP (priority ${peerInstance.effectivePriority ?? peerInstance.priority ?? "?"})`,
          )
        : fail(
            "peer-is-backup",
            `${peer.label} is ${peerInstance.state}${peerInstance.state === "FAULT" ? ": it cannot take over" : ""}, not BACKUP`,
          ),
  );

  const sameVrid = masterInstance.virtualRouterId === peerInstance.virtualRouterId;
  const sameInterface = masterInstance.interface === peerInstance.interface;
  checks.push(
    sameVrid && sameInterface
      ? pass(
          "same-router",
          `both nodes run VRID ${masterInstance.virtualRouterId} on ${masterInstance.interface}`,
        )
      : fail(
          "same-router",
          `VRID ${masterInstance.virtualRouterId} on ${masterInstance.interface} (${master.label}) vs VRID ${peerInstance.virtualRouterId} on ${peerInstance.interface} (${peer.label})`,
        ),
  );

  const masterVips = sortedAddresses(masterInstance);
  const peerVips = sortedAddresses(peerInstance);
  checks.push(
    masterVips.join(",") === peerVips.join(",")
      ? pass("vip-lists-equal", `both nodes carry ${masterVips.join(", ")}`)
      : fail(
          "vip-lists-equal",
          `${master.label} has ${masterVips.join(", ") || "no VIP"}, ${peer.label} has ${peerVips.join(", ") || "no VIP"}`,
        ),
  );

  if (master.addresses && peer.addresses) {
    const location = locateVips(inputs.vips, master.addresses, peer.addresses);
    const message: Record<typeof location.kind, string> = {
      "on-master": `the VIPs are on ${master.label} only`,
      "split-brain": `split brain: ${location.onMaster.filter((vip) => location.onPeer.includes(vip)).join(", ")} on both ${master.label} and ${peer.label}`,
      "on-peer": `the VIPs are already on ${peer.label}`,
      "on-neither": "no node holds the VIPs",
      partial: `the VIPs are split: ${location.onMaster.join(", ") || "none"} on ${master.label}, ${location.onPeer.join(", ") || "none"} on ${peer.label}`,
    };
    checks.push(
      location.kind === "on-master"
        ? pass("vip-on-master-only", message[location.kind])
        : fail("vip-on-master-only", message[location.kind]),
    );
  } else {
    checks.push(fail("vip-on-master-only", "`ip -o addr` could not be read on both nodes"));
  }

  if (master.ipvsSave !== undefined && peer.ipvsSave !== undefined) {
    const diff = diffIpvsTables(master.ipvsSave, peer.ipvsSave);
    checks.push(
      diff.equivalent
        ? pass("ipvs-tables-equivalent", "the IPVS tables are the same on both nodes")
        : fail(
            "ipvs-tables-equivalent",
            `IPVS tables differ: only on ${master.label}: ${diff.onlyOnMaster.join(" | ") || "-"}; only on ${peer.label}: ${diff.onlyOnPeer.join(" | ") || "-"}`,
          ),
    );
  } else {
    checks.push(skip("ipvs-tables-equivalent", "ipvsadm -Sn is not available on both nodes"));
    warnings.push({
      code: "ipvs-not-compared",
      message:
        "the IPVS tables were not compared (ipvsadm -Sn unavailable): check that the peer carries the same services",
    });
  }

  const syncConfigured = master.config?.lvsSyncDaemon ?? peer.config?.lvsSyncDaemon;
  const masterSync = master.syncDaemon?.master ?? false;
  const peerSync = peer.syncDaemon?.backup ?? false;
  if (syncConfigured) {
    checks.push(
      masterSync && peerSync
        ? pass("sync-daemon", "the LVS sync daemon runs (master on the master, backup on the peer)")
        : fail(
            "sync-daemon",
            `lvs_sync_daemon is configured but not running as expected (master daemon on ${master.label}: ${masterSync}, backup daemon on ${peer.label}: ${peerSync})`,
          ),
    );
  } else {
    checks.push(
      pass(
        "sync-daemon",
        masterSync && peerSync ? "the LVS sync daemon runs" : "no LVS sync daemon is configured",
      ),
    );
  }
  if (!(masterSync && peerSync)) {
    warnings.push({
      code: "no-sync-daemon",
      message:
        "no LVS sync daemon: established connections through NAT (and persistence) will drop when the VIP moves",
    });
  }

  checks.push(transitionCheck(inputs));
  checks.push(inProgressCheck(inputs));
  return { checks, warnings };
}

function transitionCheck(inputs: PreflightInputs): PreflightCheck {
  const recent: string[] = [];
  for (const [node, instance] of [
    [inputs.master, inputs.masterInstance],
    [inputs.peer, inputs.peerInstance],
  ] as const) {
    if (instance.lastTransition === undefined || node.readAtSeconds === undefined) {
      return fail("no-recent-transition", `the last transition on ${node.label} is unknown`);
    }
    const age = node.readAtSeconds - instance.lastTransition;
    if (age < inputs.minSecondsSinceTransition)
      recent.push(`${node.label} changed state ${age.toFixed(1)} s ago`);
  }
  return recent.length === 0
    ? pass("no-recent-transition", `no transition in the last ${inputs.minSecondsSinceTransition} s`)
    : fail(
        "no-recent-transition",
        `${recent.join("; ")} (less than ${inputs.minSecondsSinceTransition} s: flapping?)`,
      );
}

function inProgressCheck(inputs: PreflightInputs): PreflightCheck {
  if (inputs.failoverInProgress)
    return fail("no-failover-in-progress", "another failover of this pair is in progress");
  const signs: string[] = [];
  for (const [node, instance] of [
    [inputs.master, inputs.masterInstance],
    [inputs.peer, inputs.peerInstance],
  ] as const) {
    // A peer in FAULT from the file being restored wants out of it: that is the point of the undo.
    const faultBeingUndone =
      node === inputs.peer && instance.state === "FAULT" && inputs.restoring?.peerFaultFromFile === true;
    if (instance.wantState !== undefined && instance.wantState !== instance.state && !faultBeingUndone)
      signs.push(`${node.label} is ${instance.state} and wants ${instance.wantState}`);
    for (const file of usableTrackFiles(node.config, inputs.instance, node.trackFileValues)) {
      const restored = node === inputs.peer && file.path === inputs.restoring?.path;
      if (file.currentValue !== 0 && !restored)
        signs.push(
          `track file ${file.path} on ${node.label} holds ${file.currentValue} (a failover left in place?)`,
        );
    }
  }
  return signs.length === 0
    ? pass("no-failover-in-progress", "no failover in progress")
    : fail("no-failover-in-progress", signs.join("; "));
}
