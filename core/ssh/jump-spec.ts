/**
 * One ProxyJump hop as written in ssh_config(5) or `ssh -J`: `[user@]host[:port]`,
 * `[user@][v6addr]:port` or `ssh://[user@]host[:port]`.
 */
export interface JumpHopSpec {
  host: string;
  user?: string;
  port?: number;
}

export class JumpSpecError extends Error {
  override name = "JumpSpecError";
}

function parsePort(text: string, hop: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535)
    throw new JumpSpecError(`bad port in ProxyJump hop "${hop}"`);
  return port;
}

export function parseJumpHop(hop: string): JumpHopSpec {
  let rest = hop.startsWith("ssh://") ? hop.slice("ssh://".length).replace(/\/$/, "") : hop;
  let user: string | undefined;
  const at = rest.lastIndexOf("@");
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  let host = rest;
  let port: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(rest);
  if (bracketed) {
    host = bracketed[1] ?? "";
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2], hop);
  } else {
    const colon = rest.indexOf(":");
    // More than one colon without brackets is a bare IPv6 address, which takes no port.
    if (colon >= 0 && colon === rest.lastIndexOf(":")) {
      host = rest.slice(0, colon);
      port = parsePort(rest.slice(colon + 1), hop);
    }
  }
  if (host === "" || user === "") throw new JumpSpecError(`empty host or user in ProxyJump hop "${hop}"`);
  return { host, ...(user !== undefined ? { user } : {}), ...(port !== undefined ? { port } : {}) };
}

/** A ProxyJump value: comma-separated hops, first hop first; `none` means no jump. */
export function parseJumpList(value: string): JumpHopSpec[] {
  if (value.trim().toLowerCase() === "none") return [];
  return value.split(",").map((hop) => parseJumpHop(hop.trim()));
}
