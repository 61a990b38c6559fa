/**
 * Decides whether an IPC sender frame is our own renderer: the Vite dev server's origin during
 * `electron-forge start`, or the exact bundled index.html file when packaged. Anything else (a frame
 * that navigated away, an injected iframe) is refused before its request reaches the core.
 */
export function createRendererUrlCheck(rendererUrl: string): (senderUrl: string | undefined) => boolean {
  const expected = new URL(rendererUrl);
  return (senderUrl) => {
    if (!senderUrl) return false;
    let actual: URL;
    try {
      actual = new URL(senderUrl);
    } catch {
      return false;
    }
    if (expected.protocol === "file:") {
      return (
        actual.protocol === "file:" && actual.host === expected.host && actual.pathname === expected.pathname
      );
    }
    return actual.origin === expected.origin;
  };
}
