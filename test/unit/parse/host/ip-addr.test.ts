import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../../core/model/parse-error.ts";
import { parseIpAddr } from "../../../../core/parse/host/ip-addr.ts";
import { expectEvery } from "../../../support/expect-every.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/host/${name}`, import.meta.url), "utf8");

function lineOfError(text: string): number {
  try {
    parseIpAddr(text);
  } catch (error) {
    if (error instanceof ParseError) return error.line;
    throw error;
  }
  throw new Error("expected a ParseError");
}

describe("parseIpAddr", () => {
  const master = parseIpAddr(fixture("netns-master-ip-addr.txt"));
  const byAddress = (address: string) => master.find((entry) => entry.address === address);

  it("shows keepalived's VIPs on the MASTER node", () => {
    expect(byAddress("192.0.2.100")).toEqual({
      ifindex: 2,
      ifname: "eth0",
      family: "inet",
      address: "192.0.2.100",
      prefixLength: 24,
      scope: "global",
      flags: ["secondary"],
    });
    expect(byAddress("198.51.100.10")).toMatchObject({ prefixLength: 32, flags: [] });
  });

  it("does not show the VIP on the BACKUP node", () => {
    const backup = parseIpAddr(fixture("netns-backup-ip-addr.txt"));
    expect(backup.map((entry) => entry.address)).toEqual([
      "127.0.0.1",
      "::1",
      "192.0.2.2",
      expect.stringMatching(/^fe80::/),
      "198.51.100.250",
    ]);
  });

  it("reads labels, flags and lifetimes", () => {
    expect(byAddress("192.0.2.11")).toMatchObject({ label: "eth0:app", flags: ["secondary"] });
    expect(byAddress("192.0.2.1")?.label).toBeUndefined();
    expect(byAddress("198.51.100.20")?.flags).toEqual(["noprefixroute"]);
    expect(byAddress("2001:db8::5")).toMatchObject({
      family: "inet6",
      flags: ["nodad", "deprecated", "dynamic"],
      preferredLifetimeSeconds: 0,
    });
    expect(byAddress("2001:db8::5")?.validLifetimeSeconds).toBeGreaterThan(3000);
    expect(byAddress("2001:db8::1")).toMatchObject({ flags: ["nodad"], prefixLength: 64 });
    expect(byAddress("2001:db8::1")?.validLifetimeSeconds).toBeUndefined();
    expect(byAddress("::1")).toMatchObject({ ifname: "lo", scope: "host", prefixLength: 128 });
    expect(master.find((entry) => entry.scope === "link")?.address).toMatch(/^fe80::/);
    expect(byAddress("198.51.100.249")?.ifname).toBe("fulcrumdata0123");
  });

  it("reads -4 and -6 listings as the same entries", () => {
    const v4 = parseIpAddr(fixture("netns-master-ip-4-addr.txt"));
    const v6 = parseIpAddr(fixture("netns-master-ip-6-addr.txt"));
    expectEvery(v4, (entry) => entry.family === "inet");
    expectEvery(v6, (entry) => entry.family === "inet6");
    const strip = (entries: typeof master) => entries.map(({ validLifetimeSeconds: _v, ...rest }) => rest);
    expect(strip([...v4, ...v6]).sort((a, b) => a.address.localeCompare(b.address))).toEqual(
      strip(master).sort((a, b) => a.address.localeCompare(b.address)),
    );
  });

  it("reads the host capture", () => {
    const host = parseIpAddr(fixture("host-ip-addr.txt"));
    expect(host.find((entry) => entry.address === "127.0.0.1")).toMatchObject({
      ifname: "lo",
      prefixLength: 8,
      scope: "host",
    });
  });

  it("canonicalises addresses and handles peer, brd and vlan@parent forms", () => {
    const [peer, vlan] = parseIpAddr(
      "7: tun0    inet 10.0.0.1 peer 10.0.0.2/32 scope global tun0\\       valid_lft forever preferred_lft forever\n" +
        "8: vlan10@eth0    inet6 2001:DB8:0:0::0:1/64 scope global \\       valid_lft 100sec preferred_lft 50sec\n",
    );
    expect(peer).toMatchObject({ address: "10.0.0.1", prefixLength: 32, flags: [] });
    expect(vlan).toMatchObject({
      ifname: "vlan10",
      address: "2001:db8::1",
      validLifetimeSeconds: 100,
      preferredLifetimeSeconds: 50,
    });
  });

  it("reports the line of malformed input", () => {
    const good = fixture("netns-master-ip-addr.txt").split("\n").slice(0, 2).join("\n");
    expect(lineOfError(`${good}\n2: eth0    ipx 192.0.2.1/24 scope global eth0`)).toBe(3);
    expect(lineOfError(`${good}\n2: eth0    inet 192.0.2.300/24 scope global eth0`)).toBe(3);
    expect(lineOfError(`${good}\n2: eth0    inet 192.0.2.1/33 scope global eth0`)).toBe(3);
    // Truncated before "scope".
    expect(lineOfError(`${good}\n2: eth0    inet 192.0.2.1/24`)).toBe(3);
    expect(
      lineOfError(`2: eth0    inet 192.0.2.1/24 scope global eth0\\ valid_lft soon preferred_lft forever`),
    ).toBe(1);
    expect(lineOfError("garbage")).toBe(1);
  });
});
