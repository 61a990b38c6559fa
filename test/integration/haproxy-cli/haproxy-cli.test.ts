// The HAProxy action commands through the real `fulcrum` CLI, a real sshd and a real HAProxy:
// dry run, drain/maint/weight with their audit entries, undo, the last-server guard, names that
// could inject runtime commands, and the admin socket found in haproxy.cfg. What HAProxy holds is
// read on its socket directly, never through Fulcrum.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChangeEntry } from "../../../core/audit/change-entry.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { BACKEND, startHaproxyCliHost, type HaproxyCliHost } from "./haproxy-cli-host.ts";

const skip = missingPrerequisites(
  isRoot,
  executable("/usr/sbin/sshd", "openssh-server"),
  executable("/usr/sbin/haproxy", "haproxy"),
  executable("/usr/bin/socat", "socat"),
  executable("/usr/bin/script", "bsdutils"),
);

const FDRAIN = 0x08;
const FMAINT = 0x01;
const SERVICE = `haproxy:${BACKEND}`;

let host: HaproxyCliHost;
let dataDir: string;

const fulcrum = (...args: string[]) => host.fulcrum(args, dataDir);
const withSocket = (...args: string[]) => fulcrum(...args, "--haproxy-socket", host.haproxy.haproxySocket);
const entryIdIn = (stdout: string): string => {
  const id = /^audit entry: (\S+)$/m.exec(stdout)?.[1];
  if (id === undefined || id === "none") throw new Error(`no audit entry in:\n${stdout}`);
  return id;
};
const auditJson = async (): Promise<ChangeEntry[]> => {
  const { code, stdout, stderr } = await fulcrum("audit", "--json");
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as ChangeEntry[];
};

describe.skipIf(skip)("fulcrum HAProxy actions over SSH (real HAProxy)", () => {
  beforeAll(async () => {
    host = await startHaproxyCliHost();
  });
  afterAll(async () => {
    await host?.dispose();
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "fulcrum-haproxy-cli-data-"));
    for (const command of [
      `set server ${BACKEND}/web1 state ready`,
      `set server ${BACKEND}/web2 state ready`,
      `set server ${BACKEND}/web1 weight 10`,
      `set server ${BACKEND}/web2 weight 20`,
    ])
      expect(host.direct(command).trim()).toBe("");
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("--dry-run shows the runtime command and changes nothing, not even the audit log", async () => {
    const run = await withSocket("drain", "lb1", SERVICE, "web1", "--dry-run");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`command: set server ${BACKEND}/web1 state drain`);
    expect(run.stdout).toContain("before:  ready, weight 10");
    expect(run.stdout).toContain("after:   drain, weight 10");
    expect(run.stdout).toContain("dry run: nothing was changed");
    expect(host.server("web1")).toEqual({ adminState: 0, userWeight: 10 });
    expect(await auditJson()).toEqual([]);
  });

  it("drain --yes sets FDRAIN on the socket and the audit lists it with before and after; undo makes it ready", async () => {
    const drained = await withSocket("drain", "lb1", SERVICE, "web1", "--yes");
    expect(drained.code, drained.stderr).toBe(0);
    expect(drained.stdout).toContain("result: verified");
    // The fake host's config loads no server-state-file: the runtime-only warning is printed.
    expect(drained.stdout).toMatch(/warning: Runtime change only/);
    expect(host.server("web1").adminState & FDRAIN).toBe(FDRAIN);
    const id = entryIdIn(drained.stdout);

    const [entry, ...others] = await auditJson();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      type: "haproxy",
      id,
      hostId: "lb1",
      target: `${SERVICE}/web1`,
      summary: `drain ${BACKEND}/web1`,
      commands: [{ shell: `set server ${BACKEND}/web1 state drain`, status: "applied" }],
      before: { admin: "ready", weight: 10 },
      after: { admin: "drain", weight: 10 },
      result: "verified",
      verified: true,
      who: { sshUser: "root" },
      undo: { kind: "haproxy-state", backend: BACKEND, server: "web1", state: "ready" },
    });
    const table = await fulcrum("audit");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      new RegExp(
        `${id}\\s+lb1\\s+\\S+ \\(ssh root\\)\\s+haproxy drain\\s+${SERVICE}\\s+web1\\s+ready weight 10 -> drain weight 10\\s+verified`,
      ),
    );

    const undone = await withSocket("undo", id, "--yes");
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout).toContain(`set server ${BACKEND}/web1 state ready`);
    expect(undone.stdout).toContain(`undoes audit entry: ${id}`);
    expect(host.server("web1")).toEqual({ adminState: 0, userWeight: 10 });
    const entries = await auditJson();
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      undoOf: id,
      before: { admin: "drain", weight: 10 },
      after: { admin: "ready", weight: 10 },
      undo: { kind: "haproxy-state", state: "drain" },
    });
  });

  it("undo of a drain returns a server to maint when it was in maint before", async () => {
    expect((await withSocket("maint", "lb1", SERVICE, "web2", "--yes")).code).toBe(0);
    expect(host.server("web2").adminState & FMAINT).toBe(FMAINT);
    const drained = await withSocket("drain", "lb1", SERVICE, "web2", "--yes");
    expect(drained.code, drained.stderr).toBe(0);
    expect(host.server("web2").adminState & FDRAIN).toBe(FDRAIN);
    expect((await withSocket("undo", entryIdIn(drained.stdout), "--yes")).code).toBe(0);
    expect(host.server("web2").adminState & (FMAINT | FDRAIN)).toBe(FMAINT);
  });

  it("undo refuses (exit 1) when the server changed since its entry, naming the later entry", async () => {
    const drained = entryIdIn((await withSocket("drain", "lb1", SERVICE, "web2", "--yes")).stdout);
    const weighted = entryIdIn((await withSocket("weight", "lb1", SERVICE, "web2", "30", "--yes")).stdout);
    const stale = await withSocket("undo", drained, "--yes");
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("changed-since-entry");
    expect(stale.stderr).toContain(`the later change is entry ${weighted}`);
    expect(stale.stderr).toContain("Undoing would overwrite drain weight 30");
    expect(host.server("web2").adminState & FDRAIN).toBe(FDRAIN);
    expect(host.server("web2").userWeight).toBe(30);
  });

  it("weight sets the weight on the socket; undo restores the previous one", async () => {
    const weighted = await withSocket("weight", "lb1", SERVICE, "web2", "50", "--yes");
    expect(weighted.code, weighted.stderr).toBe(0);
    expect(host.server("web2").userWeight).toBe(50);
    const [entry] = await auditJson();
    expect(entry).toMatchObject({
      before: { admin: "ready", weight: 20 },
      after: { admin: "ready", weight: 50 },
      undo: { kind: "haproxy-weight", backend: BACKEND, server: "web2", weight: 20 },
    });
    const undone = await withSocket("undo", entryIdIn(weighted.stdout), "--yes");
    expect(undone.code, undone.stderr).toBe(0);
    expect(host.server("web2").userWeight).toBe(20);
  });

  it("refuses to take the last serving server out without --confirm haproxy:BACKEND (exit 1), applies with it", async () => {
    host.direct(`set server ${BACKEND}/web2 state maint`);
    const refused = await withSocket("drain", "lb1", SERVICE, "web1", "--yes");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`last server of ${BACKEND}`);
    expect(refused.stderr).toContain(`Type ${SERVICE} to confirm`);
    expect(host.server("web1")).toEqual({ adminState: 0, userWeight: 10 });
    expect(await auditJson()).toEqual([]);

    const wrong = await withSocket("drain", "lb1", SERVICE, "web1", "--yes", "--confirm", "haproxy:other");
    expect(wrong.code).toBe(1);
    expect(host.server("web1").adminState).toBe(0);

    const confirmed = await withSocket("drain", "lb1", SERVICE, "web1", "--yes", "--confirm", SERVICE);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(host.server("web1").adminState & FDRAIN).toBe(FDRAIN);
  });

  it("refuses names that could carry other runtime commands with exit 2, before connecting", async () => {
    // lbcount's port counts the connections it is offered: a valid command reaches it...
    expect(await host.fulcrumReachesCounter(["drain", "lbcount", SERVICE, "web1", "--yes"], dataDir)).toBe(
      true,
    );
    const reached = host.countedConnections();
    // ...and none of these may.
    for (const args of [
      ["drain", "lbcount", `${SERVICE};shutdown sessions server ${BACKEND}/web1`, "web1"],
      ["drain", "lbcount", SERVICE, "web1\nset server be_sampler/web2 state maint"],
      ["maint", "lbcount", SERVICE, "web1 state ready;disable frontend fe_sampler"],
      ["undrain", "lbcount", SERVICE, "$(reboot)"],
      ["weight", "lbcount", SERVICE, "web1", "257"],
      ["weight", "lbcount", SERVICE, "web1", "0x10"],
      ["weight", "lbcount", `haproxy:${BACKEND}/web2`, "web1", "5"],
      ["drain", "lbcount", SERVICE, "-web1"],
      ["drain", "lbcount", SERVICE, "web1", "--haproxy-socket", "/tmp/x.sock;reboot"],
      ["drain", "lbcount", SERVICE, "web1", "--haproxy-config", "relative/haproxy.cfg"],
      ["remove", "lbcount", SERVICE, "web1"],
    ]) {
      const run = await fulcrum(...args, "--yes");
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(2);
    }
    expect(host.countedConnections()).toBe(reached);
    // And against the real host: nothing changed.
    const run = await fulcrum(
      "drain",
      "lb1",
      `${SERVICE};set server ${BACKEND}/web1 state maint`,
      "web2",
      "--yes",
    );
    expect(run.code).toBe(2);
    expect(host.server("web1")).toEqual({ adminState: 0, userWeight: 10 });
    expect(host.server("web2")).toEqual({ adminState: 0, userWeight: 20 });
  });

  it("finds the admin socket in haproxy.cfg when --haproxy-socket is not given, and refuses clearly when there is none", async () => {
    const found = await fulcrum(
      "drain",
      "lb1",
      SERVICE,
      "web1",
      "--yes",
      "--haproxy-config",
      host.haproxy.haproxyConfig,
    );
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toContain(`HAProxy admin socket ${host.haproxy.haproxySocket}`);
    expect(host.server("web1").adminState & FDRAIN).toBe(FDRAIN);

    const noSocket = path.join(host.haproxy.dir, "no-socket.cfg");
    await writeFile(
      noSocket,
      "global\n    stats socket ipv4@127.0.0.1:9999 level admin\n    # stats socket /x.sock\n",
    );
    const refused = await fulcrum("drain", "lb1", SERVICE, "web2", "--yes", "--haproxy-config", noSocket);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${noSocket} has no UNIX \`stats socket\` line`);
    expect(host.server("web2").adminState).toBe(0);

    const missing = await fulcrum(
      "drain",
      "lb1",
      SERVICE,
      "web2",
      "--yes",
      "--haproxy-config",
      "/nonexistent/haproxy.cfg",
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cannot read /nonexistent/haproxy.cfg");
  });

  it("on a terminal: Apply? [y/N] answered n changes nothing, y applies; a guard asks for haproxy:BACKEND typed", async () => {
    const socket = ["--haproxy-socket", host.haproxy.haproxySocket];
    const declined = await host.fulcrumOnTerminal(
      ["maint", "lb1", SERVICE, "web2", ...socket],
      dataDir,
      "Apply? [y/N]",
      "n",
    );
    expect(declined.code).toBe(1);
    expect(host.server("web2").adminState).toBe(0);
    const accepted = await host.fulcrumOnTerminal(
      ["maint", "lb1", SERVICE, "web2", ...socket],
      dataDir,
      "Apply? [y/N]",
      "y",
    );
    expect(accepted.code, accepted.stdout).toBe(0);
    expect(host.server("web2").adminState & FMAINT).toBe(FMAINT);

    const prompt = `Type ${SERVICE} to confirm`;
    const typed = await host.fulcrumOnTerminal(
      ["drain", "lb1", SERVICE, "web1", ...socket],
      dataDir,
      prompt,
      SERVICE,
    );
    expect(typed.code, typed.stdout).toBe(0);
    expect(stripVTControlCharacters(typed.stdout)).toContain(`last server of ${BACKEND}`);
    expect(host.server("web1").adminState & FDRAIN).toBe(FDRAIN);
  });
});
