/**
 * Host key verdicts on known_hosts text written the way OpenSSH writes it: keys from ssh-keygen,
 * hashed names from `ssh-keygen -H`, fingerprints compared with `ssh-keygen -lf`.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostKeyFromBlob, type HostKey } from "../../../core/ssh/host-key.ts";
import { createHostKeyPolicy } from "../../../core/ssh/host-key-policy.ts";
import { judgeHostKey, parseKnownHosts } from "../../../core/ssh/known-hosts.ts";
import { runCommand } from "../harness/run-command.ts";
import { generateKeyPair, sshKeygenFingerprint, type KeyPair } from "../harness/ssh-keys.ts";
import { expectEvery } from "../../support/expect-every.ts";

let dir: string;
let current: KeyPair;
let other: KeyPair;
let otherType: KeyPair;

function keyOf(pair: KeyPair): HostKey {
  return hostKeyFromBlob(Buffer.from(pair.publicKey.split(" ")[1] ?? "", "base64"));
}
function typeAndKey(pair: KeyPair): string {
  return pair.publicKey.split(" ").slice(0, 2).join(" ");
}
const web = { name: "web1.example.net", port: 22 };
const webAlt = { name: "10.0.0.5", port: 2222 };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "fulcrum-kh-"));
  current = await generateKeyPair(path.join(dir, "current"));
  other = await generateKeyPair(path.join(dir, "other"));
  otherType = await generateKeyPair(path.join(dir, "ecdsa"), { type: "ecdsa" });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("judgeHostKey", () => {
  it("prints the fingerprint exactly as ssh-keygen -lf", async () => {
    expect(keyOf(current).fingerprint).toBe(await sshKeygenFingerprint(current.publicKeyPath));
    expect(keyOf(otherType).fingerprint).toBe(await sshKeygenFingerprint(otherType.publicKeyPath));
  });

  it("trusts a key listed for the host in a comma list, with [host]:port for other ports", () => {
    const text = `# comment\nweb2 ${typeAndKey(other)}\nweb1.example.net,[10.0.0.5]:2222 ${typeAndKey(current)} ops\n`;
    const entries = parseKnownHosts(text, "/h/.ssh/known_hosts");
    expect(judgeHostKey(entries, web, keyOf(current))).toEqual({
      status: "trusted",
      fingerprint: keyOf(current).fingerprint,
      location: { file: "/h/.ssh/known_hosts", line: 3 },
    });
    expect(judgeHostKey(entries, webAlt, keyOf(current)).status).toBe("trusted");
    // The same address on port 22 is a different known_hosts name.
    expect(judgeHostKey(entries, { name: "10.0.0.5", port: 22 }, keyOf(current)).status).toBe("unknown");
  });

  it("honours wildcards and negation in host patterns", () => {
    const entries = parseKnownHosts(`*.example.net,!web9.example.net ${typeAndKey(current)}\n`, "f");
    expect(judgeHostKey(entries, web, keyOf(current)).status).toBe("trusted");
    expect(judgeHostKey(entries, { name: "web9.example.net", port: 22 }, keyOf(current)).status).toBe(
      "unknown",
    );
  });

  it("reports a different key of the same type as changed, naming the file and line of the old key", () => {
    const entries = parseKnownHosts(`\n\nweb1.example.net ${typeAndKey(other)}\n`, "/h/.ssh/known_hosts");
    expect(judgeHostKey(entries, web, keyOf(current))).toEqual({
      status: "changed",
      fingerprint: keyOf(current).fingerprint,
      previous: { file: "/h/.ssh/known_hosts", line: 3, fingerprint: keyOf(other).fingerprint },
    });
  });

  it("leaves a host unknown when only keys of other types are known (as OpenSSH does)", () => {
    const entries = parseKnownHosts(`web1.example.net ${typeAndKey(otherType)}\n`, "f");
    expect(judgeHostKey(entries, web, keyOf(current))).toEqual({
      status: "unknown",
      fingerprint: keyOf(current).fingerprint,
    });
  });

  it("refuses a @revoked key even when it is also listed as valid; ignores @cert-authority lines", () => {
    const text = `web1.example.net ${typeAndKey(current)}\n@revoked * ${typeAndKey(current)}\n@cert-authority *.example.net ${typeAndKey(other)}\n`;
    const entries = parseKnownHosts(text, "f");
    expect(judgeHostKey(entries, web, keyOf(current))).toMatchObject({
      status: "revoked",
      location: { line: 2 },
    });
    // A CA key is for certificates, not a plain host key: listing `other` as CA does not trust it.
    expect(judgeHostKey(entries, web, keyOf(other)).status).toBe("changed");
    const caOnly = parseKnownHosts(`@cert-authority *.example.net ${typeAndKey(other)}\n`, "f");
    expect(judgeHostKey(caOnly, web, keyOf(other)).status).toBe("unknown");
  });

  it("matches entries hashed by ssh-keygen -H, for port 22 and for [host]:port", async () => {
    const file = path.join(dir, "known_hosts_hashed");
    await writeFile(file, `web1.example.net ${typeAndKey(current)}\n[10.0.0.5]:2222 ${typeAndKey(other)}\n`);
    await runCommand("ssh-keygen", ["-H", "-f", file]);
    const text = await readFile(file, "utf8");
    expect(text).not.toContain("example.net");
    const entries = parseKnownHosts(text, file);
    expectEvery(entries, (e) => e.hosts.startsWith("|1|"));
    expect(judgeHostKey(entries, web, keyOf(current)).status).toBe("trusted");
    expect(judgeHostKey(entries, webAlt, keyOf(other)).status).toBe("trusted");
    expect(judgeHostKey(entries, webAlt, keyOf(current)).status).toBe("changed");
    expect(judgeHostKey(entries, { name: "web2.example.net", port: 22 }, keyOf(current)).status).toBe(
      "unknown",
    );
  });
});

describe("host key policy with Fulcrum's trust store", () => {
  it("records a confirmed key in the JSON store and trusts it afterwards; a new key is then a change", async () => {
    const store = path.join(dir, "data", "known-hosts.json");
    const policy = createHostKeyPolicy(store);
    const files = [path.join(dir, "absent_known_hosts")];
    expect((await policy.verify(webAlt, keyOf(current), files)).status).toBe("unknown");
    await policy.trust(webAlt, keyOf(current));
    const saved = JSON.parse(await readFile(store, "utf8")) as {
      keys: Array<{ host: string; fingerprint: string }>;
    };
    expect(saved.keys).toEqual([
      expect.objectContaining({ host: "[10.0.0.5]:2222", fingerprint: keyOf(current).fingerprint }),
    ]);
    expect(await policy.verify(webAlt, keyOf(current), files)).toMatchObject({
      status: "trusted",
      location: { file: store },
    });
    const changed = await policy.verify(webAlt, keyOf(other), files);
    expect(changed).toMatchObject({
      status: "changed",
      previous: { file: store, fingerprint: keyOf(current).fingerprint },
    });
    if (changed.status !== "changed") throw new Error("unreachable");
    expect((await readFile(store, "utf8")).split("\n")[changed.previous.line - 1]).toContain(
      keyOf(current).blob.toString("base64"),
    );
  });
});
