import { describe, expect, it } from "vitest";
import { createRendererUrlCheck } from "../../../electron/renderer-url.ts";

describe("createRendererUrlCheck", () => {
  it("accepts the dev server's origin and nothing else", () => {
    const isOwn = createRendererUrlCheck("http://localhost:5173");
    expect(isOwn("http://localhost:5173/")).toBe(true);
    expect(isOwn("http://localhost:5173/index.html?x=1")).toBe(true);
    expect(isOwn("http://localhost:5174/")).toBe(false);
    expect(isOwn("http://localhost.evil.example:5173/")).toBe(false);
    expect(isOwn("https://localhost:5173/")).toBe(false);
  });

  it("accepts exactly the packaged page, app://fulcrum/index.html", () => {
    const isOwn = createRendererUrlCheck("app://fulcrum/index.html");
    expect(isOwn("app://fulcrum/index.html")).toBe(true);
    expect(isOwn("app://fulcrum/index.html#x")).toBe(true);
    expect(isOwn("app://fulcrum/index.html?x=1")).toBe(true);
    expect(isOwn("app://fulcrum/other.html")).toBe(false);
    expect(isOwn("app://fulcrum.evil/index.html")).toBe(false);
    expect(isOwn("app://other/index.html")).toBe(false);
    expect(isOwn("apps://fulcrum/index.html")).toBe(false);
    // The renderer no longer runs from file://: no file page is ours.
    expect(isOwn("file:///opt/Fulcrum/resources/app.asar/.vite/renderer/main_window/index.html")).toBe(false);
    expect(isOwn("file://fulcrum/index.html")).toBe(false);
  });

  it.each([
    [undefined],
    [""],
    ["not a url"],
    ["about:blank"],
    ["devtools://devtools/bundled/inspector.html"],
  ])("refuses %s", (url) => {
    expect(createRendererUrlCheck("http://localhost:5173")(url)).toBe(false);
  });
});
