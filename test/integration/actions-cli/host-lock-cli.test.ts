// One action at a time per host across processes (issue 4): real `fulcrum` CLI processes against a
// real sshd. The first is caught inside its `ipvsadm -e` by a wrapper on the host's PATH (it waits
// for the test's word), that is, while it holds lb1's lock, and is then stopped (SIGSTOP), so it
// holds the lock for exactly as long as the test says: no timing guesses. lb2 is a second alias of
// the same sshd: another host id, so another lock.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { processExists } from "../../../core/actions/host-lock-record.ts";
import { hostBlock } from "../harness/ssh-fixture.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { backendRow, startActionTestHost, type ActionTestHost, type CliResult } from "./action-test-host.ts";
import { buildDirectorTable, QUIET, RS1, RS2, RS7, WEB } from "./director-table.ts";

const skip = missingPrerequisites(isRoot, executable("/usr/sbin/sshd", "openssh-server"));

const REPO = path.resolve(import.meta.dirname, "../../..");
const SIM_IPVSADM = path.join(REPO, "test/sim-bin/ipvsadm");

let host: ActionTestHost;
let holdDir: string;
let dataDir: string;
/** The run caught holding lb1's lock, if a test started one. */
let holding: Promise<CliResult> | undefined;
const startedFile = (): string => path.join(holdDir, "started");
const releaseFile = (): string => path.join(holdDir, "release");
const locksFolder = (): string => path.join(dataDir, "locks");
const listing = (): string => host.ipvsadm(["-Ln"]);
const fulcrum = (...args: string[]): Promise<CliResult> => host.fulcrum(args, dataDir);

/** Test constants only, quoted all the same: the wrapper is a shell script. */
const shellWord = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * ipvsadm on the host: an edit of RS1 announces itself, waits until the test writes the release
 * file, and then fails without editing (its run has been killed by then, and a late edit must not
 * land on a later test's table). Everything else is the simulator.
 */
function holdingWrapper(): string {
  return [
    "#!/bin/sh",
    `case " $* " in *" -e "*" -r ${RS1} "*)`,
    `    : > ${shellWord(startedFile())}`,
    `    while [ ! -e ${shellWord(releaseFile())} ]; do sleep 0.1; done`,
    "    exit 1 ;;",
    "esac",
    `exec ${shellWord(SIM_IPVSADM)} "$@"`,
    "",
  ].join("\n");
}

async function waitForFile(file: string, orUntil: Promise<unknown>): Promise<void> {
  let finished = false;
  void orUntil.then(() => (finished = true));
  const deadline = Date.now() + 30_000;
  while (!existsSync(file)) {
    if (finished) throw new Error(`the holding run finished before ${file} appeared`);
    if (Date.now() > deadline) throw new Error(`${file} did not appear in 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface LockRecord {
  pid: number;
  what: string;
  at: string;
}

function lockRecords(): LockRecord[] {
  if (!existsSync(locksFolder())) return [];
  return readdirSync(locksFolder())
    .filter((name) => name.endsWith(".lock"))
    .map((name) => JSON.parse(readFileSync(path.join(locksFolder(), name), "utf8")) as LockRecord);
}

describe.skipIf(skip)("the per-host action lock between fulcrum processes", () => {
  beforeAll(async () => {
    holdDir = await mkdtemp(path.join(tmpdir(), "fulcrum-lock-hold-"));
    // The session runs as root, but the folder must be reachable however sshd drops privileges.
    await chmod(holdDir, 0o755);
    const bin = path.join(holdDir, "bin");
    await mkdir(bin, { mode: 0o755 });
    await writeFile(path.join(bin, "ipvsadm"), holdingWrapper(), { mode: 0o755 });
    host = await startActionTestHost({ pathFirst: bin });
    await host.home.writeSshConfig(hostBlock("lb1", host.sshd) + hostBlock("lb2", host.sshd));
  });
  afterAll(async () => {
    if (holdDir) await writeFile(releaseFile(), "").catch(() => {});
    await host?.dispose();
    if (holdDir) await rm(holdDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "fulcrum-lock-data-"));
    await rm(startedFile(), { force: true });
    await rm(releaseFile(), { force: true });
    await buildDirectorTable(host);
  });
  afterEach(async () => {
    // A wrapper still waiting (a failed test) must not edit the next test's table, and its run
    // must end before the data folder goes, or its audit write would create the folder again.
    await writeFile(releaseFile(), "");
    await holding?.catch(() => undefined);
    holding = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it("while a drain holds lb1, a second action on lb1 is refused (exit 1, naming it) and one on lb2 is not; once the holder is killed, the next run takes the stale lock over", async () => {
    holding = fulcrum("drain", "lb1", WEB, RS1, "--yes");
    await waitForFile(startedFile(), holding);
    const [record] = lockRecords();
    if (!record) throw new Error("no lock file while the drain is held inside its ipvsadm -e");
    expect(record).toMatchObject({ what: `drain ${RS1} in ${WEB}` });
    // Stopped, the holder stays alive and holding for as long as the test needs: its own 10 s
    // command timeout cannot end the hold early, so nothing below races a clock.
    process.kill(record.pid, "SIGSTOP");
    try {
      const [sameHost, otherHost] = await Promise.all([
        fulcrum("weight", "lb1", WEB, RS2, "5", "--yes"),
        fulcrum("drain", "lb2", QUIET, RS7, "--yes"),
      ]);
      expect(sameHost.code).toBe(1);
      expect(sameHost.stdout).toContain(
        `result: refused: another action is in progress on lb1 (drain ${RS1} in ${WEB} by pid ${record.pid} (root) since ${record.at}); nothing was run`,
      );
      expect(sameHost.stdout).toMatch(
        /^ {2}not run +ipvsadm -e -t 192\.0\.2\.10:80 -r 198\.51\.100\.2:80 -m -w 5$/m,
      );
      expect(backendRow(listing(), WEB, RS2)).toEqual({ forward: "Masq", weight: 1 });

      expect(otherHost.stderr).toBe("");
      expect(otherHost.code).toBe(0);
      expect(backendRow(listing(), QUIET, RS7)).toEqual({ forward: "Masq", weight: 0 });
      expect(lockRecords()).toEqual([record]); // lb2's lock came and went; lb1's is untouched
    } finally {
      process.kill(record.pid, "SIGKILL"); // by PID; a stopped process dies all the same
    }
    const killed = await holding;
    expect(killed.code).toBeNull(); // killed, so no exit hook ran: its lock file stays behind
    expect(processExists(record.pid)).toBe(false);
    await writeFile(releaseFile(), ""); // the killed run's edit never lands

    const next = await fulcrum("weight", "lb1", WEB, RS2, "5", "--yes");
    expect(next.stderr).toBe(
      `fulcrum: took over the lock on lb1 left by drain ${RS1} in ${WEB} by pid ${record.pid} (root) since ${record.at}: that process is gone\n`,
    );
    expect(next.code).toBe(0);
    expect(backendRow(listing(), WEB, RS2)).toEqual({ forward: "Masq", weight: 5 });
    expect(backendRow(listing(), WEB, RS1)).toEqual({ forward: "Masq", weight: 3 });
    expect(lockRecords()).toEqual([]);
  });

  it("a run that finishes releases its lock: the next run on the host starts clean", async () => {
    const drained = await fulcrum("drain", "lb1", QUIET, RS7, "--yes");
    expect(drained.code).toBe(0);
    expect(existsSync(locksFolder())).toBe(true);
    expect(lockRecords()).toEqual([]);
    const undrained = await fulcrum("undrain", "lb1", QUIET, RS7, "--yes");
    expect(undrained.stderr).toBe(""); // no stale lock to take over
    expect(undrained.code).toBe(0);
    expect(backendRow(listing(), QUIET, RS7)).toEqual({ forward: "Masq", weight: 1 });
  });
});
