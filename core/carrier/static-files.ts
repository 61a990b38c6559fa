/**
 * Resolves a request path to a file inside the built renderer folder, refusing anything that would
 * escape it (.., encoded slashes, symlinks out of the folder) and anything that is not a regular file.
 * Source maps (*.map) are refused unless asked for: they hand out the whole source, comments
 * included, and only a developer needs them. Browser mode and Electron's app:// scheme both use it.
 */
import { realpath, stat } from "node:fs/promises";
import path from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticFile {
  filePath: string;
  contentType: string;
  size: number;
}

export interface StaticFileOptions {
  /** Serve *.map files (development only). */
  sourceMaps?: boolean;
}

export async function resolveStaticFile(
  rootDir: string,
  urlPath: string,
  options: StaticFileOptions = {},
): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;

  const root = await realpath(rootDir);
  const candidate = path.resolve(root, "." + path.posix.normalize("/" + decoded));
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return undefined;
  }
  if (real !== root && !real.startsWith(root + path.sep)) return undefined;
  const extension = path.extname(real).toLowerCase();
  // Checked on the real name, so a symlink called app.js pointing at app.js.map is refused too.
  if (extension === ".map" && options.sourceMaps !== true) return undefined;

  const info = await stat(real);
  if (!info.isFile()) return undefined;
  const contentType = CONTENT_TYPES[extension] ?? "application/octet-stream";
  return { filePath: real, contentType, size: info.size };
}
