import { describe, expect, it } from "vitest";
import { compareAddresses } from "../../../../renderer/view-model/compare-addresses.ts";

describe("compareAddresses", () => {
  it("orders IPv4 numerically, then IPv6 by value, then other text", () => {
    const sorted = [
      "fe80::1",
      "10.0.0.10",
      "backend-b",
      "2001:db8::2",
      "10.0.0.9",
      "2001:db8:0:0:0:0:0:1",
      "9.255.255.255",
      "::1",
    ].sort(compareAddresses);
    expect(sorted).toEqual([
      "9.255.255.255",
      "10.0.0.9",
      "10.0.0.10",
      "::1",
      "2001:db8:0:0:0:0:0:1",
      "2001:db8::2",
      "fe80::1",
      "backend-b",
    ]);
  });

  it("treats two spellings of one IPv6 address as equal", () => {
    expect(compareAddresses("2001:db8::1", "2001:0DB8:0:0:0:0:0:1")).toBe(0);
  });
});
