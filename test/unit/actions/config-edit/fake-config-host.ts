/**
 * An in-memory host for apply tests: files, a running daemon and the handful of commands a config
 * edit runs (cat, test, cp -p, dd of=, mv -f, rm -f, nginx -t / -s reload, keepalived --config-test,
 * kill, ipvsadm -Ln --exact). Commands it does not know fail the test loudly instead of passing
 * silently.
 */
import type { HostExecutor, HostExecutorResult } from "../../../../core/actions/host-executor.ts";

export interface FakeConfigHost extends HostExecutor {
  files: Map<string, string>;
  log: string[][];
  daemonPid: number;
  daemonChildren: number[];
  /** Exit code and message the daemon's config check gives for a candidate's content. */
  validator: (content: string) => { code: number; stderr: string };
  reloadFails: boolean;
  /** nginx: a reload the master accepted starts new workers; false plays a master that rejected it. */
  reloadStartsWorkers: boolean;
  /** Runs before each command; a test changes the host behind the action's back here. */
  beforeCommand: (argv: readonly string[]) => void;
  /** What `ipvsadm -Ln --exact` prints; undefined plays a kernel without IPVS. */
  ipvsListing: string | undefined;
}

const ok = (stdout = ""): HostExecutorResult => ({ stdout, stderr: "", code: 0 });
const fail = (stderr: string, code = 1): HostExecutorResult => ({ stdout: "", stderr, code });

export function fakeConfigHost(files: Record<string, string>): FakeConfigHost {
  const host: FakeConfigHost = {
    files: new Map(Object.entries(files)),
    log: [],
    daemonPid: 4242,
    daemonChildren: [4243],
    validator: () => ({ code: 0, stderr: "" }),
    reloadFails: false,
    reloadStartsWorkers: true,
    beforeCommand: () => {},
    ipvsListing: undefined,
    async run(argv, options) {
      host.beforeCommand(argv);
      host.log.push([...argv]);
      const [command, ...args] = argv;
      const file = (path: string | undefined) => host.files.get(path ?? "");
      switch (command) {
        case "cat": {
          const children = /^\/proc\/(\d+)\/task\/\1\/children$/.exec(args[0] ?? "");
          if (children)
            return Number(children[1]) === host.daemonPid
              ? ok(`${host.daemonChildren.join(" ")} `)
              : fail("No such file");
          const content = file(args[0]);
          return content === undefined ? fail(`cat: ${args[0]}: No such file or directory`) : ok(content);
        }
        case "test":
          if (args[0] === "-L") return fail("", 1);
          if (args[0] === "!" && args[1] === "-e") return host.files.has(args[2] ?? "") ? fail("", 1) : ok();
          break;
        case "cp": {
          const content = file(args[1]);
          if (args[0] !== "-p" || content === undefined) return fail("cp: cannot stat");
          host.files.set(args[2] ?? "", content);
          return ok();
        }
        case "dd":
          host.files.set((args[0] ?? "").replace(/^of=/, ""), options?.stdin ?? "");
          return ok();
        case "mv": {
          const content = file(args[1]);
          if (content === undefined) return fail("mv: cannot stat");
          host.files.delete(args[1] ?? "");
          host.files.set(args[2] ?? "", content);
          return ok();
        }
        case "rm":
          host.files.delete(args[1] ?? "");
          return ok();
        case "nginx":
        case "keepalived": {
          if (args.includes("-s")) {
            if (host.reloadFails) return fail("nginx: [error] kill(4242, 1) failed (3: No such process)");
            if (host.reloadStartsWorkers) host.daemonChildren = host.daemonChildren.map((pid) => pid + 100);
            return ok();
          }
          const candidate = file(args.at(-1));
          if (candidate === undefined) return fail("no such file");
          const verdict = host.validator(candidate);
          return { stdout: "", stderr: verdict.stderr, code: verdict.code };
        }
        case "ipvsadm":
          if (args.join(" ") !== "-Ln --exact") break;
          return host.ipvsListing === undefined
            ? fail("Can't initialize ipvs: Protocol not available\n", 2)
            : ok(host.ipvsListing);
        case "kill":
          if (Number(args[1]) !== host.daemonPid) return fail("kill: No such process");
          if (args[0] === "-HUP" && host.reloadFails) return fail("kill: Operation not permitted");
          return ok();
      }
      throw new Error(`the fake host does not know ${argv.join(" ")}`);
    },
  };
  return host;
}
