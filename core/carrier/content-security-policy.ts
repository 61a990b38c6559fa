/**
 * The renderer's Content Security Policy, for both carriers. renderer/index.html carries the same
 * base policy as a meta tag (a file:// page in Electron gets no response headers); the browser-mode
 * server and Electron's dev server add it as a header, where frame-ancestors also takes effect.
 *
 * No 'unsafe-inline' and no 'unsafe-eval': the renderer loads only its own bundled scripts and
 * stylesheets, and talks to the core only through window.fulcrum or its own WebSocket.
 */
const BASE_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ["default-src", "'self'"],
  ["script-src", "'self'"],
  ["style-src", "'self'"],
  ["img-src", "'self' data:"],
  ["font-src", "'self'"],
  ["connect-src", "'self'"],
  ["object-src", "'none'"],
  ["base-uri", "'none'"],
  ["form-action", "'none'"],
];

/** The policy in renderer/index.html's meta tag (meta tags cannot carry frame-ancestors). */
export const RENDERER_META_POLICY = serialize(BASE_DIRECTIVES);

export interface HeaderPolicyOptions {
  /**
   * Extra connect-src sources, e.g. the browser-mode server's own ws://127.0.0.1:PORT. Electron
   * passes none: its renderer reaches the core over IPC, not the network.
   */
  connectSources?: readonly string[];
}

export function buildHeaderPolicy(options: HeaderPolicyOptions = {}): string {
  const extra = options.connectSources ?? [];
  const directives = BASE_DIRECTIVES.map(([name, value]): readonly [string, string] =>
    name === "connect-src" && extra.length > 0 ? [name, `${value} ${extra.join(" ")}`] : [name, value],
  );
  return serialize([...directives, ["frame-ancestors", "'none'"]]);
}

function serialize(directives: ReadonlyArray<readonly [string, string]>): string {
  return directives.map(([name, value]) => `${name} ${value}`).join("; ");
}
