/**
 * Rebuilds, in the simulator, the table of a real lab capture (test/fixtures/lab/README.md): the
 * same ipvsadm commands test/lab/init.sh ran, then the counters, rates and connection counts the
 * real kernel showed (they vary from run to run: the TCP in/out packet split is not fixed). Only
 * numbers come from the capture; the services, order, names and every format come from the
 * simulator.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createIpvsState } from "../../../core/sim/ipvs-table.ts";
import { runIpvsadm } from "../../../core/sim/ipvsadm-run.ts";
import { numericAddressPort } from "../../../core/sim/inet-ntop.ts";
import { serviceName } from "../../../core/sim/format-ipvsadm.ts";
import { setVisibleRates } from "../../../core/sim/sim-stats.ts";
import type { IpvsSimState, SimDest, SimService } from "../../../core/sim/sim-types.ts";

/** test/lab/init.sh, in its order (insertion order decides the kernel's list and hash order). */
export const LAB_INIT_COMMANDS: string[] = [
  "-A -t 203.0.113.10:80 -s wrr",
  "-a -t 203.0.113.10:80 -r 192.0.2.11:80 -m -w 3",
  "-a -t 203.0.113.10:80 -r 192.0.2.12:80 -m -w 1",
  "-a -t 203.0.113.10:80 -r 192.0.2.13:80 -m -w 0",
  "-A -t 203.0.113.20:80 -s rr",
  ...[11, 12, 13].map((n) => `-a -t 203.0.113.20:80 -r 192.0.2.${n}:80 -g -w 1`),
  "-A -t 203.0.113.30:80 -s rr",
  ...[11, 12, 13].map((n) => `-a -t 203.0.113.30:80 -r 192.0.2.${n}:80 -i -w 1`),
  "-A -u 203.0.113.40:9000 -s rr",
  ...[11, 12, 13].map((n) => `-a -u 203.0.113.40:9000 -r 192.0.2.${n}:9000 -m -w 1`),
  "-A -f 1 -s wlc",
  ...[11, 12, 13].map((n) => `-a -f 1 -r 192.0.2.${n}:80 -m -w 1`),
  "-A -t [2001:db8:100::10]:80 -s rr",
  ...[1, 2, 3].map((n) => `-a -t [2001:db8:100::10]:80 -r [2001:db8:1::1${n}]:80 -m -w 1`),
  "-A -t 203.0.113.60:80 -s wlc -p 300 -M 255.255.255.0",
  ...[11, 12, 13].map((n) => `-a -t 203.0.113.60:80 -r 192.0.2.${n}:80 -m -w 1`),
  "-A --sctp-service 203.0.113.70:5000 -s sh",
  ...[11, 12, 13].map((n) => `-a --sctp-service 203.0.113.70:5000 -r 192.0.2.${n}:5000 -m -w 1`),
  "-e -t 203.0.113.10:80 -r 192.0.2.11:80 -m -w 3 -x 1000 -y 800",
  "-e -t 203.0.113.10:80 -r 192.0.2.12:80 -m -w 1 -x 500 -y 0",
];

export const CAPTURE_NOW_MS = 1_000_000;

export function buildLabTable(hashSalt: number): IpvsSimState {
  const state = createIpvsState({ seed: 1, nowMs: CAPTURE_NOW_MS, hashSalt });
  for (const line of LAB_INIT_COMMANDS) {
    const result = runIpvsadm(state, "ipvsadm", line.split(" "));
    if (result.exitCode !== 0) throw new Error(`ipvsadm ${line}: ${result.stderr}`);
  }
  return state;
}

interface Row {
  name: string;
  numbers: bigint[];
}

/** Rows of an ipvsadm table: the name part (tokens before the numbers) and the numbers. */
function rows(text: string, numberCount: number): Row[] {
  return text
    .split("\n")
    .slice(3)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const tokens = line.trim().split(/\s+/);
      // Service lines of the connection tables carry no numbers, only the service grammar.
      const count =
        tokens[0] === "->"
          ? numberCount
          : tokens.slice(-numberCount).every((t) => /^\d+$/.test(t)) && tokens.length > numberCount + 1
            ? numberCount
            : 0;
      const names = tokens.slice(0, tokens.length - count);
      return { name: names.join(" "), numbers: tokens.slice(tokens.length - count).map((t) => BigInt(t)) };
    });
}

function serviceRowName(svc: SimService): string {
  return serviceName(svc, false).trim().split(/\s+/).join(" ");
}

function destRowName(dest: SimDest): string {
  return `-> ${numericAddressPort(dest.address, dest.port, dest.family)}`;
}

/** Calls `apply` for every service and destination with its row of the capture. */
function eachRow(
  state: IpvsSimState,
  table: Row[],
  apply: (target: SimService | SimDest, row: Row) => void,
): void {
  let current: SimService | undefined;
  for (const row of table) {
    if (!row.name.startsWith("->")) {
      current = state.services.find(
        (s) => row.name === serviceRowName(s) || row.name.startsWith(`${serviceRowName(s)} `),
      );
      if (!current) throw new Error(`capture row without a service in the rebuilt table: ${row.name}`);
      apply(current, row);
      continue;
    }
    const dest = current?.dests.find((d) => row.name.split(" ").slice(0, 2).join(" ") === destRowName(d));
    if (!dest) throw new Error(`capture row without a destination in the rebuilt table: ${row.name}`);
    apply(dest, row);
  }
}

export function readCapture(dir: string, file: string): string {
  return readFileSync(join(dir, file), "utf8");
}

/** Sets the capture's counters, rates and connection counts on the rebuilt table. */
export function loadCaptureNumbers(state: IpvsSimState, dir: string, files: Set<string>): void {
  const [c0, i0, o0, ib0, ob0] = [0, 1, 2, 3, 4];
  eachRow(state, rows(readCapture(dir, "ipvsadm-Ln-stats-exact.txt"), 5), (target, row) => {
    const n = row.numbers;
    target.stats.folded = {
      conns: n[c0]!,
      inPkts: n[i0]!,
      outPkts: n[o0]!,
      inBytes: n[ib0]!,
      outBytes: n[ob0]!,
    };
    target.stats.live = { ...target.stats.folded };
  });
  if (files.has("ipvsadm-Ln-rate-exact.txt")) {
    eachRow(state, rows(readCapture(dir, "ipvsadm-Ln-rate-exact.txt"), 5), (target, row) => {
      const n = row.numbers;
      setVisibleRates(target.stats, { cps: n[0]!, inpps: n[1]!, outpps: n[2]!, inbps: n[3]!, outbps: n[4]! });
    });
  }
  eachRow(state, rows(readCapture(dir, "ipvsadm-Ln-exact.txt"), 3), (target, row) => {
    if (!("cohorts" in target)) return;
    const [, active, inactive] = row.numbers.map(Number) as [number, number, number];
    const now = state.nowMs;
    target.cohorts = [
      { count: active, bornMs: now - 1000, activeUntilMs: now + 60_000, inactiveUntilMs: now + 120_000 },
      { count: inactive, bornMs: now - 2000, activeUntilMs: now - 1000, inactiveUntilMs: now + 120_000 },
    ].filter((c) => c.count > 0);
  });
  if (files.has("ipvsadm-Ln-persistent-conn.txt")) {
    let current: SimService | undefined;
    eachRow(state, rows(readCapture(dir, "ipvsadm-Ln-persistent-conn.txt"), 4), (target, row) => {
      if (!("cohorts" in target)) {
        current = target;
        current.templates = [];
        return;
      }
      const templates = Number(row.numbers[1]);
      for (let i = 0; i < templates; i++)
        current?.templates.push({
          client: i,
          dest: `${target.address}|${target.port}`,
          expiresMs: state.nowMs + 300_000,
        });
    });
  }
  const totals = readCapture(dir, "proc-net-ip_vs_stats.txt").split("\n");
  const hex = (line: string | undefined): bigint[] =>
    (line ?? "")
      .trim()
      .split(/\s+/)
      .map((t) => BigInt(`0x${t}`));
  const [conns, inPkts, outPkts, inBytes, outBytes] = hex(totals[2]);
  state.totals.folded = {
    conns: conns!,
    inPkts: inPkts!,
    outPkts: outPkts!,
    inBytes: inBytes!,
    outBytes: outBytes!,
  };
  const [cps, inpps, outpps, inbps, outbps] = hex(totals[5]);
  setVisibleRates(state.totals, {
    cps: cps!,
    inpps: inpps!,
    outpps: outpps!,
    inbps: inbps!,
    outbps: outbps!,
  });
}
