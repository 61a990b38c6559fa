/**
 * `fulcrum undo` of a config edit end to end: the real bin against a real nginx and a real
 * keepalived (../config-edit/*-under-test.ts) through a real sshd, the alias in a test home's
 * ~/.ssh/config, the audit log in a temp data folder. persist-weight, then undo: the file gets
 * the old value back (nginx: and the traffic shares follow), the undo is audited with undoOf; a
 * file changed since is refused and left alone; an entry without a record of values is refused.
 */
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ChangeEntrySchema, type ChangeEntry } from "../../../core/audit/change-entry.ts";
import { startKeepalived } from "../config-edit/keepalived-under-test.ts";
import type { CliRun } from "../failover-cli/run-fulcrum-cli.ts";
import {
  CONFIG_EDIT_CLI_SKIP,
  useConfigEditCliHost,
  type ConfigEditCliHost,
} from "./config-edit-cli-host.ts";

let host: ConfigEditCliHost;
const fulcrum = (args: string[]): Promise<CliRun> => host.fulcrum(args);

async function auditEntries(): Promise<ChangeEntry[]> {
  const file = host.auditPath();
  if (!existsSync(file)) return [];
  return (await readFile(file, "utf8"))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => ChangeEntrySchema.parse(JSON.parse(line)));
}

const logins = () => host.logins();

describe.skipIf(CONFIG_EDIT_CLI_SKIP)(
  "fulcrum undo of a config edit (real bin, real nginx and keepalived, real sshd)",
  () => {
    host = useConfigEditCliHost("fulcrum-undo-config-data-");

    const persistNginx = (server: string, change: string) =>
      fulcrum([
        "persist-weight",
        "lb1",
        "nginx",
        host.nginx.configPath,
        "app",
        server,
        change,
        "--pid-file",
        host.nginx.pidFile,
        "--prefix",
        host.nginx.dir,
        "--yes",
      ]);

    it("nginx: undo puts the old weight back in the file, reloads, and the traffic follows", async () => {
      const first = `127.0.0.1:${host.nginx.backendPorts[0]}`;
      const edit = await persistNginx(first, "5");
      expect(edit.code, edit.stderr).toBe(0);
      const [entry] = await auditEntries();
      if (!entry) throw new Error("no audit entry");
      expect(entry.configEdit?.edit).toEqual({
        kind: "nginx-upstream-server",
        upstream: "app",
        server: first,
        previous: { weight: null, down: false },
        set: { weight: 5 },
      });
      expect((await host.nginx.requests(12)).filter((body) => body === "b1").length).toBeGreaterThanOrEqual(
        9,
      );

      const dryRun = await fulcrum(["undo", entry.id, "--dry-run"]);
      expect(dryRun.code, dryRun.stderr).toBe(0);
      expect(dryRun.stdout).toContain(
        `undo of ${entry.id}: nginx: no weight= (default 1) for server ${first}`,
      );
      expect(dryRun.stdout).toContain(`-9:         server ${first} weight=5 max_fails=0;   # first backend`);
      expect(dryRun.stdout).toContain(`+9:         server ${first} max_fails=0;   # first backend`);
      expect(dryRun.stdout).toContain("nginx -t -p");
      expect(dryRun.stdout).toContain("dry run: nothing was changed");
      expect(await readFile(host.nginx.configPath, "utf8")).toContain("weight=5");
      expect(await auditEntries()).toHaveLength(1);

      const undo = await fulcrum(["undo", entry.id, "--yes"]);
      expect(undo.stderr).toBe("");
      expect(undo.code).toBe(0);
      expect(undo.stdout).toMatch(/result: verified: .*started new workers/);
      expect(undo.stdout).toContain(`undoes audit entry: ${entry.id}`);
      // The inverse edit, not the backup: the file is the original byte for byte.
      expect(await readFile(host.nginx.configPath, "utf8")).toBe(host.nginx.config);
      const entries = await auditEntries();
      expect(entries).toHaveLength(2);
      expect(entries[1]).toMatchObject({
        type: "config-edit",
        undoOf: entry.id,
        result: "verified",
        configEdit: { edit: { previous: { weight: 5, down: false }, set: { weight: null } } },
      });
      expect(undo.stdout).toContain(`audit entry: ${entries[1]?.id}`);
      // Back to 1:1: round robin over fresh connections (one old worker may still answer).
      const bodies = await host.nginx.requests(12);
      expect(bodies.filter((body) => body === "b1").length).toBeLessThanOrEqual(7);
      expect(bodies.filter((body) => body === "b2").length).toBeGreaterThanOrEqual(5);
      const backups = (await readdir(host.nginx.dir)).filter((name) => name.includes(".fulcrum-"));
      expect(backups).toHaveLength(2); // one per edit, the undo's included
    }, 90_000);

    it("keepalived: undo puts the real_server's old weight back", async () => {
      const keepalived = await startKeepalived();
      try {
        const edit = await fulcrum([
          "persist-weight",
          "lb1",
          "keepalived",
          keepalived.configPath,
          "192.0.2.10:80",
          "10.0.0.11:80",
          "2",
          "--pid-file",
          keepalived.pidFile,
          "--yes",
        ]);
        expect(edit.stdout).toMatch(/result: (verified|not-verified):/);
        const [entry] = await auditEntries();
        if (!entry) throw new Error("no audit entry");
        expect(await readFile(keepalived.configPath, "utf8")).toContain("weight 2        # rack 4");

        const undo = await fulcrum(["undo", entry.id, "--yes"]);
        // This kernel has no IPVS: the weight cannot be read back, so the result is not verified (exit 1).
        expect(undo.stdout).toMatch(
          /result: (verified|not-verified): undo of .*weight 3 for real_server 10\.0\.0\.11 80/,
        );
        expect(undo.stdout).toContain(`undoes audit entry: ${entry.id}`);
        expect(await readFile(keepalived.configPath, "utf8")).toBe(keepalived.config);
        expect((await auditEntries())[1]).toMatchObject({
          undoOf: entry.id,
          configEdit: { edit: { previous: { weight: 2 }, set: { weight: 3 } } },
        });
      } finally {
        await keepalived.dispose();
      }
    }, 90_000);

    it("refuses (exit 1) when the file was changed since, and leaves it alone", async () => {
      const second = `127.0.0.1:${host.nginx.backendPorts[1]}`;
      const edit = await persistNginx(second, "3");
      expect(edit.code, edit.stderr).toBe(0);
      const [entry] = await auditEntries();
      if (!entry) throw new Error("no audit entry");
      try {
        // Someone edits the same line by hand after Fulcrum did.
        const byHand = (await readFile(host.nginx.configPath, "utf8")).replace(
          `server ${second} weight=3;`,
          `server ${second} weight=4;`,
        );
        await writeFile(host.nginx.configPath, byHand);
        const undo = await fulcrum(["undo", entry.id, "--yes"]);
        expect(undo.code).toBe(1);
        expect(undo.stderr).toContain(`${host.nginx.configPath} was changed since entry ${entry.id}`);
        expect(undo.stderr).toContain("it set weight 3, the file now shows weight 4");
        expect(undo.stderr).toContain(entry.configEdit?.backupPath ?? "no backup recorded");
        expect(await readFile(host.nginx.configPath, "utf8")).toBe(byHand);
        expect(await auditEntries()).toHaveLength(1);
      } finally {
        // Later tests start from the original file (nginx keeps running whatever is on disk).
        await writeFile(host.nginx.configPath, host.nginx.config);
      }
    }, 60_000);

    it("refuses an entry written before values were recorded, with the manual way, before connecting", async () => {
      const old = {
        type: "config-edit",
        id: "old-entry",
        at: "2026-01-25T14:30:05.000Z",
        who: { osUser: "ops" },
        hostId: "lb1",
        summary: "nginx: weight=5 for server 127.0.0.1:8080 in upstream app in /etc/nginx/nginx.conf",
        target: "/etc/nginx/nginx.conf",
        commands: [{ shell: "nginx -s reload", status: "applied", exitCode: 0 }],
        result: "verified",
        verified: true,
        message: "written",
        undo: {
          action: "restore-config-backup",
          daemon: "nginx",
          configPath: "/etc/nginx/nginx.conf",
          backupPath: "/etc/nginx/nginx.conf.fulcrum-20260125T143005Z",
          pidFile: "/run/nginx.pid",
        },
      };
      await writeFile(host.auditPath(), `${JSON.stringify(old)}\n`);
      const before = logins();
      const run = await fulcrum(["undo", "old-entry", "--yes"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("does not record the values it replaced");
      expect(run.stderr).toContain(
        "copy /etc/nginx/nginx.conf.fulcrum-20260125T143005Z back over /etc/nginx/nginx.conf on the host",
      );
      expect(logins()).toBe(before);
      // Flags a config edit's undo does not take are bad input.
      expect((await fulcrum(["undo", "old-entry", "--haproxy-socket", "/run/h.sock"])).code).toBe(2);
    }, 30_000);
  },
);
