/** The compare-and-set token for a file: SHA-256 of its text as read over SSH. */
import { createHash } from "node:crypto";

export function contentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
