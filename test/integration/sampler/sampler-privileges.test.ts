/**
 * The loop as a login that is not root: without sudo it says what is missing and the sudoers line
 * that would fix it; with exactly that line it runs as root under one `sudo -n /bin/sh -c`.
 * Needs root here (to create the users); they and their sudoers files are removed afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSystemUser, type SystemUser } from "../harness/system-users.ts";
import { frameToSample } from "../../../core/sampler/frame-to-sample.ts";
import { buildSamplerScript } from "../../../core/sampler/remote-script.ts";
import { buildSamplerInvocation, sudoersLineFor } from "../../../core/sampler/sampler-command.ts";
import { readKeepalivedPassword, startFakeHost, type FakeHost } from "./fake-host.ts";
import { runSampler } from "./run-sampler.ts";
import { readStream } from "./read-stream.ts";

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

describe("the sampling loop without root", () => {
  let host: FakeHost | undefined;
  let plainUser: SystemUser | undefined;
  let sudoUser: SystemUser | undefined;
  let script: string;

  beforeAll(async () => {
    host = await startFakeHost({ ipvsadm: "root-only" });
    plainUser = await createSystemUser();
    sudoUser = await createSystemUser({ sudoCommands: ["/bin/sh"] });
    script = buildSamplerScript({
      intervalSeconds: 1,
      sections: ["ipvsadm", "netdev", "keepalived"],
      keepalivedPidFiles: [host.keepalivedPidFile],
      maxFrames: 2,
    });
  });
  afterAll(async () => {
    await sudoUser?.dispose();
    await plainUser?.dispose();
    await host?.dispose();
  });

  it("without sudo: says what it cannot do, offers the sudoers line, and keeps sampling the rest", async () => {
    const user = plainUser?.name ?? "";
    const invocation = buildSamplerInvocation(script, { useSudo: false });
    const run = await runSampler(asUser(user, invocation.command), { PATH: host?.path ?? "" }, 30_000, invocation.stdin);
    expect(run.timedOut).toBe(false);
    const { caps, frames } = readStream(run.stdout);
    const values = caps[0]?.values;
    expect(values?.get("root")).toBe("0");
    expect(values?.get("user")).toBe(user);
    expect(values?.get("sudo")).toBe("no");
    expect(values?.get("ipvsadm-permitted")).toBe("0");
    expect(values?.get("ipvsadm-error")).toBe("Can't initialize ipvs: Permission denied (you must be root?)");
    expect(values?.get("sudoers-hint")).toBe(sudoersLineFor(user));
    expect(frames.map((frame) => frame.seq)).toEqual([1, 2]);
    const sample = frameToSample(frames[0] as (typeof frames)[number]);
    expect(sample.problems).toEqual([
      expect.objectContaining({ section: "ipvsadm", kind: "command-failed", rc: 2 }),
      expect.objectContaining({ section: "keepalived-data", kind: "command-failed", rc: 77 }),
    ]);
    expect(sample.keepalived?.running).toBe(true);
    expect(sample.nics?.length).toBeGreaterThan(0);
  });

  it("with the offered sudoers line: one sudo -n runs the whole loop as root", async () => {
    const user = sudoUser?.name ?? "";
    const invocation = buildSamplerInvocation(script, { useSudo: true });
    const run = await runSampler(asUser(user, invocation.command), { PATH: host?.path ?? "" }, 30_000, invocation.stdin);
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(0);
    const { caps, frames } = readStream(run.stdout);
    expect(caps[0]?.values.get("root")).toBe("1");
    expect(caps[0]?.values.get("uid")).toBe("0");
    expect(frames.map((frame) => frame.seq)).toEqual([1, 2]);
    expect(frames[0]?.sections.get("keepalived-data")?.rc).toBe(0);
    expect(run.stdout.toString("utf8")).not.toContain(await readKeepalivedPassword());
  });
});
