/**
 * HAProxy runtime API commands (management.txt §9.3) and the remote argv that sends them to the
 * admin socket. The API itself splits on ';' and newlines, so only validated names reach it.
 */
import { ValidationError, type HaproxyName, type HaproxyWeight } from "./validated.ts";

export type HaproxyServerState = "ready" | "drain" | "maint";

export function setServerState(backend: HaproxyName, server: HaproxyName, state: HaproxyServerState): string {
  return `set server ${backend}/${server} state ${state}`;
}

export function setServerWeight(backend: HaproxyName, server: HaproxyName, weight: HaproxyWeight): string {
  return `set server ${backend}/${server} weight ${weight}`;
}

/** A UNIX socket path as it appears in haproxy.cfg: absolute, no shell or HAProxy metacharacters. */
export function haproxySocketPath(path: string): string {
  if (!/^\/[A-Za-z0-9_.@+/-]{1,200}$/.test(path) || path.includes("/../")) {
    throw new ValidationError(`not an acceptable HAProxy socket path: ${JSON.stringify(path)}`);
  }
  return path;
}

/** socat reads the runtime command from stdin: the command text never becomes part of argv. */
export function socatToSocket(socketPath: string): string[] {
  return ["socat", "-t", "5", "stdio", `UNIX-CONNECT:${haproxySocketPath(socketPath)}`];
}
