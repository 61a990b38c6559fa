/** Key pairs made with the real ssh-keygen, and fingerprints as it prints them. */
import { readFile } from "node:fs/promises";
import { runCommand } from "./run-command.ts";

export interface KeyPair {
  privateKeyPath: string;
  publicKeyPath: string;
  /** The one-line public key ("ssh-ed25519 AAAA... comment"). */
  publicKey: string;
}

export async function generateKeyPair(
  privateKeyPath: string,
  options: { type?: "ed25519" | "ecdsa" | "rsa"; passphrase?: string; comment?: string } = {},
): Promise<KeyPair> {
  await runCommand("ssh-keygen", [
    "-q",
    "-t",
    options.type ?? "ed25519",
    "-N",
    options.passphrase ?? "",
    "-C",
    options.comment ?? "fulcrum-test",
    "-f",
    privateKeyPath,
  ]);
  const publicKeyPath = `${privateKeyPath}.pub`;
  return { privateKeyPath, publicKeyPath, publicKey: (await readFile(publicKeyPath, "utf8")).trim() };
}

/** `ssh-keygen -lf` for the key: "SHA256:...". */
export async function sshKeygenFingerprint(keyPath: string): Promise<string> {
  const { stdout } = await runCommand("ssh-keygen", ["-lf", keyPath]);
  const fingerprint = stdout.split(/\s+/)[1];
  if (!fingerprint?.startsWith("SHA256:")) throw new Error(`unexpected ssh-keygen -lf output: ${stdout}`);
  return fingerprint;
}
