/**
 * The browser-mode token: 32 random bytes in hex, printed in the URL by `fulcrum serve`. Anyone on the
 * machine can reach 127.0.0.1, so the token is what keeps other local users and web pages out.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";

export function createAccessToken(): string {
  return randomBytes(32).toString("hex");
}

/** Constant-time comparison, so response timing does not reveal how much of a guess was right. */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== "string") return false;
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(presented, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
