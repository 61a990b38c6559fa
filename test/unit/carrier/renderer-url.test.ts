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

  it("accepts exactly the bundled index.html when packaged", () => {
    const isOwn = createRendererUrlCheck(
      "file:///opt/Fulcrum/resources/app.asar/.vite/renderer/main_window/index.html",
    );
    expect(isOwn("file:///opt/Fulcrum/resources/app.asar/.vite/renderer/main_window/index.html")).toBe(true);
    expect(isOwn("file:///opt/Fulcrum/resources/app.asar/.vite/renderer/main_window/index.html#x")).toBe(
      true,
    );
    expect(isOwn("file:///opt/Fulcrum/resources/app.asar/.vite/renderer/main_window/other.html")).toBe(false);
    expect(isOwn("file:///tmp/index.html")).toBe(false);
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
