import { describe, expect, it } from "vitest";
import { shortcutFor, steppedHost, SHORTCUTS } from "../../../../renderer/view-model/shortcuts.ts";

const press = (key: string, extra: Partial<Parameters<typeof shortcutFor>[0]> = {}) =>
  shortcutFor({ key, ctrlKey: false, altKey: false, metaKey: false, typing: false, ...extra });

describe("keyboard shortcuts", () => {
  it("maps each listed key to its action, and nothing else", () => {
    expect(SHORTCUTS.map((shortcut) => press(shortcut.key))).toEqual(
      SHORTCUTS.map((shortcut) => shortcut.action),
    );
    expect(press("j")).toBe("next-host");
    expect(press("?")).toBe("help");
    expect(press("x")).toBeUndefined();
    expect(new Set(SHORTCUTS.map((shortcut) => shortcut.key)).size).toBe(SHORTCUTS.length);
  });

  it("never fires while typing in a field or with a modifier held", () => {
    expect(press("j", { typing: true })).toBeUndefined();
    expect(press("/", { typing: true })).toBeUndefined();
    expect(press("a", { ctrlKey: true })).toBeUndefined();
    expect(press("k", { metaKey: true })).toBeUndefined();
    expect(press("j", { altKey: true })).toBeUndefined();
  });

  it("steps through hosts with wrap-around", () => {
    const hosts = ["a", "b", "c"];
    expect(steppedHost(hosts, "a", 1)).toBe("b");
    expect(steppedHost(hosts, "c", 1)).toBe("a");
    expect(steppedHost(hosts, "a", -1)).toBe("c");
    expect(steppedHost(hosts, undefined, -1)).toBe("a");
    expect(steppedHost(hosts, "gone", 1)).toBe("a");
    expect(steppedHost([], "a", 1)).toBeUndefined();
  });
});
