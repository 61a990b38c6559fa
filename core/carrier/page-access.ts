/**
 * Who gets the console page (GET / or /index.html), decided from the request alone (pure):
 *   /?token=T, T unused             -> 303 to "/", Set-Cookie: a new session (T is spent)
 *   /?token=T, T spent or unknown   -> 303 to "/" if the browser already has a session (a reload of
 *                                      an old address), else 401 saying why
 *   /  with a session cookie        -> the page
 *   /  without                      -> 401
 * The redirect drops the token from the address bar before any script runs, so it never sits in
 * the history or reaches the page. HEAD never spends a token (a link preview must not use it up).
 */
import type { BrowserSessions, TokenRefusal } from "./browser-sessions.ts";
import { sessionCookie } from "./session-cookie.ts";

export type PageAccess =
  | { kind: "page" }
  | { kind: "redirect"; setCookie?: string }
  | { kind: "refused"; reason: TokenRefusal | "no-session"; message: string };

export interface PageRequest {
  method: "GET" | "HEAD";
  token: string | null;
  /** Every value of this server's session cookie the request carried. */
  sessionIds: string[];
}

export function decidePageAccess(
  request: PageRequest,
  sessions: BrowserSessions,
  cookieName: string,
): PageAccess {
  const hasSession = request.sessionIds.some((id) => sessions.isSession(id));
  if (request.token === null) {
    return hasSession ? { kind: "page" } : refused("no-session");
  }
  if (request.method === "GET") {
    const redemption = sessions.redeem(request.token);
    if ("session" in redemption) {
      return { kind: "redirect", setCookie: sessionCookie(cookieName, redemption.session) };
    }
    if (hasSession) return { kind: "redirect" };
    return refused(redemption.refused);
  }
  return hasSession ? { kind: "redirect" } : refused("no-session");
}

const SECOND_WINDOW =
  "For another tab in the browser that opened the console, open this server's address without a token. " +
  "For another browser, press Enter in the terminal where `fulcrum serve` runs: it prints a new one-time URL.";

function refused(reason: TokenRefusal | "no-session"): PageAccess {
  switch (reason) {
    case "used":
      return {
        kind: "refused",
        reason,
        message: `Fulcrum: this one-time URL was already used. ${SECOND_WINDOW}`,
      };
    case "unknown":
      return {
        kind: "refused",
        reason,
        message:
          "Fulcrum: this URL's token was not issued by this server. Open the URL that `fulcrum serve` printed.",
      };
    case "no-session":
      return {
        kind: "refused",
        reason,
        message: `Fulcrum: open the one-time URL that \`fulcrum serve\` printed. ${SECOND_WINDOW}`,
      };
  }
}
