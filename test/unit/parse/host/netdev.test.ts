import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../../core/model/parse-error.ts";
import { parseNetDev } from "../../../../core/parse/host/netdev.ts";

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/host/${name}`, import.meta.url), "utf8");

function parseErrorOf(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("expected a ParseError");
}

describe("parseNetDev", () => {
  it("reads the namespace capture: 20 pings of 1000 bytes plus one ARP each way", () => {
    const nics = parseNetDev(fixture("netns-proc-net-dev.txt"));
    expect(nics.map((nic) => nic.name)).toEqual(["lo", "eth0", "fulcrumdata0123"]);
    const data = nics.find((nic) => nic.name === "fulcrumdata0123");
    // 20 x (14 Ethernet + 20 IP + 8 ICMP + 1000 data) + one 42-byte ARP frame.
    expect(data).toMatchObject({ txPackets: 21n, rxPackets: 21n, txBytes: 20882n, rxBytes: 20882n });
    expect(data).toMatchObject({ rxErrors: 0n, txErrors: 0n, rxDrops: 0n, txDrops: 0n });
  });

  it("splits on the first colon when a long name abuts it (prometheus/procfs fixture)", () => {
    const nics = parseNetDev(fixture("procfs-proc-net-dev.txt"));
    expect(nics.map((nic) => nic.name)).toEqual(["vethf345468", "lo", "docker0", "eth0"]);
    expect(nics[0]).toMatchObject({ rxBytes: 648n, rxPackets: 8n, txBytes: 438n, txPackets: 5n });
    expect(nics[3]).toMatchObject({ rxBytes: 874354587n, rxPackets: 1036395n, txBytes: 563352563n, txPackets: 732147n });
  });

  it("reads the host capture, every counter matching its text digit for digit", () => {
    const text = fixture("host-proc-net-dev.txt");
    const nics = parseNetDev(text);
    expect(nics.some((nic) => nic.name === "lo")).toBe(true);
    for (const nic of nics) {
      const line = text.split("\n").find((l) => l.trimStart().startsWith(`${nic.name}:`)) ?? "";
      const values = line.slice(line.indexOf(":") + 1).trim().split(/\s+/);
      expect([nic.rxBytes, nic.rxPackets, nic.txBytes, nic.txPackets].map(String)).toEqual([values[0], values[1], values[8], values[9]]);
    }
  });

  it("keeps u64 counters exact above 2^53", () => {
    const text = `${fixture("procfs-proc-net-dev.txt").split("\n").slice(0, 2).join("\n")}
  bond0: 18446744073709551615 9007199254740993    0    0    0     0          0         0 9007199254740995       1    0    0    0     0       0          0
`;
    const [bond] = parseNetDev(text);
    expect(bond?.rxBytes).toBe(18446744073709551615n);
    expect(bond?.rxPackets).toBe(9007199254740993n);
    expect(bond?.txBytes).toBe(9007199254740995n);
    expect(String(bond?.txBytes)).toBe("9007199254740995");
  });

  it("rejects a counter above 2^64 - 1", () => {
    const head = fixture("procfs-proc-net-dev.txt").split("\n").slice(0, 2).join("\n");
    const error = parseErrorOf(() => parseNetDev(`${head}\n  eth9: 18446744073709551616 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n`));
    expect(error.line).toBe(3);
  });

  it("reports the line of a truncated row", () => {
    const lines = fixture("netns-proc-net-dev.txt").split("\n");
    const truncated = [...lines.slice(0, 4), (lines[4] ?? "").slice(0, 40)].join("\n");
    const error = parseErrorOf(() => parseNetDev(truncated));
    expect(error.line).toBe(5);
    expect(error.expected).toContain("16 counters");
  });

  it("requires the two header lines", () => {
    const lines = fixture("netns-proc-net-dev.txt").split("\n");
    expect(parseErrorOf(() => parseNetDev(lines.slice(2).join("\n"))).line).toBe(1);
    expect(parseErrorOf(() => parseNetDev([lines[0], lines[2]].join("\n"))).line).toBe(2);
    expect(parseErrorOf(() => parseNetDev("")).line).toBe(1);
  });

  it("rejects a row without a colon or with a non-decimal counter", () => {
    const head = fixture("procfs-proc-net-dev.txt").split("\n").slice(0, 2).join("\n");
    expect(parseErrorOf(() => parseNetDev(`${head}\n  eth0 1 2 3\n`)).line).toBe(3);
    const bad = `${head}\n  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 1x\n`;
    expect(parseErrorOf(() => parseNetDev(bad)).line).toBe(3);
  });
});
