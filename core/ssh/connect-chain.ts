/**
 * Opens one ssh2 connection to a target, through its ProxyJump hops: each hop after the first is
 * reached by a direct-tcpip channel (forwardOut) on the previous hop's connection, as `ssh -J`
 * does. Every hop's host key is judged by the policy; anything but "trusted" refuses the hop.
 */
import ssh2, { type Client, type ConnectConfig } from "ssh2";
import type { Duplex } from "node:stream";
import { createAuthHandler, type AuthOptions } from "./auth-methods.ts";
import { hostKeyFromBlob, type HostKey, type HostKeyTarget } from "./host-key.ts";
import type { HostKeyPolicy } from "./host-key-policy.ts";
import type { HostKeyVerdict } from "./known-hosts.ts";
import { makeProblem, problemFromSsh2Error, SessionProblemError } from "./problem.ts";
import { connectionChain, type ResolvedHost } from "./ssh-config.ts";

export interface OpenConnection {
  /** The connection to the target (the last hop). */
  client: Client;
  /** Every connection, first hop first; closing the first tears the rest down. */
  clients: Client[];
}

/** A host key that was presented but not (yet) trusted: what trustHostKey confirms. */
export interface PresentedHostKey {
  target: HostKeyTarget;
  key: HostKey;
}

export interface ChainOptions extends AuthOptions {
  hostKeys: HostKeyPolicy;
  /** Seconds between keepalives when the config sets no ServerAliveInterval. */
  defaultKeepaliveSeconds: number;
  /** Called for each host key that was not trusted, before the attempt fails. */
  onUntrustedKey?(presented: PresentedHostKey, verdict: HostKeyVerdict): void;
}

/** Algorithms ssh2 supports for host keys, in its default order. */
const hostKeyAlgorithms = [
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "rsa-sha2-512",
  "rsa-sha2-256",
  "ssh-rsa",
];

function algorithmsFor(keyType: string): string[] {
  return keyType === "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] : [keyType];
}

/** As OpenSSH does, ask first for key types already known, so a known host is not "unknown". */
function preferKnown(knownTypes: string[]): string[] {
  const first = knownTypes.flatMap(algorithmsFor).filter((a) => hostKeyAlgorithms.includes(a));
  return [...new Set([...first, ...hostKeyAlgorithms])];
}

export function hostKeyTarget(hop: ResolvedHost): HostKeyTarget {
  return { name: hop.hostKeyAlias ?? hop.hostName, port: hop.port };
}

function verdictProblem(where: string, verdict: HostKeyVerdict) {
  switch (verdict.status) {
    case "unknown":
      return makeProblem(
        "unknown-hostkey",
        `${where}: host key ${verdict.fingerprint} is not known; confirm it to connect`,
        verdict.fingerprint,
      );
    case "changed":
      return makeProblem(
        "hostkey-changed",
        `${where}: HOST KEY CHANGED to ${verdict.fingerprint}; the known key ${verdict.previous.fingerprint} is in ${verdict.previous.file} line ${verdict.previous.line}. Refusing to connect.`,
        verdict.fingerprint,
      );
    case "revoked":
      return makeProblem(
        "hostkey-changed",
        `${where}: host key ${verdict.fingerprint} is marked @revoked in ${verdict.location.file} line ${verdict.location.line}`,
        verdict.fingerprint,
      );
    case "trusted":
      return undefined;
  }
}

function forward(via: Client, hop: ResolvedHost, where: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    via.forwardOut("127.0.0.1", 0, hop.hostName, hop.port, (error, channel) => {
      if (error) reject(new SessionProblemError(problemFromSsh2Error(error, where)));
      else resolve(channel);
    });
  });
}

/** What OpenSSH's sshd allows for a login by default (LoginGraceTime 120 s): a prompt's upper bound. */
const LOGIN_GRACE_MS = 120_000;

function connectHop(hop: ResolvedHost, sock: Duplex | undefined, options: ChainOptions): Promise<Client> {
  const where = `${hop.user}@${hop.hostName}:${hop.port}`;
  const target = hostKeyTarget(hop);
  return options.hostKeys.knownTypes(target, hop.userKnownHostsFiles).then(
    (knownTypes) =>
      new Promise<Client>((resolve, reject) => {
        const client = new ssh2.Client();
        let refusal: SessionProblemError | undefined;
        // ssh2's readyTimeout spans the whole login, prompts included. OpenSSH's ConnectTimeout
        // covers only reaching the server, and a person typing a passphrase needs longer: with
        // prompts, the connect timeout is enforced up to the handshake and the login may then
        // take the server's own grace time.
        const connectTimeoutMs = (hop.connectTimeout ?? 20) * 1000;
        const humanPrompts = options.prompts !== undefined;
        const config: ConnectConfig = {
          host: hop.hostName,
          port: hop.port,
          username: hop.user,
          readyTimeout: connectTimeoutMs + (humanPrompts ? LOGIN_GRACE_MS : 0),
          keepaliveInterval: (hop.serverAliveInterval ?? options.defaultKeepaliveSeconds) * 1000,
          keepaliveCountMax: hop.serverAliveCountMax,
          algorithms: {
            serverHostKey: preferKnown(knownTypes) as NonNullable<
              ConnectConfig["algorithms"]
            >["serverHostKey"],
          },
          authHandler: createAuthHandler(hop, options),
          hostVerifier: (blob: Buffer, accept: (ok: boolean) => void) => {
            const key = hostKeyFromBlob(blob);
            options.hostKeys.verify(target, key, hop.userKnownHostsFiles).then(
              (verdict) => {
                const problem = verdictProblem(where, verdict);
                if (problem) {
                  refusal = new SessionProblemError(problem);
                  options.onUntrustedKey?.({ target, key }, verdict);
                }
                accept(problem === undefined);
              },
              (error: unknown) => {
                refusal = new SessionProblemError(
                  makeProblem("internal-error", `${where}: cannot read known hosts: ${String(error)}`),
                );
                accept(false);
              },
            );
          },
        };
        if (sock) config.sock = sock as ConnectConfig["sock"];
        let settled = false;
        let handshakeTimer: ReturnType<typeof setTimeout> | undefined;
        const fail = (error: unknown) => {
          // ssh(1) carries on when the agent is unreachable; ssh2 reports it and carries on too.
          if (settled || (error as { level?: string }).level === "agent") return;
          settled = true;
          clearTimeout(handshakeTimer);
          client.removeAllListeners("ready");
          client.end();
          reject(refusal ?? new SessionProblemError(problemFromSsh2Error(error, where)));
        };
        const closedEarly = () =>
          fail(Object.assign(new Error("connection closed during handshake"), { level: "client-socket" }));
        client.on("error", fail);
        client.once("close", closedEarly);
        if (humanPrompts) {
          handshakeTimer = setTimeout(
            () =>
              fail(
                Object.assign(new Error("Timed out while waiting for handshake"), {
                  level: "client-timeout",
                }),
              ),
            connectTimeoutMs,
          );
          client.once("handshake", () => clearTimeout(handshakeTimer));
        }
        client.once("ready", () => {
          settled = true;
          clearTimeout(handshakeTimer);
          client.removeListener("error", fail);
          client.removeListener("close", closedEarly);
          resolve(client);
        });
        client.connect(config);
      }),
  );
}

/** Connects hop by hop; on failure closes what was opened and rejects with the hop's problem. */
export async function openConnection(target: ResolvedHost, options: ChainOptions): Promise<OpenConnection> {
  const clients: Client[] = [];
  try {
    for (const hop of connectionChain(target)) {
      if (hop.proxyCommand !== undefined && hop.proxyJump === undefined) {
        throw new SessionProblemError(
          makeProblem("internal-error", `${hop.alias}: ProxyCommand is not supported; use ProxyJump`),
        );
      }
      const previous = clients.at(-1);
      const sock = previous
        ? await forward(previous, hop, `${hop.user}@${hop.hostName}:${hop.port} (via jump host)`)
        : undefined;
      clients.push(await connectHop(hop, sock, options));
    }
  } catch (error) {
    for (const client of clients.reverse()) client.end();
    throw error;
  }
  const client = clients.at(-1);
  if (!client) throw new SessionProblemError(makeProblem("internal-error", "empty connection chain"));
  return { client, clients };
}
