/**
 * A HostExecutor that plays an HAProxy host for unit tests: `cat` of the configs it was given,
 * and socat to its one admin socket answering `show servers state`, `show stat` and the two
 * `set server` commands the way HAProxy does (an empty line when accepted, text when not).
 * Every argv and stdin it receives is kept, so a test can check what was sent.
 */
import type { HostExecutor, HostExecutorResult } from "../../../../core/actions/host-executor.ts";

export interface FakeServer {
  backend: string;
  server: string;
  /** srv_admin_state bits: 0x01 FMAINT, 0x08 FDRAIN. */
  adminState: number;
  weight: number;
}

export interface FakeHaproxyHost {
  executor: HostExecutor;
  servers: FakeServer[];
  /** Runtime commands received on the socket, in order. */
  received: string[];
  /** Make the next socat run fail the way a broken socket does. */
  breakSocket(): void;
  /** Fail every socat run whose runtime command matches, the way a broken socket does. */
  breakOn: ((command: string) => boolean) | undefined;
  /** Runs before each runtime command is answered; a throw is the connection dropping. */
  beforeCommand: ((command: string) => void) | undefined;
  /** Runs after a `set server` was carried out; a throw is the connection dropping after the fact. */
  afterChange: ((command: string) => void) | undefined;
  /** Accept `set server` (an empty answer) without carrying it out: for "not verified". */
  ignoreChanges: boolean;
}

const HEADER =
  "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state";

const ok = (stdout: string): HostExecutorResult => ({ stdout, stderr: "", code: 0 });

export function fakeHaproxyHost(options: {
  socket: string;
  configs: Record<string, string>;
  servers: FakeServer[];
}): FakeHaproxyHost {
  const servers = options.servers.map((server) => ({ ...server }));
  const received: string[] = [];
  let broken = false;

  const serversState = () =>
    `1\n${HEADER}\n${servers
      .map(
        (s, index) =>
          `3 ${s.backend} ${index + 1} ${s.server} 127.0.0.1 2 ${s.adminState} ${s.weight} ${s.weight} 1 6 3 1 6 0`,
      )
      .join("\n")}\n`;
  const stat = () =>
    `# pxname,svname,scur,stot,bin,bout,status,type,\n${servers
      .map((s) => `${s.backend},${s.server},0,0,0,0,UP,2,`)
      .join("\n")}\n`;

  function answer(command: string): string {
    if (fake.ignoreChanges && command.startsWith("set server ")) return "\n";
    if (command === "show servers state") return serversState();
    if (command === "show stat") return stat();
    // "set server be_app/web1 state drain" / "set server be_app/web1 weight 5"
    const set = /^set server ([^/ ]+)\/(\S+) (state|weight) (\S+)$/.exec(command);
    const target = set && servers.find((s) => s.backend === set[1] && s.server === set[2]);
    if (!set || !target) return "Unknown command or server.\n";
    if (set[3] === "weight") target.weight = Number(set[4]);
    else target.adminState = { ready: 0, drain: 0x08, maint: 0x01 }[set[4] as "ready" | "drain" | "maint"];
    return "\n";
  }

  const executor: HostExecutor = {
    async run(argv, runOptions) {
      const [tool, ...rest] = argv;
      if (tool === "cat") {
        const text = options.configs[rest[0] ?? ""];
        return text === undefined
          ? { stdout: "", stderr: `cat: ${rest[0]}: No such file or directory`, code: 1 }
          : ok(text);
      }
      if (tool === "socat" && rest.at(-1) === `UNIX-CONNECT:${options.socket}`) {
        const command = (runOptions?.stdin ?? "").trim();
        if (broken || fake.breakOn?.(command)) {
          broken = false;
          return { stdout: "", stderr: "socat: Connection reset by peer", code: 1 };
        }
        fake.beforeCommand?.(command);
        received.push(command);
        const answered = answer(command);
        if (command.startsWith("set server ") && answered === "\n") fake.afterChange?.(command);
        return ok(answered);
      }
      return { stdout: "", stderr: `${tool ?? "?"}: not found`, code: 127 };
    },
  };
  const fake: FakeHaproxyHost = {
    executor,
    servers,
    received,
    breakSocket: () => (broken = true),
    breakOn: undefined,
    beforeCommand: undefined,
    afterChange: undefined,
    ignoreChanges: false,
  };
  return fake;
}
