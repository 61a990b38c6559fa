import { describe, expect, it } from "vitest";
import type { IpvsListForm, RealServer } from "../../../../core/model/ipvs.ts";
import { ParseError } from "../../../../core/model/parse-error.ts";
import { FAST_DESTINATION_ROWS } from "../../../../core/parse/ipvs/list-fast-rows.ts";
import { DESTINATION_ROWS } from "../../../../core/parse/ipvs/list-rows.ts";
import { parseIpvsadmList } from "../../../../core/parse/ipvs/ipvsadm-list.ts";

type FastForm = "list" | "stats";

function fast(form: FastForm, line: string): RealServer | undefined {
  const read = FAST_DESTINATION_ROWS[form];
  if (!read) throw new Error(`no shortcut for ${form}`);
  return read(line);
}

/** The token reader's verdict on the same line: the RealServer, or its ParseError. */
function byTokens(form: IpvsListForm, line: string): RealServer | ParseError {
  try {
    return DESTINATION_ROWS[form](line.trim().split(/\s+/), 1);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
}

const PLAIN: Record<FastForm, string[]> = {
  list: [
    "  -> 10.0.2.16:80                 Masq    1      0          0",
    "  -> 0.0.0.0:0                    Route   0      0          0",
    "  -> 255.255.255.255:65535        Tunnel  2147483647 4294967295 4294967295",
    "  -> 192.168.100.9:8080           Local   100    17         230       ",
    "  -> 198.51.100.7:443             FullNat 5      1          2",
    "  -> 198.51.100.8:443             SNAT    5      1          2",
    "  -> 198.51.100.9:00443           Bypass  007    0          0",
  ],
  stats: [
    "  -> 10.68.15.66:80                    116   582893   578642 45293116 826814146",
    "  -> 10.0.0.2:80                         0        0        0        0        0",
    // 2^53 - 1, 2^53, 2^53 + 1: the last two must not pass through a double.
    "  -> 10.0.0.3:80          9007199254740991 9007199254740992 9007199254740993 1 2",
    // 2^64 - 1 in every column, and leading zeros.
    "  -> 10.0.0.4:80  18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551615 18446744073709551615",
    "  -> 10.0.0.5:80  00000000000000000000000000001 0 0 0 0",
  ],
};

describe("list-fast-rows: the shortcut for plain default and --stats --exact rows", () => {
  for (const form of ["list", "stats"] as const) {
    it(`${form}: takes the plain rows and reads them exactly as the token reader does`, () => {
      for (const line of PLAIN[form]) {
        const expected = byTokens(form, line);
        expect(expected, line).not.toBeInstanceOf(ParseError);
        expect(fast(form, line), line).toEqual(expected);
      }
    });
  }

  it("keeps u64 counters exact on the shortcut (2^53 + 1, 2^64 - 1)", () => {
    const past53 = fast("stats", PLAIN.stats[2] as string);
    expect(past53?.stats).toEqual({
      conns: 9007199254740991n,
      inPkts: 9007199254740992n,
      outPkts: 9007199254740993n,
      inBytes: 1n,
      outBytes: 2n,
    });
    const max = fast("stats", PLAIN.stats[3] as string);
    expect(max?.stats?.outBytes.toString()).toBe("18446744073709551615");
    expect(max?.stats?.inexact).toBeUndefined();
  });

  it("leaves every other row to the token reader", () => {
    const others: [FastForm, string][] = [
      ["list", "  -> [2001:db8::1]:80              Masq    1      0          0"],
      ["list", "  -> 10.0.0.1:80                  Magic   1      0          0"],
      ["list", "  -> 01.0.0.1:80                  Masq    1      0          0"],
      ["list", "  -> 10.0.0.256:80                Masq    1      0          0"],
      ["list", "  -> 10.0.0.1:65536               Masq    1      0          0"],
      ["list", "  -> 10.0.0.1:000080              Masq    1      0          0"],
      ["list", "  -> 10.0.0.1:80                  Masq    2147483648 0      0"],
      ["list", "  -> 10.0.0.1:80                  Masq    1      4294967296 0"],
      ["list", "  -> 10.0.0.1:80                  Masq    1      0"],
      ["list", "  -> 10.0.0.1:80                  Masq    1      0          0  7"],
      ["list", "  -> 10.0.0.1:80                  Masq    -1     0          0"],
      ["list", "  -> 10.0.0.1:80\tMasq 1 0 0"],
      ["list", "   -> 10.0.0.1:80                 Masq    1      0          0"],
      ["stats", "  -> 10.0.0.1:80   2515932  125426K        0   13034M        0"],
      ["stats", "  -> 10.0.0.1:80   0 0 0 18446744T18446744T"],
      ["stats", "  -> 10.0.0.1:80   18446744073709551616 0 0 0 0"],
      ["stats", "  -> 10.0.0.1:80   1 2 3 4"],
      ["stats", "  -> 10.0.0.1:80   1 2 3 4 5 6"],
      ["stats", "  -> 10.0.0.1:80   1 2 3 4 5x"],
      ["stats", "  -> 10.0.0.1:80   1 2 3 4 1.5"],
      ["stats", "  -> [2001:db8::1]:80   1 2 3 4 5"],
    ];
    for (const [form, line] of others) expect(fast(form, line), line).toBeUndefined();
  });

  it("never accepts a row the token reader reads differently or refuses (every one-character change)", () => {
    const replacements = [" ", "\t", "0", "1", "9", ".", ":", "K", "T", "x", "-", "[", ""];
    let taken = 0;
    let checked = 0;
    for (const form of ["list", "stats"] as const) {
      for (const line of PLAIN[form]) {
        for (let at = 0; at < line.length; at++) {
          for (const replacement of replacements) {
            const changed = line.slice(0, at) + replacement + line.slice(at + 1);
            const result = fast(form, changed);
            checked++;
            if (result === undefined) continue;
            taken++;
            expect(result, JSON.stringify(changed)).toEqual(byTokens(form, changed));
          }
        }
      }
    }
    // The comparison means something only if many changed rows still took the shortcut.
    expect(taken).toBeGreaterThan(checked / 10);
  });

  it("still blames the line of a destination that comes before any service", () => {
    const text = [
      "Prot LocalAddress:Port Scheduler Flags",
      "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
      "",
      "  -> 10.0.2.16:80                 Masq    1      0          0",
      "",
    ].join("\n");
    expect(() => parseIpvsadmList(text)).toThrow(
      'line 4: expected a service line before its destinations, found "  -> 10.0.2.16:80',
    );
  });

  it("gives the same listing as the token reader for a table mixing both kinds of row", () => {
    const text = [
      "IP Virtual Server version 1.2.1 (size=4096)",
      "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes",
      "  -> RemoteAddress:Port",
      "TCP  10.0.0.1:80                      9 9007199254740993 0 0 0",
      "  -> 10.0.0.2:80                      4 9007199254740993 1 2 3",
      "  -> [2001:db8::2]:80                 5 6 7 8 9",
      "  -> 10.0.0.3:80                      125426K 0 0 0 0",
      "",
    ].join("\r\n");
    const listing = parseIpvsadmList(text);
    const rows = listing.services[0]?.realServers ?? [];
    expect(rows.map((row) => [row.address, row.stats?.inPkts, row.stats?.inexact])).toEqual([
      ["10.0.0.2", 9007199254740993n, undefined],
      ["2001:db8::2", 6n, undefined],
      ["10.0.0.3", 0n, ["conns"]],
    ]);
    expect(rows[0]).toEqual(byTokens("stats", text.split("\r\n")[4] as string));
  });
});
