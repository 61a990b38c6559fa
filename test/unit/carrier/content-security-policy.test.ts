import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { buildHeaderPolicy, RENDERER_META_POLICY } from "../../../core/carrier/content-security-policy.ts";

describe("content security policy", () => {
  it("renderer/index.html carries exactly the core's meta policy", async () => {
    const html = await readFile(new URL("../../../renderer/index.html", import.meta.url), "utf8");
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(RENDERER_META_POLICY);
  });

  it("allows no inline or eval'd script anywhere", () => {
    for (const policy of [
      RENDERER_META_POLICY,
      buildHeaderPolicy(),
      buildHeaderPolicy({ connectSources: ["ws://127.0.0.1:1234"] }),
    ]) {
      expect(policy).not.toMatch(/unsafe-(inline|eval)/);
      expect(policy).toMatch(/(^|; )default-src 'self'(;|$)/);
      expect(policy).toMatch(/(^|; )script-src 'self'(;|$)/);
    }
  });

  it("adds the WebSocket source only when asked (browser mode), and frame-ancestors only as a header", () => {
    expect(buildHeaderPolicy()).toContain("connect-src 'self';");
    expect(buildHeaderPolicy({ connectSources: ["ws://127.0.0.1:1234"] })).toContain(
      "connect-src 'self' ws://127.0.0.1:1234;",
    );
    expect(buildHeaderPolicy()).toContain("frame-ancestors 'none'");
    expect(RENDERER_META_POLICY).not.toContain("frame-ancestors");
  });
});
