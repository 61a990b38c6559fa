/**
 * Decides whether an IPC sender frame is our own renderer: the Vite dev server's origin during
 * `electron-forge start`, or exactly the bundled page, app://fulcrum/index.html (app-protocol.ts),
 * when packaged. Anything else (a frame that navigated away, an injected iframe, a file:// page)
 * is refused before its request reaches the core.
 */
export function createRendererUrlCheck(rendererUrl: string): (senderUrl: string | undefined) => boolean {
  const expected = new URL(rendererUrl);
  const http = expected.protocol === "http:" || expected.protocol === "https:";
  return (senderUrl) => {
    if (!senderUrl) return false;
    let actual: URL;
    try {
      actual = new URL(senderUrl);
    } catch {
      return false;
    }
    // Node gives a custom scheme's URL the origin "null", so the page is compared part by part.
    if (!http) {
      return (
        actual.protocol === expected.protocol &&
        actual.host === expected.host &&
        actual.pathname === expected.pathname
      );
    }
    return actual.origin === expected.origin;
  };
}
