/**
 * The request target Node hands over as `request.url`, read in the origin form an origin server
 * receives (RFC 9112 §3.2.1): absolute-path [ "?" query ].
 *   /api                  -> pathname "/api"
 *   /?token=9f...e1       -> pathname "/", searchParams token
 *   //  or  //evil/x      -> pathname "//" (a path: `new URL("//", base)` would read a host there, and throw)
 *   *  http://x/  (empty) -> undefined: asterisk and absolute forms are not requests for this server
 * The authority is fixed before the target is read, so no target can name another host.
 */
export interface RequestTarget {
  pathname: string;
  searchParams: URLSearchParams;
}

const FIXED_AUTHORITY = "http://fulcrum.invalid";

export function parseRequestTarget(target: string | undefined): RequestTarget | undefined {
  if (typeof target !== "string" || !target.startsWith("/")) return undefined;
  try {
    const url = new URL(`${FIXED_AUTHORITY}${target}`);
    return url.origin === FIXED_AUTHORITY
      ? { pathname: url.pathname, searchParams: url.searchParams }
      : undefined;
  } catch {
    return undefined;
  }
}
