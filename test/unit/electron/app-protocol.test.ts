// The packaged renderer's app://fulcrum/ scheme (issue 10, item 11): registered as a privileged
// standard, secure scheme, and answering only with files inside the renderer folder.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  APP_RENDERER_URL,
  createAppRequestHandler,
  handleAppScheme,
  registerAppScheme,
} from "../../../electron/app-protocol.ts";

let root: string;
let rendererDir: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "fulcrum-app-scheme-"));
  rendererDir = path.join(root, "main_window");
  await mkdir(path.join(rendererDir, "assets"), { recursive: true });
  await writeFile(path.join(rendererDir, "index.html"), "<!doctype html><title>console</title>");
  await writeFile(path.join(rendererDir, "assets", "app.js"), "console.log(1)");
  await writeFile(path.join(rendererDir, "assets", "app.js.map"), '{"sources":["secret.ts"]}');
  await writeFile(path.join(root, "secret.txt"), "outside the renderer folder");
  await symlink(path.join(root, "secret.txt"), path.join(rendererDir, "assets", "link.txt"));
  handle = createAppRequestHandler(rendererDir);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("the app:// scheme", () => {
  it("is registered before ready as standard and secure, and nothing more", () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: "app", privileges: { standard: true, secure: true } },
    ]);
    const handled = { handle: vi.fn() };
    handleAppScheme(handled, rendererDir);
    expect(handled.handle).toHaveBeenCalledWith("app", expect.any(Function));
  });

  it("serves the page at app://fulcrum/ and /index.html with the CSP header", async () => {
    expect(APP_RENDERER_URL).toBe("app://fulcrum/index.html");
    for (const url of ["app://fulcrum/", APP_RENDERER_URL]) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(await response.text()).toContain("console");
    }
    const script = await handle(new Request("app://fulcrum/assets/app.js"));
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("text/javascript");
  });

  it.each([
    "app://fulcrum/../secret.txt",
    "app://fulcrum/%2e%2e/secret.txt",
    "app://fulcrum/assets/..%2f..%2fsecret.txt",
    "app://fulcrum/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
    "app://fulcrum/assets/link.txt",
    "app://fulcrum/assets/app.js.map",
    "app://fulcrum/assets",
    "app://fulcrum/missing.js",
    "app://fulcrum/%00index.html",
    "app://other/index.html",
    "app://fulcrum.evil/index.html",
    "file:///etc/passwd",
  ])("refuses %s with 404", async (url) => {
    const response = await handle(new Request(url));
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain("outside the renderer folder");
    expect(body).not.toContain("secret.ts");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers nothing but GET and HEAD", async () => {
    const post = await handle(new Request(APP_RENDERER_URL, { method: "POST", body: "x" }));
    expect(post.status).toBe(405);
    const head = await handle(new Request(APP_RENDERER_URL, { method: "HEAD" }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});
