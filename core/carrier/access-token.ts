/**
 * Browser-mode secrets: 32 random bytes in hex, for the one-time page tokens and the session ids
 * they are exchanged for (browser-sessions.ts). Anyone on the machine can reach 127.0.0.1, so these
 * are what keep other local users and web pages out.
 */
import { createHash, randomBytes } from "node:crypto";

export function createAccessToken(): string {
  return randomBytes(32).toString("hex");
}

/**
 * What the server keeps of a secret: its SHA-256. Looking a presented secret up by its digest
 * costs the same whatever the guess shares with a real one (a Map lookup on the secret itself
 * would compare it character by character), and a memory dump holds no usable secret.
 */
export function secretDigest(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
