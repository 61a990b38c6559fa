/**
 * The simulated HAProxy's runtime API, answered as HAProxy 2.6's admin socket answers it (checked
 * against haproxy 2.6.12): `show stat`, `show servers state [<backend>]`, `set server <b>/<s>
 * state ready|drain|maint` and `set server <b>/<s> weight <w>`. A successful `set` answers an empty
 * line and a refusal is HAProxy's own sentence, so the production readers and apply's "an empty
 * answer means accepted" rule run unchanged on the demo.
 */
import { formatHaproxyServersState, formatHaproxyShowStat } from "./format-host.ts";
import type { SimHaproxy, SimHaproxyServer } from "./host-sim.ts";

// Every answer ends with the empty line that closes a response on the socket; a successful `set`
// answers that empty line alone.
const answer = (text: string): string => (text === "" ? "\n" : `${text}\n\n`);

const UNKNOWN_COMMAND = answer(
  "Unknown command, but maybe one of the following ones is a better match:\n" +
    "  set server <bk>/<srv> [opts]            : change a server's state, weight, address or ssl",
);

/** Runs one request line: commands separated by ';', as the non-interactive socket does. */
export function runHaproxyRuntime(proxy: SimHaproxy, line: string): string {
  return line
    .split(";")
    .map((command) => command.trim())
    .filter((command) => command !== "")
    .map((command) => runCommand(proxy, command.split(/\s+/)))
    .join("");
}

function runCommand(proxy: SimHaproxy, words: readonly string[]): string {
  const [verb, object, ...rest] = words;
  if (verb === "show" && object === "stat" && rest.length === 0) return formatHaproxyShowStat(proxy);
  if (verb === "show" && object === "servers" && rest[0] === "state") {
    const backend = rest[1];
    if (backend !== undefined && backend !== proxy.backend) return answer("Can't find backend.");
    return formatHaproxyServersState(proxy);
  }
  if (verb === "set" && object === "server") return setServer(proxy, rest);
  return UNKNOWN_COMMAND;
}

// "set server be_app/app1 state drain"   "set server be_app/app1 weight 50"
function setServer(proxy: SimHaproxy, args: readonly string[]): string {
  const [target = "", field, value] = args;
  const [backend, name] = target.split("/");
  if (name === undefined) return answer("Require 'backend/server'.");
  if (backend !== proxy.backend) return answer("No such backend.");
  const server = proxy.servers.find((candidate) => candidate.name === name);
  if (!server) return answer("No such server.");
  if (field === "state") return setState(server, value);
  if (field === "weight") return setWeight(server, value);
  return answer(
    "usage: set server <backend>/<server> addr | agent | agent-addr | agent-port | agent-send | check-addr | check-port | fqdn | health | ssl | state | weight",
  );
}

function setState(server: SimHaproxyServer, value: string | undefined): string {
  if (value !== "ready" && value !== "drain" && value !== "maint")
    return answer("'set server <srv> state' expects 'ready', 'drain' and 'maint'.");
  if (server.state !== value) server.lastChangeSeconds = 0;
  server.state = value;
  return answer("");
}

// HAProxy also takes "NN%" of the initial weight; the simulator keeps to absolute weights.
function setWeight(server: SimHaproxyServer, value: string | undefined): string {
  if (value === undefined) return answer("Require <weight> or <weight%>.");
  // HAProxy 2.6 prints this one without the closing empty line.
  if (!/^\d+$/.test(value)) return "Empty weight string empty or preceded by garbage\n";
  const weight = Number(value);
  if (weight > 256) return answer("Absolute weight can only be between 0 and 256 inclusive.");
  server.weight = weight;
  return answer("");
}
