/**
 * Paths of config files, pid files and nginx prefixes on a host. They reach argv only (never a shell
 * string), but they are also shown to the operator and used to name backups beside the file, so
 * only plain absolute paths pass: no shell or option characters, no `..`, no empty segments.
 */
import { ValidationError } from "../../commands/validated.ts";

declare const brand: unique symbol;
export type ConfigPath = string & { readonly [brand]: "ConfigPath" };

// "/etc/nginx/nginx.conf", "/etc/keepalived/keepalived.conf", "/run/nginx.pid"
const PLAIN_ABSOLUTE = /^(\/[A-Za-z0-9_][A-Za-z0-9_.+@-]*)+$/;

export function configPath(text: string): ConfigPath {
  const segments = text.split("/").slice(1);
  if (
    text.length > 1024 ||
    !PLAIN_ABSOLUTE.test(text) ||
    segments.some((segment) => segment === ".." || segment === ".")
  ) {
    throw new ValidationError(
      `not a plain absolute path (letters, digits, _ . + @ -; no "..") : ${JSON.stringify(text)}`,
    );
  }
  return text as ConfigPath;
}
