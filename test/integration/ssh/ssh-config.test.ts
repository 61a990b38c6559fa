/**
 * resolveSshHost against the real `ssh -G -F file alias` (OpenSSH client installed here), for
 * configs exercising first-value-wins, wildcard/negated Host patterns, %h, several identity files,
 * IdentitiesOnly, ProxyJump and time values.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connectionChain, resolveSshHost, type ResolvedHost } from "../../../core/ssh/ssh-config.ts";

const home = mkdtempSync(path.join(os.tmpdir(), "fulcrum-sshg-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const localUser = "operator";

function sshG(configText: string, alias: string): Map<string, string[]> {
  const file = path.join(home, "config");
  writeFileSync(file, configText);
  const out = execFileSync("ssh", ["-G", "-F", file, "-o", `User=${localUser}`, alias], {
    env: { ...process.env, HOME: home },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  // -o User=... only stands in for the local user name when the config sets none; it is
  // "first obtained" though, so configs below set User only in ways we compare separately.
  const options = new Map<string, string[]>();
  for (const line of out.split("\n")) {
    const space = line.indexOf(" ");
    if (space < 0) continue;
    const key = line.slice(0, space);
    options.set(key, [...(options.get(key) ?? []), line.slice(space + 1)]);
  }
  return options;
}

/** ssh -G prints paths unexpanded; expand the tokens our configs use, to compare. */
function expandAsSsh(file: string, resolved: ResolvedHost): string {
  return file
    .replace(/^~(?=\/)/, home)
    .replace(/%d/g, home)
    .replace(/%r/g, resolved.user)
    .replace(/%h/g, resolved.hostName)
    .replace(/%p/g, String(resolved.port));
}

function expectSameAsSshG(configText: string, alias: string): ResolvedHost {
  const resolved = resolveSshHost(configText, alias, { home, localUser });
  const g = sshG(configText, alias);
  expect(resolved.hostName).toBe(g.get("hostname")?.[0]);
  expect(resolved.user).toBe(g.get("user")?.[0]);
  expect(resolved.port).toBe(Number(g.get("port")?.[0]));
  expect(resolved.identityFiles).toEqual((g.get("identityfile") ?? []).map((f) => expandAsSsh(f, resolved)));
  expect(resolved.identitiesOnly ? "yes" : "no").toBe(g.get("identitiesonly")?.[0]);
  expect(String(resolved.serverAliveInterval ?? 0)).toBe(g.get("serveraliveinterval")?.[0]);
  expect(String(resolved.serverAliveCountMax)).toBe(g.get("serveralivecountmax")?.[0]);
  expect(resolved.connectTimeout === undefined ? "none" : String(resolved.connectTimeout)).toBe(
    g.get("connecttimeout")?.[0],
  );
  expect(resolved.proxyJumpSpec).toBe(g.get("proxyjump")?.[0]);
  return resolved;
}

const fleet = `
Host web? !web9
  HostName %h.dc1.example.net
  IdentityFile ~/.ssh/web_key
  IdentityFile %d/.ssh/web_%r_%p
Host web*
  HostName should-not-win.example.net
  Port 2202
  ServerAliveInterval 1m30s
Host bastion
  HostName 10.0.0.1
  Port 2200
Host inner
  HostName 10.9.9.9
  ProxyJump bastion
Host db
  HostName DB.Internal
  ProxyJump admin@bastion:2201,inner
  IdentitiesOnly yes
  ConnectTimeout 4
Host Upper
  Port 1111
Host *
  Port 2222
  ServerAliveCountMax 5
`;

describe("resolveSshHost matches ssh -G", () => {
  it("applies the first value obtained, in file order", () => {
    const web1 = expectSameAsSshG(fleet, "web1");
    expect(web1.hostName).toBe("web1.dc1.example.net");
    expect(web1.port).toBe(2202);
    expect(web1.serverAliveInterval).toBe(90);
    expect(web1.identityFiles).toEqual([
      path.join(home, ".ssh/web_key"),
      path.join(home, `.ssh/web_${localUser}_2202`),
    ]);
  });

  it("treats ? as exactly one character and honours negation", () => {
    expect(expectSameAsSshG(fleet, "web").hostName).toBe("should-not-win.example.net");
    expect(expectSameAsSshG(fleet, "web12").hostName).toBe("should-not-win.example.net");
    expect(expectSameAsSshG(fleet, "web9").hostName).toBe("should-not-win.example.net");
  });

  it("falls back to OpenSSH's default identity files and options", () => {
    const other = expectSameAsSshG(fleet, "Other.Example");
    expect(other.hostName).toBe("other.example");
    expect(other.identityFilesDefaulted).toBe(true);
    expect(other.user).toBe(localUser);
  });

  it("matches Host patterns case-sensitively but lowercases the host name", () => {
    expect(expectSameAsSshG(fleet, "Upper").port).toBe(1111);
    expect(expectSameAsSshG(fleet, "upper").port).toBe(2222);
  });

  it("keeps IdentitiesOnly, ConnectTimeout and the ProxyJump chain", () => {
    const db = expectSameAsSshG(fleet, "db");
    expect(db.hostName).toBe("db.internal");
    // ProxyJump admin@bastion:2201,inner: the last hop is dialled through the earlier ones, and
    // inner's own ProxyJump is replaced by the explicit chain, as `ssh -J` does.
    const chain = connectionChain(db);
    expect(chain.map((h) => `${h.user}@${h.hostName}:${h.port}`)).toEqual([
      "admin@10.0.0.1:2201",
      `${localUser}@10.9.9.9:2222`,
      `${localUser}@db.internal:2222`,
    ]);
  });

  it("follows a single hop's own ProxyJump from the config", () => {
    const config = `${fleet}\nHost app\n  HostName 10.1.1.1\n  ProxyJump inner\n`;
    const app = expectSameAsSshG(config, "app");
    expect(connectionChain(app).map((h) => h.hostName)).toEqual(["10.0.0.1", "10.9.9.9", "10.1.1.1"]);
    // Each hop resolves through the config exactly as ssh would resolve that name.
    const inner = app.proxyJump;
    expect(inner && { hostName: inner.hostName, port: inner.port }).toEqual({
      hostName: sshG(config, "inner").get("hostname")?.[0],
      port: Number(sshG(config, "inner").get("port")?.[0]),
    });
  });

  it("refuses a ProxyJump loop instead of recursing forever", () => {
    expect(() =>
      resolveSshHost("Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n", "a", { home, localUser }),
    ).toThrow(/loop/);
  });
});
