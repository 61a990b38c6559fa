/**
 * Resolves a Host alias from an OpenSSH client config the way `ssh -G -F file alias` does, for the
 * options Fulcrum uses. Parsing and "first obtained value wins" come from the `ssh-config`
 * package (parse + compute); see ssh_config(5).
 *
 * Why Host lines are matched here: ssh-config's own glob treats `?` as "zero or one character"
 * and splits patterns on commas, while OpenSSH's `?` is exactly one character and Host patterns
 * are whitespace-separated. We decide which Host sections apply with OpenSSH's rules and hand
 * compute() only those, so precedence, repeatable options and Match handling stay the package's.
 */
import os from "node:os";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse, type Line, type SSHConfig } from "ssh-config";
import { matchHostPatternList } from "./host-pattern.ts";
import { parseJumpList, type JumpHopSpec } from "./jump-spec.ts";
import { parseSshTime } from "./ssh-time.ts";

export interface ResolvedHost {
  /** The name asked for (an alias, or a ProxyJump hop's host). */
  alias: string;
  /** HostName with %h expanded, lowercased as ssh does. */
  hostName: string;
  user: string;
  port: number;
  /** Absolute paths, in the order ssh tries them. */
  identityFiles: string[];
  /** True when no IdentityFile was configured and these are OpenSSH's defaults. */
  identityFilesDefaulted: boolean;
  identitiesOnly: boolean;
  /** IdentityAgent: a socket path, "none", or undefined for SSH_AUTH_SOCK. */
  identityAgent?: string;
  userKnownHostsFiles: string[];
  hostKeyAlias?: string;
  /** Seconds; undefined when not configured (the session then uses its own default). */
  serverAliveInterval?: number;
  serverAliveCountMax: number;
  /** Seconds; undefined when not configured. */
  connectTimeout?: number;
  /** The raw ProxyJump value that applied, if any. */
  proxyJumpSpec?: string;
  /** The hop this host is reached through (which may itself be reached through another). */
  proxyJump?: ResolvedHost;
  /** Set when the config asks for a ProxyCommand, which Fulcrum does not run. */
  proxyCommand?: string;
}

export interface ResolveEnvironment {
  /** ~ and %d; defaults to os.homedir() (which honours HOME). */
  home: string;
  /** The default User and %u; defaults to the current login name. */
  localUser: string;
}

export class SshConfigError extends Error {
  override name = "SshConfigError";
}

/** OpenSSH 9.2's identity files when none is configured (ssh -G lists them in this order). */
const defaultIdentityFiles = [
  "~/.ssh/id_rsa",
  "~/.ssh/id_ecdsa",
  "~/.ssh/id_ecdsa_sk",
  "~/.ssh/id_ed25519",
  "~/.ssh/id_ed25519_sk",
  "~/.ssh/id_xmss",
  "~/.ssh/id_dsa",
];
const defaultKnownHostsFiles = ["~/.ssh/known_hosts", "~/.ssh/known_hosts2"];
const maxJumpDepth = 16;

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env["USER"] ?? "root";
  }
}

export function defaultResolveEnvironment(): ResolveEnvironment {
  return { home: os.homedir(), localUser: currentUser() };
}

/** The user's config: ~/.ssh/config, or "" when there is none (as ssh treats a missing file). */
export async function readSshConfig(file?: string, home = os.homedir()): Promise<string> {
  try {
    return await readFile(file ?? path.join(home, ".ssh", "config"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && file === undefined) return "";
    throw error;
  }
}

function hostPatterns(line: Line): string[] {
  if (!("value" in line)) return [];
  return Array.isArray(line.value) ? line.value.map((v) => v.val) : line.value.split(/\s+/).filter(Boolean);
}

function applicableSections(config: SSHConfig, alias: string): SSHConfig {
  const filtered = parse("");
  for (const line of config) {
    if (line.type === 1 && /^host$/i.test(line.param)) {
      if (matchHostPatternList(hostPatterns(line), alias)) filtered.push({ ...line, value: "*" } as Line);
    } else {
      filtered.push(line);
    }
  }
  return filtered;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.flatMap((v) => v.split(/\s+/)).filter(Boolean) : value.split(/\s+/);
}

/** ssh_config(5) TOKENS for paths: ~ at the start, %d %u %h %r %p %n %i %%. */
function expandPath(text: string, tokens: Record<string, string>, home: string): string {
  const expanded = text.replace(/%(.)/g, (whole, key: string) => {
    if (key === "%") return "%";
    const value = tokens[key];
    if (value === undefined) throw new SshConfigError(`unsupported token ${whole} in "${text}"`);
    return value;
  });
  if (expanded === "~") return home;
  if (expanded.startsWith("~/")) return path.join(home, expanded.slice(2));
  return expanded;
}

function parseNumber(value: string | undefined, option: string, parseTime = false): number | undefined {
  if (value === undefined || value.toLowerCase() === "none") return undefined;
  const parsed = parseTime ? parseSshTime(value) : /^\d+$/.test(value) ? Number(value) : undefined;
  if (parsed === undefined) throw new SshConfigError(`bad ${option} value "${value}"`);
  return parsed;
}

function yesNo(value: string | undefined): boolean {
  return value !== undefined && /^(yes|true)$/i.test(value);
}

interface CommandLine {
  user?: string;
  port?: number;
  /** A ProxyJump value given by the hop list (as `ssh -J` does), overriding the config's. */
  jump?: string;
}

function resolveWithin(
  config: SSHConfig,
  alias: string,
  env: ResolveEnvironment,
  commandLine: CommandLine,
  depth: number,
): ResolvedHost {
  if (depth > maxJumpDepth)
    throw new SshConfigError(`ProxyJump chain for "${alias}" is longer than ${maxJumpDepth} hops (a loop?)`);
  const computed = applicableSections(config, alias).compute(
    commandLine.user !== undefined ? { Host: alias, User: commandLine.user } : { Host: alias },
    { ignoreCase: true, matchExec: false },
  );
  const hostName = (single(computed["hostname"]) ?? alias)
    .replace(/%([%h])/g, (_, k: string) => (k === "h" ? alias : "%"))
    .toLowerCase();
  const user = commandLine.user ?? single(computed["user"]) ?? env.localUser;
  const port = commandLine.port ?? parseNumber(single(computed["port"]), "Port") ?? 22;
  const tokens: Record<string, string> = {
    d: env.home,
    u: env.localUser,
    h: hostName,
    r: user,
    p: String(port),
    n: alias,
    i: String(process.getuid?.() ?? 0),
  };
  const configuredIdentities = list(computed["identityfile"]);
  const identityFiles = (configuredIdentities.length > 0 ? configuredIdentities : defaultIdentityFiles).map(
    (f) => expandPath(f, tokens, env.home),
  );
  const knownHosts = list(computed["userknownhostsfile"]);
  const identityAgent = single(computed["identityagent"]);
  const hostKeyAlias = single(computed["hostkeyalias"]);
  const proxyCommand = single(computed["proxycommand"]);
  const proxyJumpSpec = commandLine.jump ?? single(computed["proxyjump"]);

  const resolved: ResolvedHost = {
    alias,
    hostName,
    user,
    port,
    identityFiles,
    identityFilesDefaulted: configuredIdentities.length === 0,
    identitiesOnly: yesNo(single(computed["identitiesonly"])),
    userKnownHostsFiles: (knownHosts.length > 0 ? knownHosts : defaultKnownHostsFiles).map((f) =>
      expandPath(f, tokens, env.home),
    ),
    serverAliveCountMax: parseNumber(single(computed["serveralivecountmax"]), "ServerAliveCountMax") ?? 3,
  };
  if (identityAgent !== undefined)
    resolved.identityAgent =
      identityAgent.toLowerCase() === "none" ? "none" : expandPath(identityAgent, tokens, env.home);
  if (hostKeyAlias !== undefined) resolved.hostKeyAlias = hostKeyAlias;
  const serverAliveInterval = parseNumber(
    single(computed["serveraliveinterval"]),
    "ServerAliveInterval",
    true,
  );
  if (serverAliveInterval !== undefined) resolved.serverAliveInterval = serverAliveInterval;
  const connectTimeout = parseNumber(single(computed["connecttimeout"]), "ConnectTimeout", true);
  if (connectTimeout !== undefined) resolved.connectTimeout = connectTimeout;
  if (proxyCommand !== undefined && proxyCommand.toLowerCase() !== "none")
    resolved.proxyCommand = proxyCommand;

  const hops = proxyJumpSpec === undefined ? [] : parseJumpList(proxyJumpSpec);
  const last: JumpHopSpec | undefined = hops.at(-1);
  if (proxyJumpSpec !== undefined && last !== undefined) {
    resolved.proxyJumpSpec = proxyJumpSpec;
    // As ssh does for `-J a,b`: connect to b with `-J a`, so only the first hop's own
    // ProxyJump from the config is followed; later hops get the earlier hops instead.
    const earlier = proxyJumpSpec
      .split(",")
      .slice(0, -1)
      .map((h) => h.trim());
    const hopCommandLine: CommandLine = {};
    if (last.user !== undefined) hopCommandLine.user = last.user;
    if (last.port !== undefined) hopCommandLine.port = last.port;
    if (earlier.length > 0) hopCommandLine.jump = earlier.join(",");
    resolved.proxyJump = resolveWithin(config, last.host, env, hopCommandLine, depth + 1);
  }
  return resolved;
}

/** Resolves `alias` against config text, as `ssh -G -F <file> alias` would. */
export function resolveSshHost(
  configText: string,
  alias: string,
  env: Partial<ResolveEnvironment> = {},
): ResolvedHost {
  const environment = { ...defaultResolveEnvironment(), ...env };
  return resolveWithin(parse(configText), alias, environment, {}, 0);
}

/** The hops from the first one dialled to the target itself. */
export function connectionChain(target: ResolvedHost): ResolvedHost[] {
  const chain: ResolvedHost[] = [];
  for (let hop: ResolvedHost | undefined = target; hop; hop = hop.proxyJump) chain.unshift(hop);
  return chain;
}
