import { describe, expect, it } from "vitest";
import { nicRates } from "../../../core/rates/nic-rates.ts";
import type { NicSample } from "../../../core/model/nic.ts";

function nic(name: string, rxBytes: bigint, txBytes: bigint, speedMbps?: number): NicSample {
  return {
    name,
    rxBytes,
    txBytes,
    rxPackets: 0n,
    txPackets: 0n,
    rxErrors: 0n,
    txErrors: 0n,
    rxDrops: 0n,
    txDrops: 0n,
    ...(speedMbps === undefined ? {} : { speedMbps }),
  };
}

describe("nicRates", () => {
  it("gives bytes/s and utilisation of the link in bits", () => {
    const rates = nicRates(
      { uptime: 10, nics: [nic("eth0", 0n, 0n, 1000)] },
      { uptime: 12, nics: [nic("eth0", 250_000_000n, 25_000_000n, 1000)] },
    );
    expect(rates.get("eth0")).toEqual({ rxBps: 125_000_000, txBps: 12_500_000, rxUtilisation: 1, txUtilisation: 0.1 });
  });

  it("leaves utilisation out without a link speed and skips NICs whose counters went backwards", () => {
    const rates = nicRates(
      { uptime: 0, nics: [nic("veth0", 100n, 100n), nic("eth1", 5000n, 5000n, 10000)] },
      { uptime: 1, nics: [nic("veth0", 300n, 100n), nic("eth1", 10n, 6000n, 10000)] },
    );
    expect(rates.get("veth0")).toEqual({ rxBps: 200, txBps: 0 });
    expect(rates.has("eth1")).toBe(false);
  });
});
