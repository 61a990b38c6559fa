import { describe, expect, it } from "vitest";
import { matchEntryId } from "../../../core/audit/entry-id-prefix.ts";

const IDS = [
  "3f2a9c10-0000-4000-8000-000000000001",
  "3f2b1111-0000-4000-8000-000000000002",
  "a1b2c3d4-0000-4000-8000-000000000003",
];

describe("matchEntryId", () => {
  it("takes the whole id, or a unique prefix of 4 or more characters", () => {
    expect(matchEntryId(IDS[2] ?? "", IDS)).toEqual({ ok: true, id: IDS[2] });
    expect(matchEntryId("a1b2", IDS)).toEqual({ ok: true, id: IDS[2] });
    expect(matchEntryId("3f2a9", IDS)).toEqual({ ok: true, id: IDS[0] });
  });
  it("lists the candidates of an ambiguous prefix, and refuses short or unknown ones", () => {
    expect(matchEntryId("3f2", IDS)).toEqual({ ok: false, reason: "too-short", candidates: [] });
    expect(matchEntryId("3f2a", IDS)).toMatchObject({ ok: true });
    const ambiguous = matchEntryId("3f2", [...IDS, "3f2a0000-x"]);
    expect(ambiguous).toMatchObject({ ok: false, reason: "too-short" });
    expect(matchEntryId("3f2a", [...IDS, "3f2a0000-x"])).toEqual({
      ok: false,
      reason: "ambiguous",
      candidates: [IDS[0], "3f2a0000-x"],
    });
    expect(matchEntryId("ffff", IDS)).toEqual({ ok: false, reason: "not-found", candidates: [] });
  });
});
