/**
 * The two orders an IPVS listing can have.
 *
 * Kernel order (/proc/net/ip_vs, `ipvsadm --nosort`): services by hash bucket (ip_vs_svc_hashkey,
 * 256 buckets; all address services, then all fwmark services), newest first within a bucket
 * (hlist_add_head); destinations newest first (list_add_rcu at the head).
 *
 * ipvsadm order (the default): libipvs ipvs_cmp_services / ipvs_cmp_dests under glibc qsort, which
 * is a top-down merge sort. The comparators return an `int` difference of u32 values, so two
 * addresses more than 2^31 apart compare the "wrong" way round (10.0.0.1 sorts after 192.168.0.1);
 * reproducing that needs both the C arithmetic and the merge order, which is why both are here.
 */
import { ipv6Groups } from "../model/address.ts";
import type { IpvsSimState, SimDest, SimFamily, SimService } from "./sim-types.ts";

const PROTOCOL_NUMBER = { tcp: 6, udp: 17, sctp: 132 } as const;
const AF_NUMBER: Record<SimFamily, number> = { inet: 2, inet6: 10 };

/** An address as 32-bit words in host order: one word for IPv4, four for IPv6. */
export function addressWords(address: string | undefined, family: SimFamily): number[] {
  if (address === undefined) return family === "inet6" ? [0, 0, 0, 0] : [0];
  if (family === "inet") {
    const [a, b, c, d] = address.split(".").map(Number) as [number, number, number, number];
    return [((a << 24) | (b << 16) | (c << 8) | d) >>> 0];
  }
  const groups = ipv6Groups(address) ?? new Array<number>(8).fill(0);
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2)
    words.push((((groups[i] as number) << 16) | (groups[i + 1] as number)) >>> 0);
  return words;
}

/** C's `int r = (u32)a - (u32)b`. */
function intDifference(a: number, b: number): number {
  return (a - b) | 0;
}

function compareWords(a: number[], b: number[]): number {
  let r = 0;
  for (let i = 0; r === 0 && i < a.length; i++) r = intDifference(a[i] as number, b[i] ?? 0);
  return r;
}

export function compareServices(s1: SimService, s2: SimService): number {
  let r = intDifference(s1.fwmark, s2.fwmark);
  if (r !== 0) return r;
  r = AF_NUMBER[s1.family] - AF_NUMBER[s2.family];
  if (r !== 0) return r;
  r = PROTOCOL_NUMBER[s1.protocol] - PROTOCOL_NUMBER[s2.protocol];
  if (r !== 0) return r;
  r = compareWords(addressWords(s1.address, s1.family), addressWords(s2.address, s1.family));
  if (r !== 0) return r;
  return s1.port - s2.port;
}

export function compareDests(d1: SimDest, d2: SimDest): number {
  const r = compareWords(addressWords(d1.address, d1.family), addressWords(d2.address, d1.family));
  if (r !== 0) return r;
  return d1.port - d2.port;
}

/** glibc msort_with_tmp: halves of n/2 and n - n/2, ties taken from the left run. */
export function glibcMergeSort<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  if (items.length <= 1) return [...items];
  const half = Math.floor(items.length / 2);
  const left = glibcMergeSort(items.slice(0, half), compare);
  const right = glibcMergeSort(items.slice(half), compare);
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (compare(left[i] as T, right[j] as T) <= 0) merged.push(left[i++] as T);
    else merged.push(right[j++] as T);
  }
  while (i < left.length) merged.push(left[i++] as T);
  while (j < right.length) merged.push(right[j++] as T);
  return merged;
}

/** ip_vs_svc_hashkey / ip_vs_svc_fwm_hashkey with the salt byte of `(size_t)ipvs >> 8`. */
export function serviceBucket(svc: SimService, salt: number): number {
  if (svc.fwmark !== 0) return (salt ^ svc.fwmark) & 0xff;
  const folded = addressWords(svc.address, svc.family).reduce((a, w) => (a ^ w) >>> 0, 0);
  return (PROTOCOL_NUMBER[svc.protocol] ^ folded ^ salt ^ (svc.port >> 8) ^ svc.port) & 0xff;
}

export function kernelServiceOrder(state: IpvsSimState): SimService[] {
  const rank = (svc: SimService): number => (svc.fwmark !== 0 ? 256 : 0) + serviceBucket(svc, state.hashSalt);
  return [...state.services].sort((a, b) => rank(a) - rank(b) || b.sequence - a.sequence);
}

export function sortedServices(state: IpvsSimState): SimService[] {
  return glibcMergeSort(kernelServiceOrder(state), compareServices);
}

export function sortedDests(svc: SimService): SimDest[] {
  return glibcMergeSort(svc.dests, compareDests);
}
