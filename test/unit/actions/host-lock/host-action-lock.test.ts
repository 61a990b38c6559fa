// The per-host action lock across processes (issue 4: one action at a time per host, a second
// request refused, not queued), with real files in a temporary folder and real child processes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tryAcquireHosts } from "../../../../core/actions/acquire-host-locks.ts";
import { HostActionLocks, type HostLockResult } from "../../../../core/actions/host-action-lock.ts";
import { hostLockFilePath } from "../../../../core/actions/host-lock-file.ts";
import { processExists } from "../../../../core/actions/host-lock-record.ts";
import { pidOfAnExitedProcess, startChildHolder, type ChildHolder } from "./child-holder.ts";

let parent: string;
let folder: string;
const children: ChildHolder[] = [];

beforeEach(() => {
  parent = mkdtempSync(path.join(tmpdir(), "fulcrum-locks-"));
  folder = path.join(parent, "locks");
});
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
  rmSync(parent, { recursive: true, force: true });
});

function held(result: HostLockResult): { release: () => void; tookOverFrom?: string } {
  if ("busyWith" in result) throw new Error(`expected the lock, got busy: ${result.busyWith}`);
  return result;
}

function busyWith(result: HostLockResult): string {
  if (!("busyWith" in result)) throw new Error("expected a refusal, got the lock");
  return result.busyWith;
}

const lockRecord = (hostId: string): Record<string, unknown> =>
  JSON.parse(readFileSync(hostLockFilePath(folder, hostId), "utf8")) as Record<string, unknown>;

async function childHolding(hostId: string, what: string): Promise<ChildHolder> {
  const child = await startChildHolder([folder, hostId, what]);
  children.push(child);
  expect(child.firstLine).toBe("held");
  return child;
}

describe("in memory (demo hosts, unit tests)", () => {
  it("refuses a second action on the host until the first is released; other hosts are free", () => {
    const locks = new HostActionLocks();
    const first = held(locks.tryAcquire("lb1", "drain A"));
    expect(busyWith(locks.tryAcquire("lb1", "weight B"))).toBe("drain A");
    expect(locks.isBusy("lb1")).toBe(true);
    held(locks.tryAcquire("lb2", "drain C"));
    first.release();
    expect(locks.isBusy("lb1")).toBe(false);
    held(locks.tryAcquire("lb1", "weight B"));
  });
});

describe("backed by lock files", () => {
  it("writes who holds it, refuses another holder naming pid, user and since when, and removes the file on release", () => {
    const first = new HostActionLocks({ folder });
    const lock = held(first.tryAcquire("lb1", "drain 10.0.0.2:80 in 10.0.0.1:80"));
    const record = lockRecord("lb1");
    expect(record).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      what: "drain 10.0.0.2:80 in 10.0.0.1:80",
    });
    expect(Number.isNaN(Date.parse(String(record["at"])))).toBe(false);
    expect(typeof record["osUser"]).toBe("string");

    // Another object on the same folder stands for another process: it sees only the file.
    const second = new HostActionLocks({ folder });
    const refusal = busyWith(second.tryAcquire("lb1", "weight 10.0.0.2:80"));
    expect(refusal).toBe(
      `drain 10.0.0.2:80 in 10.0.0.1:80 by pid ${process.pid} (${String(record["osUser"])}) since ${String(record["at"])}`,
    );
    expect(second.isBusy("lb1")).toBe(true);
    held(second.tryAcquire("lb2", "drain elsewhere")).release();

    lock.release();
    expect(existsSync(hostLockFilePath(folder, "lb1"))).toBe(false);
    expect(second.isBusy("lb1")).toBe(false);
    held(second.tryAcquire("lb1", "weight 10.0.0.2:80")).release();
  });

  it("a lock held by a child process refuses this process; once the child is killed, its stale lock is taken over and that is said", async () => {
    const child = await childHolding("lb1", "drain 198.51.100.1:80 in 192.0.2.10:80");
    const takeovers: string[] = [];
    const locks = new HostActionLocks({ folder, onTakeover: (message) => takeovers.push(message) });

    const refusal = busyWith(locks.tryAcquire("lb1", "undrain 198.51.100.1:80"));
    expect(refusal).toContain(`drain 198.51.100.1:80 in 192.0.2.10:80 by pid ${child.pid}`);
    expect(locks.isBusy("lb1")).toBe(true);

    await child.kill();
    expect(processExists(child.pid)).toBe(false);
    expect(existsSync(hostLockFilePath(folder, "lb1"))).toBe(true); // SIGKILL: nothing cleaned up
    expect(locks.isBusy("lb1")).toBe(false); // a dead holder does not make the host busy

    const lock = held(locks.tryAcquire("lb1", "undrain 198.51.100.1:80"));
    expect(lock.tookOverFrom).toContain(`by pid ${child.pid}`);
    expect(takeovers).toEqual([
      `took over the lock on lb1 left by ${lock.tookOverFrom ?? ""}: that process is gone`,
    ]);
    expect(lockRecord("lb1")).toMatchObject({ pid: process.pid, what: "undrain 198.51.100.1:80" });
    // The takeover guard is gone again.
    expect(readdirSync(folder)).toEqual([path.basename(hostLockFilePath(folder, "lb1"))]);
    lock.release();
  });

  it("a child that holds the lock refuses this one, and this one's lock refuses a child", async () => {
    const locks = new HostActionLocks({ folder });
    const mine = held(locks.tryAcquire("lb1", "weight 10.0.0.2:80"));
    const refused = await startChildHolder([folder, "lb1", "drain 10.0.0.2:80"]);
    children.push(refused);
    expect(refused.firstLine).toBe(
      `busy: weight 10.0.0.2:80 by pid ${process.pid} (${String(lockRecord("lb1")["osUser"])}) since ${String(lockRecord("lb1")["at"])}`,
    );
    mine.release();
  });

  it("a process that exits without releasing leaves no lock behind (exit hook)", async () => {
    const child = await startChildHolder([folder, "lb1", "drain 10.0.0.2:80", "exit"]);
    children.push(child);
    expect(child.firstLine).toBe("held");
    expect(await child.exited).toBe(0);
    expect(existsSync(hostLockFilePath(folder, "lb1"))).toBe(false);
  });

  it("release never removes another holder's file", () => {
    // A holder that looks dead to the others (its pid is gone) and is taken over, then releases late.
    const gone = new HostActionLocks({ folder, identity: { pid: pidOfAnExitedProcess() } });
    const late = held(gone.tryAcquire("lb1", "drain A"));
    const current = new HostActionLocks({ folder });
    const lock = held(current.tryAcquire("lb1", "drain B"));
    expect(lock.tookOverFrom).toContain("drain A");
    late.release();
    expect(lockRecord("lb1")).toMatchObject({ pid: process.pid, what: "drain B" });
    expect(busyWith(new HostActionLocks({ folder }).tryAcquire("lb1", "drain C"))).toContain("drain B");
    lock.release();
    expect(existsSync(hostLockFilePath(folder, "lb1"))).toBe(false);
  });

  it("two takers of one stale lock: when another takes it over first, this one is refused and its lock is untouched", () => {
    const stale = held(
      new HostActionLocks({ folder, identity: { pid: pidOfAnExitedProcess() } }).tryAcquire("lb1", "drain A"),
    );
    void stale;
    const other = new HostActionLocks({ folder });
    let otherLock: HostLockResult | undefined;
    // This taker's liveness check is the moment between reading the stale lock and clearing it:
    // the other taker completes a whole takeover right there.
    const slow = new HostActionLocks({
      folder,
      identity: {
        processExists: (pid) => {
          otherLock ??= other.tryAcquire("lb1", "drain B");
          return processExists(pid);
        },
      },
    });
    const refusal = busyWith(slow.tryAcquire("lb1", "drain C"));
    expect(held(otherLock as HostLockResult).tookOverFrom).toContain("drain A");
    expect(refusal).toContain("drain B");
    expect(lockRecord("lb1")).toMatchObject({ what: "drain B" });
  });

  it("a takeover in progress (its guard held by a live process) refuses; an interrupted one names the file to remove", () => {
    held(
      new HostActionLocks({ folder, identity: { pid: pidOfAnExitedProcess() } }).tryAcquire("lb1", "drain A"),
    );
    const guard = `${hostLockFilePath(folder, "lb1")}.takeover`;
    const guardRecord = (pid: number) =>
      JSON.stringify({
        pid,
        hostname: hostname(),
        what: "taking over",
        at: new Date().toISOString(),
        osUser: "x",
        token: "t",
      });

    writeFileSync(guard, guardRecord(process.pid));
    expect(busyWith(new HostActionLocks({ folder }).tryAcquire("lb1", "drain B"))).toContain(
      `pid ${process.pid} is taking the lock over`,
    );
    writeFileSync(guard, guardRecord(pidOfAnExitedProcess()));
    expect(busyWith(new HostActionLocks({ folder }).tryAcquire("lb1", "drain B"))).toContain(
      `remove ${guard}`,
    );
    rmSync(guard);
    expect(held(new HostActionLocks({ folder }).tryAcquire("lb1", "drain B")).tookOverFrom).toContain(
      "drain A",
    );
  });

  it("a damaged lock file is not guessed about: refused, naming the file", () => {
    held(new HostActionLocks({ folder }).tryAcquire("lb1", "drain A")).release();
    writeFileSync(hostLockFilePath(folder, "lb1"), "");
    expect(busyWith(new HostActionLocks({ folder }).tryAcquire("lb1", "drain B"))).toContain(
      `unreadable lock file ${hostLockFilePath(folder, "lb1")}`,
    );
  });

  it("hostile host ids stay inside the folder, each with its own file", () => {
    const hostile = [
      "../x",
      "a/b",
      "a_b",
      "line\nbreak",
      "..",
      ".",
      "/etc/passwd",
      "",
      "-rf",
      "x".repeat(300),
    ];
    const before = readdirSync(parent);
    const locks = new HostActionLocks({ folder });
    const locksHeld = hostile.map((hostId) =>
      held(locks.tryAcquire(hostId, `drain on ${JSON.stringify(hostId)}`)),
    );
    expect(readdirSync(parent)).toEqual(before.length === 0 ? ["locks"] : [...before, "locks"].sort());
    const names = readdirSync(folder);
    expect(names).toHaveLength(hostile.length);
    for (const name of names) expect(name).toMatch(/^host-[A-Za-z0-9._-]{0,40}-[0-9a-f]{12}\.lock$/);
    for (const hostId of hostile) {
      expect(path.dirname(hostLockFilePath(folder, hostId))).toBe(folder);
      expect(lockRecord(hostId)["what"]).toBe(`drain on ${JSON.stringify(hostId)}`);
      expect(busyWith(new HostActionLocks({ folder }).tryAcquire(hostId, "again"))).toContain(
        `drain on ${JSON.stringify(hostId)}`,
      );
    }
    for (const lock of locksHeld) lock.release();
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe("several hosts at once (failover)", () => {
  it("takes every host or none, and names the busy one", () => {
    const other = held(new HostActionLocks({ folder }).tryAcquire("lb2", "drain X"));
    const locks = new HostActionLocks({ folder });
    const refused = tryAcquireHosts(locks, ["lb1", "lb2"], "failover lb1 to lb2");
    expect(refused).toMatchObject({ busyHost: "lb2" });
    expect("busyWith" in refused && refused.busyWith).toContain("drain X");
    expect(locks.isBusy("lb1")).toBe(false); // the lock on lb1 was given back
    other.release();
    const both = tryAcquireHosts(locks, ["lb1", "lb2"], "failover lb1 to lb2");
    expect("release" in both).toBe(true);
    expect(busyWith(new HostActionLocks({ folder }).tryAcquire("lb1", "drain Y"))).toContain(
      "failover lb1 to lb2",
    );
    if ("release" in both) both.release();
    expect(readdirSync(folder)).toEqual([]);
  });
});
