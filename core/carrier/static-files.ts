/**
 * Resolves a request path to a file inside the built renderer folder, refusing anything that would
 * escape it (.., encoded slashes, symlinks out of the folder) and anything that is not a regular file.
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

export async function resolveStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | undefined> {
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

  const info = await stat(real);
  if (!info.isFile()) return undefined;
  const contentType = CONTENT_TYPES[path.extname(real).toLowerCase()] ?? "application/octet-stream";
  return { filePath: real, contentType, size: info.size };
}
