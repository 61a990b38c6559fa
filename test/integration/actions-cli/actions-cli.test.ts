// The action commands of the real `fulcrum` CLI against a real sshd whose ipvsadm is the
// simulator: what each command prints, what it changes on the host (read back through the shim,
// not through Fulcrum), and the exit codes of DESIGN.md §9.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { backendRow, startActionTestHost, type ActionTestHost } from "./action-test-host.ts";
import { buildDirectorTable, QUIET, RS1, RS2, RS5, RS7, RS8, SOLO, WEB } from "./director-table.ts";

const skip = missingPrerequisites(isRoot, executable("/usr/sbin/sshd", "openssh-server"));

let host: ActionTestHost;
let dataDir: string;

const listing = (): string => host.ipvsadm(["-Ln"]);
const saved = (): string => host.ipvsadm(["-Sn"]);
const fulcrum = (...args: string[]) => host.fulcrum(args, dataDir);

describe.skipIf(skip)("fulcrum weight/drain/undrain/remove/restore over SSH", () => {
  beforeAll(async () => {
    host = await startActionTestHost();
  });
  afterAll(async () => {
    await host?.dispose();
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "fulcrum-actions-data-"));
    await buildDirectorTable(host);
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("--dry-run prints the exact command and the predicted shares, and changes nothing", async () => {
    const before = saved();
    const { code, stdout, stderr } = await fulcrum("drain", "lb1", WEB, RS1, "--dry-run");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(`ipvsadm -e -t ${WEB} -r ${RS1} -m -w 0`);
    expect(stdout).toContain("before:   masq weight 3");
    expect(stdout).toContain("after:    masq weight 0");
    // wrr: with RS1 at 0, RS2 takes every new connection.
    expect(stdout).toMatch(new RegExp(`${RS2.replaceAll(".", "\\.")}\\s+1\\s+100\\.0 %`));
    expect(stdout).toContain("dry run: nothing was changed");
    expect(saved()).toBe(before);
    expect(await fulcrum("audit", "--json").then((run) => JSON.parse(run.stdout))).toEqual([]);
  });

  it("without --yes and without a terminal it refuses (exit 1), says to pass --yes, and changes nothing", async () => {
    const before = saved();
    const { code, stdout, stderr } = await fulcrum("drain", "lb1", WEB, RS1);
    expect(code).toBe(1);
    expect(stdout).toContain(`ipvsadm -e -t ${WEB} -r ${RS1} -m -w 0`);
    expect(stderr).toContain("pass --yes");
    expect(saved()).toBe(before);
  });

  it("drain --yes sets weight 0 and keeps Masq, and reports verified with the audit entry id", async () => {
    const { code, stdout, stderr } = await fulcrum("drain", "lb1", WEB, RS1, "--yes");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(backendRow(listing(), WEB, RS1)).toEqual({ forward: "Masq", weight: 0 });
    expect(backendRow(listing(), WEB, RS2)).toEqual({ forward: "Masq", weight: 1 });
    expect(stdout).toMatch(/^result: verified: /m);
    expect(stdout).toMatch(
      new RegExp(`^  applied +ipvsadm -e -t ${WEB} -r ${RS1} -m -w 0 \\(exit 0\\)$`, "m"),
    );
    const id = /^audit entry: (\S+)$/m.exec(stdout)?.[1];
    const entries = JSON.parse((await fulcrum("audit", "--json")).stdout) as { id: string }[];
    expect(entries.map((entry) => entry.id)).toEqual([id]);
  });

  it("weight N sets that weight and repeats the forwarding method (route stays route)", async () => {
    const masq = await fulcrum("weight", "lb1", WEB, RS2, "7", "--yes");
    expect(masq.code).toBe(0);
    expect(masq.stdout).toContain(`ipvsadm -e -t ${WEB} -r ${RS2} -m -w 7`);
    expect(backendRow(listing(), WEB, RS2)).toEqual({ forward: "Masq", weight: 7 });
    const route = await fulcrum("weight", "lb1", QUIET, RS8, "4", "--yes");
    expect(route.code).toBe(0);
    expect(backendRow(listing(), QUIET, RS8)).toEqual({ forward: "Route", weight: 4 });
  });

  it("remove then restore puts the backend back with its forwarding method and weight", async () => {
    const removed = await fulcrum("remove", "lb1", WEB, RS1, "--yes");
    expect(removed.code).toBe(0);
    expect(backendRow(listing(), WEB, RS1)).toBeUndefined();
    const restored = await fulcrum("restore", "lb1", WEB, RS1, "--yes");
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`ipvsadm -a -t ${WEB} -r ${RS1} -m -w 3`);
    expect(backendRow(listing(), WEB, RS1)).toEqual({ forward: "Masq", weight: 3 });
  });

  it("the last weighted backend: refused (exit 1) without --confirm or with the wrong text, applied with the service key", async () => {
    const before = saved();
    const refused = await fulcrum("drain", "lb1", SOLO, RS5, "--yes");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("last-weighted-backend");
    expect(refused.stderr).toContain(`pass --confirm ${SOLO}`);
    const wrong = await fulcrum("drain", "lb1", SOLO, RS5, "--yes", "--confirm", WEB);
    expect(wrong.code).toBe(1);
    expect(saved()).toBe(before);
    const confirmed = await fulcrum("drain", "lb1", SOLO, RS5, "--yes", "--confirm", SOLO);
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toContain("guards confirmed: last-weighted-backend");
    expect(backendRow(listing(), SOLO, RS5)).toEqual({ forward: "Masq", weight: 0 });
  });

  it("--production makes even a harmless change wait for the typed service key", async () => {
    const refused = await fulcrum("weight", "lb1", WEB, RS2, "2", "--yes", "--production");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("production");
    expect(backendRow(listing(), WEB, RS2)?.weight).toBe(1);
    const confirmed = await fulcrum(
      "weight",
      "lb1",
      WEB,
      RS2,
      "2",
      "--yes",
      "--production",
      "--confirm",
      WEB,
    );
    expect(confirmed.code).toBe(0);
    expect(backendRow(listing(), WEB, RS2)?.weight).toBe(2);
  });

  it.each([
    ["service", ["drain", "lb1", "192.0.2.10:80;id", RS1, "--yes"]],
    ["service", ["drain", "lb1", "$(id)", RS1, "--yes"]],
    ["backend", ["drain", "lb1", WEB, "198.51.100.1:80`id`", "--yes"]],
    ["backend", ["remove", "lb1", WEB, "$(id):80", "--yes"]],
    ["host", ["drain", "$(id)", WEB, RS1, "--yes"]],
    ["host", ["drain", "lb1;id", WEB, RS1, "--yes"]],
    ["weight", ["weight", "lb1", WEB, RS1, "3;id", "--yes"]],
  ])("an injection string as the %s exits 2 before any connection", async (_what, args) => {
    const connectionsBefore = host.sshd.log().split("Connection from").length;
    const before = saved();
    const { code, stdout, stderr } = await fulcrum(...args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^fulcrum: (a service must|a backend must|not a host alias|the weight must)/);
    expect(host.sshd.log().split("Connection from").length).toBe(connectionsBefore);
    expect(saved()).toBe(before);
  });

  it("a valid command does reach sshd (so the no-connection check above can fail)", async () => {
    const connectionsBefore = host.sshd.log().split("Connection from").length;
    expect((await fulcrum("drain", "lb1", WEB, RS1, "--dry-run")).code).toBe(0);
    expect(host.sshd.log().split("Connection from").length).toBeGreaterThan(connectionsBefore);
  });

  it("drain --wait on a backend without connections says it is safe to stop", async () => {
    const { code, stdout } = await fulcrum("drain", "lb1", QUIET, RS7, "--yes", "--wait");
    expect(code).toBe(0);
    expect(stdout).toContain("safe to stop");
    expect(backendRow(listing(), QUIET, RS7)).toEqual({ forward: "Masq", weight: 0 });
  });

  // Issue 13: drain --wait gave up with exit 1 ("no decrease in the last 5 samples") on a backend
  // whose only entries left were TIME_WAIT ones, even with a long --timeout.
  it("drain --wait calls a backend safe to stop once its active connections ended, TIME_WAIT entries or not", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { code, stdout } = await fulcrum("drain", "lb1", WEB, RS1, "--yes", "--wait", "--timeout", "120");
    expect(code, stdout).toBe(0);
    const verdict =
      /^drain: 0 active, (\d+) inactive: safe to stop the backend; the \1 inactive entries are closed connections \(TIME_WAIT, FIN_WAIT\) that IPVS drops by itself within about 120 s/m.exec(
        stdout,
      );
    expect(verdict, stdout).not.toBeNull();
    expect(Number(verdict?.[1])).toBeGreaterThan(0);
    expect(stdout).not.toContain("no decrease");
    expect(backendRow(listing(), WEB, RS1)?.weight).toBe(0);
  });

  it("drain --wait on a persistent service stops at --timeout with exit 1 while templates may still send clients", async () => {
    // Persistence templates outlive the connections: with weight 0 they still send returning
    // clients to RS1 until they expire, so the drain is not safe to stop within one second.
    host.ipvsadm(["-E", "-t", WEB, "-s", "wrr", "-p", "300"], { FULCRUM_SIM_CPS: "20" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { code, stdout } = await fulcrum("drain", "lb1", WEB, RS1, "--yes", "--wait", "--timeout", "1");
    expect(stdout).toMatch(
      /^drain: \d+ active, \d+ inactive: (waiting for the active connections to end|.*persistence templates)/m,
    );
    expect(stdout).toContain("not safe to stop yet after 1 s");
    expect(code).toBe(1);
    expect(backendRow(listing(), WEB, RS1)?.weight).toBe(0);
  });
});
