/**
 * The loop as a login that is not root, with real users and real sudoers rules: without sudo it
 * says what it cannot read and offers the least-privilege grant of exactly those reads; granted
 * exactly that line, it stays unprivileged and runs only those reads under `sudo -n` (sudo logs a
 * line per read per sample, counted in sudo's own log file); granted the quiet form, sudo logs
 * none; granted the root shell, one `sudo -n /bin/sh -s` runs the whole loop as root. Needs root
 * here (to create the users); they and their sudoers files are removed afterwards.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSystemUser, type SystemUser } from "../harness/system-users.ts";
import { frameToSample } from "../../../core/sampler/frame-to-sample.ts";
import { buildSamplerScript } from "../../../core/sampler/remote-script.ts";
import { buildSamplerInvocation } from "../../../core/sampler/sampler-command.ts";
import {
  parseReadsHint,
  quietReadsSudoers,
  readsSudoersLine,
  rootShellSudoersLine,
} from "../../../core/sampler/sudoers-advice.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { readKeepalivedPassword, startFakeHost, type FakeHost } from "./fake-host.ts";
import { runSampler, type SamplerRun } from "./run-sampler.ts";
import { readStream } from "./read-stream.ts";

const skip = missingPrerequisites(
  isRoot,
  executable("/usr/bin/sudo", "sudo"),
  executable("/usr/bin/setpriv", "util-linux"),
  executable("/usr/bin/pkill", "procps"),
);

const asUser = (user: string, command: string): string[] => [
  "/usr/bin/setpriv",
  `--reuid=${user}`,
  `--regid=${user}`,
  "--init-groups",
  "--",
  "/bin/bash",
  "-c",
  command,
];

/** sudo's own log for this user, one line per entry, so a test can count what sudo logged. */
const logTo = (file: string) => (name: string) => `Defaults:${name} logfile=${file}, loglinelen=0`;

describe.skipIf(skip)("the sampling loop without root", () => {
  let host: FakeHost;
  const users: SystemUser[] = [];
  let script: string;
  let offered: string[] = [];

  const run = async (user: SystemUser, useSudo: boolean): Promise<SamplerRun> => {
    const invocation = buildSamplerInvocation(script, { useSudo });
    return runSampler(asUser(user.name, invocation.command), { PATH: host.path }, 30_000, invocation.stdin);
  };
  const user = async (lines?: (name: string) => string[]): Promise<SystemUser> => {
    const created = await createSystemUser(lines ? { sudoersLines: lines } : {});
    users.push(created);
    return created;
  };
  const sudoLog = async (file: string): Promise<string[]> =>
    (await readFile(file, "utf8").catch(() => "")).split("\n").filter((line) => line.includes("COMMAND="));

  beforeAll(async () => {
    host = await startFakeHost({ ipvsadm: "root-only" });
    script = buildSamplerScript({
      intervalSeconds: 1,
      sections: ["ipvsadm", "netdev", "keepalived"],
      keepalivedPidFiles: [host.keepalivedPidFile],
      // Where the fake keepalived writes its dump: a login that is not root cannot read that from
      // the daemon's environment.
      keepalivedTmpDir: path.join(host.dir, "keepalived-tmp"),
      maxFrames: 2,
    });
  });
  afterAll(async () => {
    for (const created of users.reverse()) await created.dispose();
    await host?.dispose();
  });

  it("without sudo: says what it cannot read, offers the grant of exactly those reads, samples the rest", async () => {
    const plain = await user();
    const result = await run(plain, false);
    expect(result.timedOut).toBe(false);
    const { caps, frames } = readStream(result.stdout);
    const values = caps[0]?.values;
    expect(values?.get("root")).toBe("0");
    expect(values?.get("user")).toBe(plain.name);
    expect(values?.get("sudo")).toBe("no");
    expect(values?.get("sudo-reads")).toBe("");
    expect(values?.get("ipvsadm-permitted")).toBe("0");
    expect(values?.get("ipvsadm-error")).toBe("Can't initialize ipvs: Permission denied (you must be root?)");
    const signal = values?.get("keepalived-signal");
    offered = [
      `${host.binDir}/ipvsadm -Ln --exact`,
      `/usr/bin/pkill -${signal} -x -F ${host.keepalivedPidFile} keepalived`,
      `/usr/bin/cat ${host.dir}/keepalived-tmp/keepalived.data`,
    ];
    expect(values?.get("sudoers-hint")).toBe(readsSudoersLine(plain.name, offered));
    expect(frames.map((frame) => frame.seq)).toEqual([1, 2]);
    const sample = frameToSample(frames[0] as (typeof frames)[number]);
    expect(sample.problems).toEqual([
      expect.objectContaining({ section: "ipvsadm", kind: "command-failed", rc: 2 }),
      expect.objectContaining({ section: "keepalived-data", kind: "command-failed", rc: 77 }),
    ]);
    expect(frames[0]?.sections.get("keepalived-data")?.text).toContain(
      `the keepalived DATA dump needs root, or sudo for exactly: ${offered[1]}, ${offered[2]}`,
    );
    expect(sample.keepalived?.running).toBe(true);
    expect(sample.nics?.length).toBeGreaterThan(0);
  });

  it("granted exactly the offered line: stays unprivileged, runs only those reads under sudo, each logged", async () => {
    expect(offered).toHaveLength(3);
    const log = path.join(host.dir, "sudo-reads.log");
    const reads = await user((name) => [readsSudoersLine(name, offered), logTo(log)(name)]);
    // The offered line is what the loop would print for this user too.
    expect(parseReadsHint(readsSudoersLine(reads.name, offered))?.commands).toEqual(offered);
    const result = await run(reads, false);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(0);
    const { caps, frames } = readStream(result.stdout);
    const values = caps[0]?.values;
    expect(values?.get("root")).toBe("0");
    expect(values?.get("uid")).not.toBe("0");
    expect(values?.get("sudo")).toBe("reads");
    expect(values?.get("sudo-reads")).toBe("ipvsadm keepalived-data");
    expect(values?.get("ipvsadm-permitted")).toBe("1");
    expect(values?.has("sudoers-hint")).toBe(false);
    expect(frames.map((frame) => frame.seq)).toEqual([1, 2]);
    for (const frame of frames) {
      const sample = frameToSample(frame);
      expect(sample.problems).toEqual([]);
      expect(sample.ipvs?.source).toBe("ipvsadm");
      expect(sample.ipvs?.services.length).toBeGreaterThan(0);
    }
    const first = frameToSample(frames[0] as (typeof frames)[number]);
    expect(first.keepalived?.data?.instances[0]).toMatchObject({ name: "VI_1", state: "MASTER" });
    expect(result.stdout.toString("utf8")).not.toContain(await readKeepalivedPassword());
    // One granted listing at the start, one per frame, and the keepalived dump's two commands once
    // (every 30 s): sudo logs each of them.
    const logged = await sudoLog(log);
    expect(logged.filter((line) => line.endsWith(`COMMAND=${offered[0]}`))).toHaveLength(3);
    expect(logged.filter((line) => line.endsWith(`COMMAND=${offered[1]}`))).toHaveLength(1);
    expect(logged.filter((line) => line.endsWith(`COMMAND=${offered[2]}`))).toHaveLength(1);
    expect(logged).toHaveLength(5);
  });

  it("granted the quiet form: the same reads, and sudo logs none of them", async () => {
    const log = path.join(host.dir, "sudo-quiet.log");
    const quiet = await user((name) => [...quietReadsSudoers(name, offered), logTo(log)(name)]);
    const result = await run(quiet, false);
    expect(result.exitCode).toBe(0);
    const { caps, frames } = readStream(result.stdout);
    expect(caps[0]?.values.get("sudo-reads")).toBe("ipvsadm keepalived-data");
    expect(frames.map((frame) => frameToSample(frame).problems)).toEqual([[], []]);
    expect(await sudoLog(log)).toEqual([]);
    await quiet.dispose();
  });

  it("granted the root shell: one sudo -n runs the whole loop as root, logged once", async () => {
    const log = path.join(host.dir, "sudo-shell.log");
    const shellUser = await user((name) => [rootShellSudoersLine(name), logTo(log)(name)]);
    const result = await run(shellUser, true);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(0);
    const { caps, frames } = readStream(result.stdout);
    expect(caps[0]?.values.get("root")).toBe("1");
    expect(caps[0]?.values.get("uid")).toBe("0");
    expect(frames.map((frame) => frame.seq)).toEqual([1, 2]);
    expect(frames[0]?.sections.get("keepalived-data")?.rc).toBe(0);
    expect(result.stdout.toString("utf8")).not.toContain(await readKeepalivedPassword());
    expect(await sudoLog(log)).toEqual([expect.stringMatching(/COMMAND=\/bin\/sh -s$/)]);
  });
});
