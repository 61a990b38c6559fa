/** TEST DATA: a distinct ed25519-shaped host key per name (random-looking, not a real key). */
import { createHash } from "node:crypto";
import { fingerprintSha256, type HostKey } from "../../../core/ssh/host-key.ts";

export function testHostKey(name: string): HostKey {
  const type = Buffer.from("ssh-ed25519");
  const key = createHash("sha256").update(name).digest();
  const blob = Buffer.concat([u32(type.length), type, u32(key.length), key]);
  return { type: "ssh-ed25519", blob, fingerprint: fingerprintSha256(blob) };
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value, 0);
  return buffer;
}
