import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import { toNicPanel } from "../../../../renderer/view-model/nic-panel.ts";
import { testSnapshot } from "../test-snapshot.ts";
import { busyNatSnapshot } from "./lb-test-snapshots.ts";

describe("toNicPanel", () => {
  it("lists the NICs in bits/s with link speed and utilisation, hiding lo and veth by default", () => {
    const panel = toNicPanel(busyNatSnapshot(), english);
    expect(panel.rows.map((row) => row.name)).toEqual(["eth0", "eth1"]);
    expect(panel.hiddenCount).toBe(2);
    expect(panel.rows[0]).toEqual({
      name: "eth0",
      rx: "400 Mbit/s",
      tx: "900 Mbit/s",
      speed: "1 Gbit/s",
      barPercent: 90,
      utilisation: "rx 40 % · tx 90 %",
      overThreshold: true,
    });
    expect(panel.rows[1]).toMatchObject({
      rx: "8.00 kbit/s",
      speed: "unknown",
      barPercent: undefined,
      utilisation: "speed unknown",
      overThreshold: false,
    });

    const all = toNicPanel(busyNatSnapshot(), english, { showAll: true });
    expect(all.rows.map((row) => row.name)).toEqual(["lo", "eth0", "eth1", "veth12ab"]);
    expect(all.hiddenCount).toBe(0);
    // A bar never overflows its track, even past 100 %.
    expect(all.rows[3]?.barPercent).toBeCloseTo(99.2);
  });

  it("warns when a NAT director's NIC passes 80 % in either direction, naming the share and the NIC", () => {
    const panel = toNicPanel(busyNatSnapshot(), english);
    expect(panel.mode).toBe("nat");
    expect(panel.warnings).toEqual([
      {
        nic: "eth0",
        text: "NAT: every reply crosses this director; its NIC is the bottleneck at 90 % (eth0, 1 Gbit/s)",
      },
    ]);
    expect(panel.note).toBeUndefined();

    const inbound = busyNatSnapshot({
      nicRates: { eth0: { rxBps: 102_500_000, txBps: 1_000, rxUtilisation: 0.82, txUtilisation: 0.00001 } },
    });
    expect(toNicPanel(inbound, english).warnings.map((warning) => warning.nic)).toEqual(["eth0"]);
  });

  it("does not warn at or below 80 %, nor for a hidden veth however busy", () => {
    const atThreshold = busyNatSnapshot({
      nicRates: { eth0: { rxBps: 1, txBps: 100_000_000, rxUtilisation: 0, txUtilisation: 0.8 } },
    });
    expect(toNicPanel(atThreshold, english).warnings).toEqual([]);
    // veth12ab runs at 99 % in the fixture and is never the director's uplink.
    expect(
      toNicPanel(busyNatSnapshot(), english, { showAll: true }).warnings.map((warning) => warning.nic),
    ).toEqual(["eth0"]);
  });

  it("gives a DR/TUN-only director a note instead of the NAT warning, however busy its NIC", () => {
    const base = busyNatSnapshot();
    const drOnly = { ...base, services: base.services.filter((service) => service.port === 80) };
    const panel = toNicPanel(drOnly, english);
    expect(panel.mode).toBe("inbound-only");
    expect(panel.warnings).toEqual([]);
    expect(panel.note).toBe(english.t("nic.inboundOnlyNote"));
    expect(panel.rows[0]?.overThreshold).toBe(true);
  });

  it("has no note and no warning for a host without IPVS services", () => {
    const panel = toNicPanel(busyNatSnapshot({ services: [] }), english);
    expect(panel.mode).toBe("other");
    expect(panel.warnings).toEqual([]);
    expect(panel.note).toBeUndefined();
  });

  it("shows NICs without rates yet (first frame) with no numbers", () => {
    const panel = toNicPanel({ ...busyNatSnapshot(), nicRates: undefined }, english);
    expect(panel.rows[0]).toMatchObject({
      rx: "—",
      tx: "—",
      speed: "1 Gbit/s",
      utilisation: "speed unknown",
    });
    expect(toNicPanel(testSnapshot(), english).rows).toEqual([]);
  });
});
