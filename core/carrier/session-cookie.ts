/**
 * The browser-mode session cookie (RFC 6265bis). Set once, when a one-time token is exchanged:
 *   Set-Cookie: fulcrum-session-43117=<64 hex>; HttpOnly; SameSite=Strict; Path=/
 * HttpOnly: no script reads it. SameSite=Strict: no other site's page makes the browser send it (a
 * cross-site WebSocket handshake or form arrives without it). No Domain: host-only, 127.0.0.1.
 * No Max-Age: it ends with the browser session, and the server forgets it on exit anyway.
 *
 * Cookies are scoped by host, not by port, so the name carries the port: two `fulcrum serve` on one
 * machine do not overwrite each other's cookie. A limit no attribute can lift: the browser also
 * sends it to any other server on 127.0.0.1 that the operator opens in that browser, and a local
 * user who runs such a server and gets the operator to visit it could replay the id from a
 * non-browser client (which can forge Host and Origin). The token in the URL had the same reach
 * and more (history, screen, Referer); the session at least ends with this process.
 */

export function sessionCookieName(port: number): string {
  return `fulcrum-session-${port}`;
}

export function sessionCookie(name: string, sessionId: string): string {
  return `${name}=${sessionId}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * Every value the Cookie header gives `name` (a browser may hold two, e.g. one left by an earlier
 * server on the same port, until it is overwritten).
 *   Cookie: theme=dark; fulcrum-session-43117=9f...e1
 */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (typeof header !== "string") return [];
  const values: string[] = [];
  for (const pair of header.split(";")) {
    const separator = pair.indexOf("=");
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() === name) values.push(pair.slice(separator + 1).trim());
  }
  return values;
}
