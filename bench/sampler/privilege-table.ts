/**
 * Table 3: what least privilege costs the host per sample, against the root-shell grant (today's
 * way for a login that is not root) and a root login, on one real sshd with real users and real sudoers lines (the ones Fulcrum offers,
 * core/sampler/sudoers-advice.ts), streaming at 1 s:
 *   root login                 the loop as root, no sudo;
 *   root shell (/bin/sh line)  the loop as root under one `sudo -n /bin/sh -s` per session;
 *   reads granted              the loop as the login, the two ipvsadm listings under `sudo -n`
 *                              every sample (the one-line grant: sudo logs each);
 *   reads granted, quiet       the same through the alias with logging and PAM session off.
 * Host CPU: the sshd listener's process tree, sudo included (process-tree-cpu.ts). Sudo log lines:
 * counted in a sudo log file given to each bench user (Defaults logfile), per sample.
 * No target: these are the figures README "Privileges" quotes.
 */
import { readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { formatIpvsadm } from "../../core/sim/format-ipvsadm.ts";
import { buildSamplerScript } from "../../core/sampler/remote-script.ts";
import { buildSamplerInvocation } from "../../core/sampler/sampler-command.ts";
import { quietReadsSudoers, readsSudoersLine, rootShellSudoersLine } from "../../core/sampler/sudoers-advice.ts";
import type { HostSession } from "../../core/ssh/session.ts";
import { createSystemUser, type SystemUser } from "../../test/integration/harness/system-users.ts";
import { printTable } from "../measure.ts";
import { startBenchHost, type BenchHost } from "./bench-host.ts";
import { measured, SECTIONS, type ModeCost } from "./cost-table.ts";
import { BACKENDS, createBenchDirector } from "./director-sim.ts";
import { formatMs } from "./sample-stats.ts";
import { ROOT_ONLY_STAND_IN_IPVSADM } from "./stand-in-ipvsadm.ts";
import { runStreaming, type StreamRun } from "./streaming-mode.ts";

const ROUNDS = 3;
const SETTLE_MS = 1000;

type Mode = "root login" | "root shell (/bin/sh line)" | "reads granted" | "reads granted, quiet";

interface Login {
  mode: Mode;
  alias: string;
  useSudo: boolean;
  /** The sudoers lines of this mode's user (none: root logs in). */
  sudoers?: (name: string) => string[];
}

export async function benchPrivilegeCost(samples = 30): Promise<void> {
  const director = createBenchDirector();
  if (!director.ipvs) throw new Error("bench director has no IPVS table");
  const logOf = (user: string) => path.join(tmpdir(), `fulcrum-bench-sudo-${user}.log`);
  const users: SystemUser[] = [];
  let host: BenchHost | undefined;
  const sessions: HostSession[] = [];
  try {
    host = await startBenchHost({
      address: "127.0.0.73",
      aliases: ["director"],
      tools: { ipvsadm: ROOT_ONLY_STAND_IN_IPVSADM },
      files: {
        "ipvsadm-list.txt": formatIpvsadm(director.ipvs, { form: "list", exact: true }),
        "ipvsadm-stats.txt": formatIpvsadm(director.ipvs, { form: "stats", exact: true }),
      },
    });
    const { binDir } = host;
    const ipvsadm = path.join(binDir, "ipvsadm");
    const reads = [`${ipvsadm} -Ln --exact`, `${ipvsadm} -Ln --stats --exact`];
    const logging = (name: string) => `Defaults:${name} logfile=${logOf(name)}, loglinelen=0`;
    // Under sudo /bin/sh, sudo's secure_path would replace the session PATH and hide the stand-in.
    const shellPath = (name: string) =>
      `Defaults:${name} secure_path="${binDir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"`;
    const make = async (lines: (name: string) => string[]): Promise<SystemUser> => {
      const user = await createSystemUser({ sudoersLines: (name) => [...lines(name), logging(name)] });
      users.push(user);
      return user;
    };
    // A command-specific Defaults line (the quiet form's) applies to those commands whoever runs
    // them: only the measured mode's sudoers file is in place while it runs (installOnly).
    const logins: Login[] = [
      { mode: "root login", alias: "director", useSudo: false },
      { mode: "root shell (/bin/sh line)", alias: "shell", useSudo: true, sudoers: (name) => [rootShellSudoersLine(name), shellPath(name)] },
      { mode: "reads granted", alias: "reads", useSudo: false, sudoers: (name) => [readsSudoersLine(name, reads)] },
      { mode: "reads granted, quiet", alias: "quiet", useSudo: false, sudoers: (name) => quietReadsSudoers(name, reads) },
    ];

    // The machine is shared and its load drifts: the modes take turns, ROUNDS times each, and a
    // closed session's processes get time to exit and be reaped before the next measurement
    // (a reaped child's CPU lands in the listener's tree). The per-sample figure includes each
    // stream's start (capability probe; for the reads modes the grant checks), over its frames.
    const perRound = Math.max(1, Math.round(samples / ROUNDS));
    const script = buildSamplerScript({ intervalSeconds: 1, sections: SECTIONS, maxFrames: perRound });
    const rows: { login: Login; runsAs: string; cpuMs: number; frames: number; logLines: number; user?: SystemUser; session: HostSession }[] = [];
    for (const login of logins) {
      const user = login.sudoers ? await make(login.sudoers) : undefined;
      if (user) await host.addLogins({ [login.alias]: user.name });
      const session = await host.openSession(login.alias);
      sessions.push(session);
      await session.connect();
      rows.push({ login, runsAs: login.useSudo || !user ? "root" : user.name, cpuMs: 0, frames: 0, logLines: 0, session, ...(user ? { user } : {}) });
    }
    const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    // A short unmeasured run first, so the first mode does not pay for cold caches.
    const first = rows[0];
    if (first) await runStreaming(first.session, buildSamplerInvocation(script, { useSudo: false }), perRound);
    await settle();
    for (let round = 0; round < ROUNDS; round++) {
      for (const row of rows) {
        // Only this mode's sudoers lines are in place while it runs (see above).
        await installOnly(row.user, users);
        const invocation = buildSamplerInvocation(script, { useSudo: row.login.useSudo });
        const cost: ModeCost<StreamRun> = await measured(host, () => runStreaming(row.session, invocation, perRound));
        row.cpuMs += cost.cpuMsPerSample * cost.run.frames.length;
        row.frames += cost.run.frames.length;
        await settle();
      }
    }
    for (const row of rows) if (row.user) row.logLines = await countLogged(logOf(row.user.name));
    const perSample = (row: (typeof rows)[number]) => row.cpuMs / row.frames;
    const shell = rows.find((row) => row.login.mode === "root shell (/bin/sh line)");
    const baseline = shell ? perSample(shell) : Number.NaN;
    printTable(
      `Host cost of privilege per sample, ${BACKENDS}-backend director, sections ${SECTIONS.join(" ")}, 1 s grid, ${ROUNDS} x ${perRound} samples each, modes in turn`,
      ["mode", "runs as", "host CPU ms/sample", "vs root shell", "sudo execs/sample", "sudo log lines/sample"],
      rows.map((row) => [
        row.login.mode,
        row.runsAs,
        formatMs(perSample(row)),
        `${(perSample(row) / baseline).toFixed(2)}x`,
        row.login.mode.startsWith("reads") ? "2" : "0",
        row.login.sudoers ? (row.logLines / row.frames).toFixed(2) : "0",
      ]),
    );
    console.log(
      "\nvs root shell: against today's way for a login that is not root (one sudo -n /bin/sh -s per session)." +
        "\nsudo log lines: entries in each user's sudo log file over the run (the root shell's one line is per session;" +
        " PAM session lines go to syslog on top unless the quiet form turns pam_session off)." +
        "\nA root login's session measures dearer than any other login's here, with or without sudo: sshd's cost as root, not the loop's. No target.",
    );
  } finally {
    for (const session of sessions) session.close();
    await host?.dispose();
    // Every file back under its own name, so each user's disposal removes it.
    for (const user of users) await installOnly(user, [user]);
    for (const user of users.reverse()) await user.dispose();
    for (const user of users) await rm(logOf(user.name), { force: true });
  }
}

/**
 * Puts `current`'s sudoers file in place and takes the other modes' out of sudo's view (sudo skips
 * files in sudoers.d whose name contains a "."), so the quiet form's Defaults line cannot quiet them.
 */
async function installOnly(current: SystemUser | undefined, users: readonly (SystemUser | undefined)[]): Promise<void> {
  for (const user of users) {
    if (!user?.sudoersFile) continue;
    const [from, to] =
      user === current ? [`${user.sudoersFile}.off`, user.sudoersFile] : [user.sudoersFile, `${user.sudoersFile}.off`];
    await rename(from, to).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
}

async function countLogged(file: string): Promise<number> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.split("\n").filter((line) => line.includes("COMMAND=")).length;
}
