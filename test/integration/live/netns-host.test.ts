// A test host in its own network namespace, reached over a veth pair: Fulcrum samples it over SSH
// while bounded real traffic (20 pings of 8,000 bytes, into the namespace the test made) crosses
// the veth, and /proc/net/dev as Fulcrum reads it moves by at least that much. The SSH traffic of
// a sample is about 15 KB, far below the 160 KB sent, so the pings are what the counters show. The node also runs a
// real keepalived, whose VRRP state arrives through the sampler's redacted data dump.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSshSamplerStream } from "../../../core/live/ssh-stream.ts";
import { FrameReader } from "../../../core/sampler/frame-reader.ts";
import { frameToSample } from "../../../core/sampler/frame-to-sample.ts";
import type { HostSample } from "../../../core/sampler/host-sample.ts";
import type { HostSession } from "../../../core/ssh/session.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { startKeepalivedPair, type KeepalivedPair } from "../failover/keepalived-pair.ts";
import { writePairSshConfig } from "../failover-cli/pair-ssh-config.ts";
import { openTestSession } from "../harness/ssh-fixture.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";

const skip = missingPrerequisites(
  isRoot,
  executable("/usr/sbin/sshd", "openssh-server"),
  executable("/usr/sbin/keepalived", "keepalived"),
  executable("/usr/bin/ping", "iputils-ping"),
);

const PINGS = 20;
/** ICMP data bytes per echo; each crosses the veth in fragments, headers on top. */
const PAYLOAD_BYTES = 8000;

let pair: KeepalivedPair;
let home: TestHome;
let session: HostSession;

async function sampleOnce(): Promise<HostSample> {
  const stream = await openSshSamplerStream(session, {
    intervalSeconds: 1,
    maxFrames: 1,
    keepalivedPidFiles: [pair.n1.pidFile],
  })();
  const reader = new FrameReader();
  let sample: HostSample | undefined;
  stream.onData((chunk) => {
    for (const event of reader.push(chunk)) if (event.type === "frame") sample = frameToSample(event.frame);
  });
  await stream.exited;
  if (!sample) throw new Error("no frame from the namespace host");
  return sample;
}

describe.skipIf(skip)("a host in its own network namespace", () => {
  beforeAll(async () => {
    pair = await startKeepalivedPair();
    home = await createTestHome();
    await writePairSshConfig(home, pair);
    session = await openTestSession(home, "n1");
    await session.connect();
  }, 120_000);

  afterAll(async () => {
    session?.close();
    await home?.dispose();
    await pair?.dispose();
  });

  it("sees the veth's byte counters move by the traffic sent, and the node's VRRP state", async () => {
    const before = await sampleOnce();
    // Which interface carries the management address, as the host itself reports it.
    const mgmt = before.addresses?.find((address) => address.address === pair.n1.managementAddress)?.ifname;
    expect(mgmt).toBeDefined();
    const rxBefore = before.nics?.find((nic) => nic.name === mgmt)?.rxBytes ?? 0n;
    const txBefore = before.nics?.find((nic) => nic.name === mgmt)?.txBytes ?? 0n;

    execFileSync("ping", ["-c", String(PINGS), "-i", "0.05", "-s", String(PAYLOAD_BYTES), "-W", "1", pair.n1.managementAddress], {
      stdio: "ignore",
      timeout: 20_000,
    });

    const after = await sampleOnce();
    const nic = after.nics?.find((candidate) => candidate.name === mgmt);
    expect(nic).toBeDefined();
    expect((nic?.rxBytes ?? 0n) - rxBefore).toBeGreaterThanOrEqual(BigInt(PINGS * PAYLOAD_BYTES));
    expect((nic?.txBytes ?? 0n) - txBefore).toBeGreaterThanOrEqual(BigInt(PINGS * PAYLOAD_BYTES));
    expect(after.problems.filter((problem) => problem.section === "netdev" || problem.section === "ip-addr")).toEqual([]);

    // keepalived's DATA dump, read through the sampler (root, the daemon's own TMPDIR), redacted.
    expect(after.keepalived?.running).toBe(true);
    const instance = after.keepalived?.data?.instances.find((candidate) => candidate.name === "VI_1");
    expect(["MASTER", "BACKUP"]).toContain(instance?.state);
  }, 120_000);
});
