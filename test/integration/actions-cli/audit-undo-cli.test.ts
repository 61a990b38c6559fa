// What the action commands remember and how they are undone, through the real `fulcrum` CLI and
// a real sshd whose ipvsadm is the simulator: undrain from the audit log, `fulcrum audit`, `fulcrum
// undo`, and the interactive confirmations on a terminal.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../core/audit/audit-entry.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { backendRow, startActionTestHost, type ActionTestHost } from "./action-test-host.ts";
import { buildDirectorTable, RS1, RS2, RS5, SOLO, WEB } from "./director-table.ts";

const skip = missingPrerequisites(
  isRoot,
  executable("/usr/sbin/sshd", "openssh-server"),
  executable("/usr/bin/script", "bsdutils"),
);

let host: ActionTestHost;
let dataDir: string;

const listing = (): string => host.ipvsadm(["-Ln"]);
const saved = (): string => host.ipvsadm(["-Sn"]);
const fulcrum = (...args: string[]) => host.fulcrum(args, dataDir);
const auditEntries = async (...filters: string[]): Promise<AuditEntry[]> => {
  const { code, stdout } = await fulcrum("audit", "--json", ...filters);
  expect(code).toBe(0);
  return JSON.parse(stdout) as AuditEntry[];
};
const entryIdIn = (stdout: string): string | undefined => /^audit entry: (\S+)$/m.exec(stdout)?.[1];

describe.skipIf(skip)("fulcrum audit, undrain and undo over SSH", () => {
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

  it("undrain restores the weight the drain recorded in the audit log", async () => {
    expect((await fulcrum("drain", "lb1", WEB, RS1, "--yes")).code).toBe(0);
    expect(backendRow(listing(), WEB, RS1)?.weight).toBe(0);
    const undrained = await fulcrum("undrain", "lb1", WEB, RS1, "--yes");
    expect(undrained.code).toBe(0);
    expect(undrained.stdout).toContain(`ipvsadm -e -t ${WEB} -r ${RS1} -m -w 3`);
    expect(backendRow(listing(), WEB, RS1)).toEqual({ forward: "Masq", weight: 3 });
  });

  it("undrain with nothing remembered refuses (exit 1) unless given --weight", async () => {
    host.ipvsadm(["-e", "-t", WEB, "-r", RS1, "-m", "-w", "0"]);
    const refused = await fulcrum("undrain", "lb1", WEB, RS1, "--yes");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("nothing-remembered");
    expect(backendRow(listing(), WEB, RS1)?.weight).toBe(0);
    const given = await fulcrum("undrain", "lb1", WEB, RS1, "--yes", "--weight", "5");
    expect(given.code).toBe(0);
    expect(backendRow(listing(), WEB, RS1)).toEqual({ forward: "Masq", weight: 5 });
  });

  it("audit --json lists every entry with before, after, commands and result; --host and --since filter", async () => {
    const drained = await fulcrum("drain", "lb1", WEB, RS1, "--yes");
    const weighted = await fulcrum("weight", "lb1", WEB, RS2, "6", "--yes");
    const entries = await auditEntries();
    expect(entries.map((entry) => entry.id)).toEqual([entryIdIn(drained.stdout), entryIdIn(weighted.stdout)]);
    expect(entries[0]).toMatchObject({
      hostId: "lb1",
      intent: { kind: "drain", service: WEB, backend: RS1 },
      before: { exists: true, forward: "masq", weight: 3 },
      after: { exists: true, forward: "masq", weight: 0 },
      commands: [{ shell: `ipvsadm -e -t ${WEB} -r ${RS1} -m -w 0`, status: "applied", exitCode: 0 }],
      result: "verified",
      who: { sshUser: "root" },
    });
    expect(entries[1]).toMatchObject({ before: { weight: 1 }, after: { weight: 6 }, result: "verified" });
    expect(await auditEntries("--host", "lb2")).toEqual([]);
    expect(await auditEntries("--host", "lb1")).toHaveLength(2);
    expect(await auditEntries("--since", "2999-01-01T00:00:00Z")).toEqual([]);
    expect(await auditEntries("--since", "2000-01-01")).toHaveLength(2);
    const table = await fulcrum("audit");
    expect(table.stdout).toMatch(
      new RegExp(`${entryIdIn(drained.stdout)}  lb1   \\S+ \\(ssh root\\)  drain`),
    );
    expect(table.stdout).toContain("masq weight 3 -> masq weight 0");
  });

  it("undo of a drain restores the weight and records what it undid", async () => {
    const drained = await fulcrum("drain", "lb1", WEB, RS1, "--yes");
    const id = entryIdIn(drained.stdout) ?? "";
    expect(backendRow(listing(), WEB, RS1)?.weight).toBe(0);
    const preview = await fulcrum("undo", id, "--dry-run");
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain(`ipvsadm -e -t ${WEB} -r ${RS1} -m -w 3`);
    expect(backendRow(listing(), WEB, RS1)?.weight).toBe(0);
    const undone = await fulcrum("undo", id, "--yes");
    expect(undone.stderr).toBe("");
    expect(undone.code).toBe(0);
    expect(backendRow(listing(), WEB, RS1)).toEqual({ forward: "Masq", weight: 3 });
    const entries = await auditEntries();
    expect(entries.at(-1)).toMatchObject({ undoOf: id, intent: { kind: "undrain" }, after: { weight: 3 } });
  });

  it("undo refuses (exit 1) to overwrite a later change, naming its entry; undone newest first it works", async () => {
    const drained = entryIdIn((await fulcrum("drain", "lb1", WEB, RS1, "--yes")).stdout) ?? "";
    const weighted = entryIdIn((await fulcrum("weight", "lb1", WEB, RS1, "30", "--yes")).stdout) ?? "";
    expect(backendRow(listing(), WEB, RS1)?.weight).toBe(30);
    const stale = await fulcrum("undo", drained, "--yes");
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("changed-since-entry");
    expect(stale.stderr).toContain(`entry ${weighted}`);
    expect(stale.stderr).toContain("overwrite masq weight 30");
    expect(backendRow(listing(), WEB, RS1)).toEqual({ forward: "Masq", weight: 30 });
    // Any unique prefix of 4 or more characters names the entry, as git names commits.
    expect((await fulcrum("undo", weighted.slice(0, 8), "--yes")).code).toBe(0);
    expect(backendRow(listing(), WEB, RS1)?.weight).toBe(0);
    expect((await fulcrum("undo", drained, "--yes")).code).toBe(0);
    expect(backendRow(listing(), WEB, RS1)).toEqual({ forward: "Masq", weight: 3 });
  });

  it("undo of an unknown id is bad input (exit 2) and connects to nothing", async () => {
    const connectionsBefore = host.sshd.log().split("Connection from").length;
    const { code, stderr } = await fulcrum("undo", "no-such-entry", "--yes");
    expect(code).toBe(2);
    expect(stderr).toContain("no audit entry");
    expect(host.sshd.log().split("Connection from").length).toBe(connectionsBefore);
  });

  it("on a terminal it asks 'Apply? [y/N]': n changes nothing (exit 1), y applies", async () => {
    const before = saved();
    const declined = await host.fulcrumOnTerminal(
      ["weight", "lb1", WEB, RS2, "4"],
      dataDir,
      "Apply? [y/N]",
      "n",
    );
    expect(declined.stdout).toContain("Apply? [y/N]");
    expect(declined.code).toBe(1);
    expect(saved()).toBe(before);
    const accepted = await host.fulcrumOnTerminal(
      ["weight", "lb1", WEB, RS2, "4"],
      dataDir,
      "Apply? [y/N]",
      "y",
    );
    expect(accepted.stdout).toContain("result: verified");
    expect(accepted.code).toBe(0);
    expect(backendRow(listing(), WEB, RS2)).toEqual({ forward: "Masq", weight: 4 });
  });

  it("on a terminal a guard asks for the service key to be typed, and the right key applies", async () => {
    const prompt = "(anything else cancels):";
    const wrong = await host.fulcrumOnTerminal(["drain", "lb1", SOLO, RS5], dataDir, prompt, "yes");
    expect(wrong.stdout).toContain(`Type ${SOLO} to confirm`);
    expect(wrong.code).toBe(1);
    expect(backendRow(listing(), SOLO, RS5)?.weight).toBe(2);
    const typed = await host.fulcrumOnTerminal(["drain", "lb1", SOLO, RS5], dataDir, prompt, SOLO);
    expect(typed.code).toBe(0);
    expect(backendRow(listing(), SOLO, RS5)).toEqual({ forward: "Masq", weight: 0 });
    expect((await auditEntries()).at(-1)?.confirmedGuards).toEqual(["last-weighted-backend"]);
  });
});
