/**
 * A HostExecutor for a simulated HAProxy host: what HAProxy actions run on a real one, answered by
 * the simulator. `socat ... UNIX-CONNECT:<admin socket>` takes the runtime command on stdin and
 * answers as the socket would; `cat <haproxy.cfg>` prints a configuration that declares that socket
 * and the simulated backend. Anything else is answered as a shell answers a missing command.
 */
import type { HostExecutor, HostExecutorResult } from "../actions/host-executor.ts";
import { socatToSocket } from "../commands/haproxy.ts";
import type { SimHaproxy } from "./host-sim.ts";
import { runHaproxyRuntime } from "./haproxy-runtime.ts";

export const SIM_HAPROXY_SOCKET = "/run/haproxy/admin.sock";
export const SIM_HAPROXY_CONFIG = "/etc/haproxy/haproxy.cfg";

/** The configuration the simulated host would run: no server-state-file, as on most hosts. */
export function simHaproxyConfig(proxy: SimHaproxy): string {
  return [
    "global",
    `    stats socket ${SIM_HAPROXY_SOCKET} mode 660 level admin expose-fd listeners`,
    "defaults",
    "    mode http",
    "    timeout connect 5s",
    "    timeout client 50s",
    "    timeout server 50s",
    `frontend ${proxy.frontend}`,
    `    bind ${proxy.frontendAddress}`,
    `    default_backend ${proxy.backend}`,
    `backend ${proxy.backend}`,
    "    balance roundrobin",
    ...proxy.servers.map(
      (server) =>
        `    server ${server.name} ${server.address} weight ${server.initialWeight ?? server.weight} check`,
    ),
    "",
  ].join("\n");
}

const missing = (program: string): HostExecutorResult => ({
  stdout: "",
  stderr: `sh: ${program}: not available on a simulated host\n`,
  code: 127,
});

export function createSimHaproxyExecutor(
  proxy: SimHaproxy,
  beforeEachCommand: () => void = () => {},
): HostExecutor {
  const socat = socatToSocket(SIM_HAPROXY_SOCKET);
  return {
    run: async (argv, options) => {
      beforeEachCommand();
      if (argv[0] === "cat" && argv.length === 2) {
        if (argv[1] === SIM_HAPROXY_CONFIG) return { stdout: simHaproxyConfig(proxy), stderr: "", code: 0 };
        return { stdout: "", stderr: `cat: ${argv[1]}: No such file or directory\n`, code: 1 };
      }
      if (argv[0] === "socat") {
        if (argv.length !== socat.length || argv.some((word, index) => word !== socat[index])) {
          const address = argv.at(-1) ?? "";
          return {
            stdout: "",
            stderr: `socat E connect(, AF=1 "${address.replace(/^UNIX-CONNECT:/, "")}"): No such file or directory\n`,
            code: 1,
          };
        }
        // The socket reads one request line; further lines of a non-interactive session are ignored.
        const line = (options?.stdin ?? "").split("\n")[0] ?? "";
        return { stdout: runHaproxyRuntime(proxy, line), stderr: "", code: 0 };
      }
      return missing(argv[0] ?? "");
    },
  };
}
