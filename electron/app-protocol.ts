/**
 * The packaged renderer's home: app://fulcrum/, a privileged custom scheme served from the bundled
 * renderer folder and nothing else (Electron security guide, "avoid the file:// protocol and prefer
 * custom protocols"). With it, the renderer never runs from file://, so forge.config.ts turns the
 * GrantFileProtocolExtraPrivileges fuse off: a file:// page gets no more than a browser would give it.
 *
 * Privileges: `standard` (parsed like https: an origin, relative URLs, no opaque paths) and `secure`
 * (a secure context, as https). Not `corsEnabled`, `supportFetchAPI` or `allowServiceWorkers`: the
 * renderer fetches nothing; its data comes over IPC.
 *
 * Requests: GET or HEAD for app://fulcrum/PATH only. PATH is resolved by the same function browser
 * mode uses (core/carrier/static-files.ts): nothing outside the folder (.., encoded slashes, symlinks
 * out), no source maps. Every answer carries the renderer's CSP as a header (frame-ancestors too).
 */
import { readFile } from "node:fs/promises";
import type { Protocol } from "electron";
import { buildHeaderPolicy } from "../core/carrier/content-security-policy.ts";
import { securityHeaders } from "../core/carrier/http-responses.ts";
import { resolveStaticFile } from "../core/carrier/static-files.ts";

export const APP_SCHEME = "app";
export const APP_HOST = "fulcrum";
/** The URL the packaged window loads. */
export const APP_RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before the app's `ready` event (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: Pick<Protocol, "registerSchemesAsPrivileged">): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

/** After `ready`: answer app:// requests from `rendererDir`. */
export function handleAppScheme(protocol: Pick<Protocol, "handle">, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}

export function createAppRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const headers = securityHeaders(buildHeaderPolicy());
  const refuse = (status: number, text: string) =>
    new Response(text, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });

  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return refuse(405, "Method not allowed");
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, "Unreadable URL");
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, "Not found");
    const pathname = url.pathname === "/" ? "/index.html" : url.pathname;
    const file = await resolveStaticFile(rendererDir, pathname).catch(() => undefined);
    if (!file) return refuse(404, "Not found");
    const body = request.method === "HEAD" ? null : await readFile(file.filePath);
    return new Response(body, { status: 200, headers: { ...headers, "Content-Type": file.contentType } });
  };
}
