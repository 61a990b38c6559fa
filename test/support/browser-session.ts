/**
 * What a browser does on its first visit to a `fulcrum serve` URL, for tests that talk to the
 * server without a browser: GET the one-time URL, keep the session cookie from its 303. Returns
 * the Cookie header to send with later requests and the WebSocket upgrade.
 */
export async function openBrowserSession(oneTimeUrl: string): Promise<string> {
  const response = await fetch(oneTimeUrl, { redirect: "manual" });
  const cookie = response.headers.getSetCookie()[0];
  if (response.status !== 303 || cookie === undefined) {
    throw new Error(`${oneTimeUrl} gave ${response.status} and no session cookie: ${await response.text()}`);
  }
  // "name=value; HttpOnly; ..." -> "name=value"
  return cookie.split(";")[0] ?? "";
}
