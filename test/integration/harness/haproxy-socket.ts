/**
 * One command on a real HAProxy's admin socket, read directly on this machine (not through Fulcrum),
 * so a test can compare what Fulcrum says with what HAProxy itself says.
 */
import { execFileSync } from "node:child_process";

export function askHaproxySocket(socket: string, command: string): string {
  return execFileSync("socat", ["-t", "5", "stdio", `UNIX-CONNECT:${socket}`], {
    input: `${command}\n`,
    encoding: "utf8",
  });
}
