/**
 * `fulcrum record` as an operator runs it on a jump host: a real sshd test host sampled for a few
 * seconds into the data folder's history, then `fulcrum history` says what is there; a second
 * recorder on the same data folder is refused while the first runs; a bad duration is bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyWriterHolder, openHistoryForReading } from "../../../core/history/history-store.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { fulcrumCli, type FulcrumCli } from "../harness/fulcrum-cli.ts";
import { hostBlock } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";

const skip = missingPrerequisites(isRoot, executable("/usr/sbin/sshd", "openssh-server"));

describe.skipIf(skip)("fulcrum record and fulcrum history", () => {
  let sshd: SshdServer;
  let home: TestHome;
  let cli: FulcrumCli;

  beforeAll(async () => {
    home = await createTestHome();
    sshd = await startSshd({ address: "127.0.0.47" });
    await sshd.authorize("root", home.clientKey.publicKey);
    await home.writeSshConfig(hostBlock("lb1", sshd));
    await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
    cli = fulcrumCli(home);
  }, 60_000);

  afterAll(async () => {
    await sshd?.dispose();
    await home?.dispose();
  });

  it("records a real host for the duration, refuses a second writer meanwhile, and history lists what it wrote", async () => {
    const recording = cli.fulcrum(["record", "lb1", "--for", "7s", "--interval", "1"], home.dataDir);
    // Once it holds the data folder's writer lock, a second recorder is refused.
    for (let i = 0; i < 100 && historyWriterHolder(home.dataDir) === undefined; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(historyWriterHolder(home.dataDir)).toMatch(/recording history/);
    const refused = await cli.fulcrum(["record", "lb1", "--for", "1s"], home.dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already being recorded by .*recording history/);

    const run = await recording;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/recording lb1 every 1 s/);
    expect(run.stderr).toMatch(/stopped; history flushed/);
    expect(run.stderr).not.toMatch(/reconnecting/);

    const shown = await cli.fulcrum(["history", "--json"], home.dataDir);
    expect(shown.code, shown.stderr).toBe(0);
    const summary = JSON.parse(shown.stdout) as {
      hosts: Array<{ hostId: string; from: number; to: number; series: number }>;
      writing: { state: string };
    };
    expect(summary.writing.state).toBe("not-writing");
    const lb1 = summary.hosts.find((host) => host.hostId === "lb1");
    expect(lb1?.series).toBeGreaterThan(0);
    // About 7 s at 1 s: several samples apart.
    expect((lb1?.to ?? 0) - (lb1?.from ?? 0)).toBeGreaterThanOrEqual(3000);

    // What it wrote reads back: the loopback NIC's byte counter over the recording.
    const history = openHistoryForReading(home.dataDir);
    try {
      const keys = await history.query.listSeries({ hostId: "lb1", kind: "nic" });
      const lo = keys.find(
        (key) => key.subject.kind === "nic" && key.subject.nic === "lo" && key.metric === "rxBytes",
      );
      expect(lo).toBeDefined();
      const answer = await history.query.series({
        key: lo!,
        range: { from: lb1!.from, to: lb1!.to },
        points: 100,
      });
      expect(answer.resolution).toBe("raw");
      expect(
        answer.points.length,
        `${JSON.stringify(answer.points.map((p) => p.at - lb1!.from))}\n${run.stderr}`,
      ).toBeGreaterThanOrEqual(4);
    } finally {
      history.close();
    }

    const text = await cli.fulcrum(["history"], home.dataDir);
    expect(text.stdout).toMatch(/^ {2}lb1 +\d{4}-\d\d-\d\dT\S+ \.\. \S+ +\d+ series$/m);
    const bad = await cli.fulcrum(["record", "lb1", "--for", "soon"], home.dataDir);
    expect(bad.code).toBe(2);
  }, 60_000);
});
