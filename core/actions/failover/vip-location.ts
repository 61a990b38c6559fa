/**
 * Where the VIPs are, from `ip -o addr` on both nodes. keepalived's own state is not enough: a hung
 * or killed master keeps its VIP while the backup takes over (lab-notes.md), so "exactly one node"
 * can only be judged by looking at both.
 */
import type { InterfaceAddress } from "../../model/nic.ts";

export type VipLocationKind = "on-peer" | "on-master" | "split-brain" | "on-neither" | "partial";

export interface VipLocation {
  kind: VipLocationKind;
  onMaster: string[];
  onPeer: string[];
}

export function vipsPresent(addresses: readonly InterfaceAddress[], vips: readonly string[]): string[] {
  const held = new Set(addresses.map((entry) => entry.address));
  return vips.filter((vip) => held.has(vip));
}

export function locateVips(
  vips: readonly string[],
  master: readonly InterfaceAddress[],
  peer: readonly InterfaceAddress[],
): VipLocation {
  const onMaster = vipsPresent(master, vips);
  const onPeer = vipsPresent(peer, vips);
  const both = onMaster.some((vip) => onPeer.includes(vip));
  let kind: VipLocationKind;
  if (both) kind = "split-brain";
  else if (onMaster.length === 0 && onPeer.length === 0) kind = "on-neither";
  else if (onPeer.length === vips.length) kind = "on-peer";
  else if (onMaster.length === vips.length) kind = "on-master";
  else kind = "partial";
  return { kind, onMaster, onPeer };
}
