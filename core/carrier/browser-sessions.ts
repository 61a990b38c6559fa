/**
 * Who may open the browser-mode console. `fulcrum serve` prints a URL with a one-time token; the
 * first GET of that URL exchanges the token for a session (a new random id, set as an HttpOnly
 * cookie by page-access.ts), and the token is spent: the same URL opened again, in any browser,
 * gets no session. The WebSocket is authorised by the session, never by a token. Sessions last as
 * long as the server process; more tokens are issued on the operator's demand (a second browser).
 */
import { createAccessToken, secretDigest } from "./access-token.ts";

export type TokenRefusal =
  /** No token, or one this server never issued. */
  | "unknown"
  /** A token this server issued and someone already exchanged. */
  | "used";

export type Redemption = { session: string } | { refused: TokenRefusal };

export interface BrowserSessions {
  /** A new one-time token for a page URL. */
  issueToken(): string;
  /** Spends the token: a new session id, or why there is none. */
  redeem(token: string | null | undefined): Redemption;
  isSession(id: string | undefined): boolean;
}

/** 64 hex characters, as createAccessToken makes them; anything else is not looked up at all. */
const SECRET = /^[0-9a-f]{64}$/;

export function createBrowserSessions(): BrowserSessions {
  const unused = new Set<string>();
  const spent = new Set<string>();
  const sessions = new Set<string>();

  return {
    issueToken() {
      const token = createAccessToken();
      unused.add(secretDigest(token));
      return token;
    },
    redeem(token) {
      if (typeof token !== "string" || !SECRET.test(token)) return { refused: "unknown" };
      const digest = secretDigest(token);
      if (spent.has(digest)) return { refused: "used" };
      if (!unused.delete(digest)) return { refused: "unknown" };
      spent.add(digest);
      const session = createAccessToken();
      sessions.add(secretDigest(session));
      return { session };
    },
    isSession(id) {
      return typeof id === "string" && SECRET.test(id) && sessions.has(secretDigest(id));
    },
  };
}
