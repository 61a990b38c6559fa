import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../../core/model/parse-error.ts";
import { parseHaproxyStat } from "../../../../core/parse/haproxy/stat-csv.ts";
import { decodeAdminState, parseServersState } from "../../../../core/parse/haproxy/servers-state.ts";

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/haproxy/${name}`, import.meta.url), "utf8");
const capture = fixture("show-servers-state.txt");

function lineOfError(text: string): number {
  try {
    parseServersState(text);
  } catch (error) {
    if (error instanceof ParseError) return error.line;
    throw error;
  }
  throw new Error("expected a ParseError");
}

describe("parseServersState on the real HAProxy 2.6 capture", () => {
  const state = parseServersState(capture);
  const server = (name: string) => state.servers.find((s) => s.server === name);

  it("reads the format version and one row per server", () => {
    expect(state.formatVersion).toBe(1);
    expect(state.servers.map((s) => [s.backendId, s.backend, s.serverId, s.server, s.address])).toEqual([
      [3, "be_app", 1, "s1", "127.0.0.1"],
      [3, "be_app", 2, "s2", "127.0.0.1"],
      [3, "be_app", 3, "s3", "127.0.0.1"],
    ]);
  });

  it("decodes the admin state: s2 drained (FDRAIN), s3 in maintenance (FMAINT)", () => {
    expect(server("s1")).toMatchObject({ adminState: 0, adminFlags: [], operationalState: 2 });
    expect(server("s2")).toMatchObject({ adminState: 8, adminFlags: ["FDRAIN"], operationalState: 2 });
    expect(server("s3")).toMatchObject({ adminState: 1, adminFlags: ["FMAINT"], operationalState: 0, checkHealth: 0 });
  });

  it("reads user and initial weights: s1 set from 10 to 20 at runtime", () => {
    expect(server("s1")).toMatchObject({ userWeight: 20, initialWeight: 10, checkResult: 3 });
    expect(server("s2")).toMatchObject({ userWeight: 10, initialWeight: 10 });
  });

  it("agrees with show stat on the server ports and has no FQDN", () => {
    const stat = parseHaproxyStat(fixture("show-stat.csv"));
    for (const s of state.servers) {
      expect(stat.find((row) => row.name === s.server)?.address).toBe(`${s.address}:${s.port}`);
      expect(s.fqdn).toBeUndefined();
      expect(s.fields.srv_fqdn).toBe("-");
    }
  });

  it("reads the agent-check expectation from management.txt / reg-tests (uweight 75, FMAINT)", () => {
    const header = capture.split("\n").slice(0, 2).join("\n");
    const row = "1 be1 1 srv 127.0.0.1 0 1 75 100 3 1 0 0 0 0 0 0 - 8080 - 0 0 - - 0";
    const [agent] = parseServersState(`${header}\n${row}\n`).servers;
    expect(agent).toMatchObject({ backend: "be1", server: "srv", operationalState: 0, adminState: 1, adminFlags: ["FMAINT"], userWeight: 75, initialWeight: 100, port: 8080 });
  });
});

describe("decodeAdminState", () => {
  it("names every bit in order", () => {
    expect(decodeAdminState(0x09)).toEqual(["FMAINT", "FDRAIN"]);
    expect(decodeAdminState(0x7f)).toEqual(["FMAINT", "IMAINT", "CMAINT", "FDRAIN", "IDRAIN", "RMAINT", "HMAINT"]);
    expect(decodeAdminState(0)).toEqual([]);
  });
});

describe("parseServersState errors", () => {
  const lines = capture.split("\n");
  it("needs the version on line 1 and the header on line 2", () => {
    expect(lineOfError(lines.slice(1).join("\n"))).toBe(1);
    expect(lineOfError(["1", ...lines.slice(2)].join("\n"))).toBe(2);
    expect(lineOfError(["1", "# be_id be_name"].join("\n"))).toBe(2);
  });

  it("reports a truncated row and a non-numeric state on their lines", () => {
    expect(lineOfError([...lines.slice(0, 3), (lines[3] ?? "").slice(0, 25)].join("\n"))).toBe(4);
    const bad = [...lines];
    bad[3] = (bad[3] ?? "").replace(" 2 8 10 ", " 2 x 10 ");
    expect(bad[3]).toContain(" 2 x 10 ");
    expect(lineOfError(bad.join("\n"))).toBe(4);
  });
});
