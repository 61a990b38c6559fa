import { describe, expect, it } from "vitest";
import { splitProbeSections } from "../../../../core/actions/failover/read-node-view.ts";

describe("splitProbeSections", () => {
  it("gives each command's output and exit status, with or without a final newline", () => {
    const text = [
      "1795614697.307347123",
      "==fulcrum-section== date 0",
      "4242",
      "",
      "==fulcrum-section== pid 0",
      "",
      "==fulcrum-section== ipvs 127",
      "line one",
      "",
      "line three",
      "",
      "==fulcrum-section== config 0",
      "",
    ].join("\n");
    const sections = splitProbeSections(text);
    expect(sections.get("date")).toEqual({ output: "1795614697.307347123", code: 0 });
    expect(sections.get("pid")).toEqual({ output: "4242\n", code: 0 });
    expect(sections.get("ipvs")).toEqual({ output: "", code: 127 });
    expect(sections.get("config")).toEqual({ output: "line one\n\nline three\n", code: 0 });
    expect(sections.has("alive")).toBe(false);
  });
});
