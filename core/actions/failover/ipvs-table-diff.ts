/**
 * keepalived configures the same virtual services on both directors; only the master gets traffic
 * (formats.md §4.5 step 3). `ipvsadm -Sn` prints one rule per line in kernel order, so the tables
 * are compared as sorted sets of lines.
 */
export interface IpvsTableDiff {
  equivalent: boolean;
  onlyOnMaster: string[];
  onlyOnPeer: string[];
}

function rules(save: string): string[] {
  return save
    .split("\n")
    .map((line) => line.trim().replace(/\s+/g, " "))
    .filter((line) => line !== "")
    .sort();
}

export function diffIpvsTables(masterSave: string, peerSave: string): IpvsTableDiff {
  const master = rules(masterSave);
  const peer = rules(peerSave);
  const onlyOnMaster = master.filter((line) => !peer.includes(line));
  const onlyOnPeer = peer.filter((line) => !master.includes(line));
  return { equivalent: onlyOnMaster.length === 0 && onlyOnPeer.length === 0, onlyOnMaster, onlyOnPeer };
}
