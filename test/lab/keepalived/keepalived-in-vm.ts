/**
 * A real keepalived (Debian's 2.2.7, in the lab image but never started by its init) running in the
 * lab VM's director namespace, checker only (-C), with the test's own keepalived.conf at the default
 * path (/etc/keepalived/keepalived.conf) and pid files at the CLI's defaults (/run/keepalived.pid,
 * /run/keepalived_checkers.pid), so `fulcrum persist-weight` and Fulcrum's keepalived-managed check
 * find it as they would on a director. Logs (-l -D) go to /tmp/keepalived.log in the guest.
 *
 * Stopped by its PID: SIGTERM (keepalived then removes the virtual servers it added, leaving the
 * lab's own table as it was), SIGKILL of both PIDs as a fallback.
 */
import type { HostExecutor } from "../../../core/actions/host-executor.ts";
import type { LabVm } from "../lab-vm.ts";

export const KEEPALIVED_CONF = "/etc/keepalived/keepalived.conf";
export const KEEPALIVED_PID_FILE = "/run/keepalived.pid";
const CHECKERS_PID_FILE = "/run/keepalived_checkers.pid";
const LOG = "/tmp/keepalived.log";

export interface KeepalivedInVm {
  /** The parent process (its pid file's content): the one SIGHUP reloads. */
  pid: number;
  /** The health-checker child, which programs IPVS. */
  checkerPid: number;
  log(): Promise<string>;
  /** SIGHUP to the parent, as `fulcrum persist-weight` and `systemctl reload` do. */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function must(vm: LabVm, command: string): Promise<string> {
  const result = await vm.ssh(command, 20);
  if (result.code !== 0) throw new Error(`${command}: exit ${result.code}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** Waits until `ready` says yes about the guest (polled over SSH), or throws with the log. */
export async function waitInVm(
  vm: LabVm,
  what: string,
  ready: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<number> {
  const started = Date.now();
  while (!(await ready())) {
    if (Date.now() - started > timeoutMs) {
      const log = await vm.ssh(`tail -n 30 ${LOG}`);
      throw new Error(`${what}: not within ${timeoutMs} ms; keepalived log:\n${log.stdout}`);
    }
    await sleep(100);
  }
  return Date.now() - started;
}

export async function startKeepalivedInVm(
  vm: LabVm,
  executor: HostExecutor,
  config: string,
): Promise<KeepalivedInVm> {
  // Backups of earlier persist-weight runs would match nothing here (no include), but tidy up.
  await must(vm, `rm -f ${KEEPALIVED_PID_FILE} ${CHECKERS_PID_FILE} ${KEEPALIVED_CONF}.fulcrum-*`);
  const written = await executor.run(["dd", `of=${KEEPALIVED_CONF}`, "status=none"], { stdin: config });
  if (written.code !== 0) throw new Error(`cannot write ${KEEPALIVED_CONF}: ${written.stderr}`);
  // -n: no fork, so $! is keepalived itself; setsid and the redirections detach it from the SSH
  // session, which ends at once. One SSH round trip for the check and the start.
  const started = await must(
    vm,
    `keepalived --config-test -f ${KEEPALIVED_CONF} || exit 1; ` +
      `setsid keepalived -n -l -D -C -f ${KEEPALIVED_CONF} -p ${KEEPALIVED_PID_FILE} -c ${CHECKERS_PID_FILE} </dev/null >${LOG} 2>&1 & echo $!`,
  );
  const pid = Number(started.trim());
  if (!Number.isInteger(pid) || pid < 2) throw new Error(`keepalived gave no pid: ${started}`);
  let checkerPid = 0;
  const stop = async () => {
    // Only the PIDs this helper started, and only while they are still keepalived: SIGKILL if
    // SIGTERM did not end them within 5 s.
    const pids = [pid, checkerPid].filter((candidate) => candidate > 1).join(" ");
    await vm.ssh(
      `kill -TERM ${pid} 2>/dev/null; for i in $(seq 1 50); do kill -0 ${pid} 2>/dev/null || break; sleep 0.1; done; ` +
        `for p in ${pids}; do grep -q keepalived /proc/$p/cmdline 2>/dev/null && kill -KILL $p; done; true`,
      20,
    );
  };
  try {
    await waitInVm(vm, "keepalived checker started", async () => {
      const read = await vm.ssh(`cat ${CHECKERS_PID_FILE}`);
      checkerPid = Number(read.stdout.trim()) || 0;
      return read.code === 0 && checkerPid > 1;
    });
    const parentPid = Number((await must(vm, `cat ${KEEPALIVED_PID_FILE}`)).trim());
    if (parentPid !== pid) throw new Error(`${KEEPALIVED_PID_FILE} says ${parentPid}, started ${pid}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    pid,
    checkerPid,
    log: async () => (await vm.ssh(`cat ${LOG}`)).stdout,
    reload: async () => void (await must(vm, `kill -HUP ${pid}`)),
    stop,
  };
}
