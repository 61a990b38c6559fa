import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import { parseWeightInput } from "../../../../renderer/view-model/weight-input.ts";

describe("weight box", () => {
  it("takes whole weights from 0 to 65535, spaces forgiven", () => {
    expect(parseWeightInput("0", english)).toEqual({ ok: true, weight: 0 });
    expect(parseWeightInput(" 250 ", english)).toEqual({ ok: true, weight: 250 });
    expect(parseWeightInput("65535", english)).toEqual({ ok: true, weight: 65_535 });
  });

  it("refuses what ipvsadm -w would not take, saying why", () => {
    expect(parseWeightInput("65536", english)).toEqual({
      ok: false,
      message: "The largest weight ipvsadm takes is 65535.",
    });
    for (const text of ["-1", "1.5", "1e3", "abc", "0x10"]) {
      expect(parseWeightInput(text, english)).toEqual({
        ok: false,
        message: "A weight is a whole number from 0 to 65535.",
      });
    }
    expect(parseWeightInput("  ", english)).toEqual({ ok: false, message: "Type a weight from 0 to 65535." });
  });
});
