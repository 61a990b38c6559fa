/**
 * `fulcrum persist-weight` end to end: the real bin against a real nginx (../config-edit/
 * nginx-under-test.ts) through a real sshd, with the alias in a test home's ~/.ssh/config and the
 * audit log in a temp data folder. Checked on the file, its backup, the traffic and the audit log.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ChangeEntrySchema } from "../../../core/audit/change-entry.ts";
import { startKeepalived } from "../config-edit/keepalived-under-test.ts";
import type { CliRun } from "../failover-cli/run-fulcrum-cli.ts";
import {
  CONFIG_EDIT_CLI_SKIP,
  useConfigEditCliHost,
  type ConfigEditCliHost,
} from "./config-edit-cli-host.ts";

let host: ConfigEditCliHost;
const fulcrum = (args: string[]): Promise<CliRun> => host.fulcrum(args);

async function fulcrumFiles(): Promise<string[]> {
  return (await readdir(host.nginx.dir)).filter((name) => name.includes(".fulcrum-")).sort();
}

async function auditLines(): Promise<unknown[]> {
  const file = host.auditPath();
  if (!existsSync(file)) return [];
  return (await readFile(file, "utf8"))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);
}

describe.skipIf(CONFIG_EDIT_CLI_SKIP)("fulcrum persist-weight (real bin, real nginx, real sshd)", () => {
  host = useConfigEditCliHost("fulcrum-persist-cli-data-");

  const nginxArgs = (
    server: string,
    change: string,
    configPath = host.nginx.configPath,
    upstream = "app",
  ) => [
    "persist-weight",
    "lb1",
    "nginx",
    configPath,
    upstream,
    server,
    change,
    "--pid-file",
    host.nginx.pidFile,
    "--prefix",
    host.nginx.dir,
  ];

  it("refuses injection in paths and names with exit 2, before connecting", async () => {
    const connectionsBefore = host.logins();
    const first = `127.0.0.1:${host.nginx.backendPorts[0]}`;
    const cases = [
      nginxArgs(first, "5", `${host.nginx.configPath}; rm -rf /`),
      nginxArgs(first, "5", `${host.nginx.dir}/../etc/passwd`),
      nginxArgs(first, "5", "nginx.conf"),
      nginxArgs(first, "5", host.nginx.configPath, "app;reload"),
      nginxArgs(first, "5", host.nginx.configPath, "-app"),
      nginxArgs("127.0.0.1:80$(id)", "5"),
      nginxArgs(first, "0"),
      nginxArgs(first, "5x"),
      [...nginxArgs(first, "5").slice(0, -4), "--pid-file", "/run/`reboot`.pid"],
      ["persist-weight", "lb1;id", "nginx", host.nginx.configPath, "app", first, "5"],
      [
        "persist-weight",
        "lb1",
        "keepalived",
        "/etc/keepalived/keepalived.conf",
        "192.0.2.10:80",
        "10.0.0.1:80",
        "-1",
      ],
      [
        "persist-weight",
        "lb1",
        "keepalived",
        "/etc/keepalived/keepalived.conf",
        "vip:80",
        "10.0.0.1:80",
        "3",
      ],
    ];
    for (const args of cases) {
      const run = await fulcrum(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stdout, args.join(" ")).toBe("");
    }
    expect(host.logins()).toBe(connectionsBefore);
    expect(await readFile(host.nginx.configPath, "utf8")).toBe(host.nginx.config);
    expect(await auditLines()).toEqual([]);
  }, 60_000);

  it("dry run shows the diff and changes nothing", async () => {
    const run = await fulcrum([...nginxArgs(`127.0.0.1:${host.nginx.backendPorts[0]}`, "5"), "--dry-run"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`-9:         server 127.0.0.1:${host.nginx.backendPorts[0]} max_fails=0;`);
    expect(run.stdout).toContain(
      `+9:         server 127.0.0.1:${host.nginx.backendPorts[0]} weight=5 max_fails=0;`,
    );
    expect(run.stdout).toContain("dry run: nothing was changed");
    expect(await readFile(host.nginx.configPath, "utf8")).toBe(host.nginx.config);
    expect(await fulcrumFiles()).toEqual([]);
    expect(await auditLines()).toEqual([]);
  }, 30_000);

  it("sets the weight in the file, keeps a backup, reloads nginx and writes the audit entry", async () => {
    const run = await fulcrum([...nginxArgs(`127.0.0.1:${host.nginx.backendPorts[0]}`, "5"), "--yes"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const firstLine = `        server 127.0.0.1:${host.nginx.backendPorts[0]} max_fails=0;   # first backend`;
    expect(await readFile(host.nginx.configPath, "utf8")).toBe(
      host.nginx.config.replace(firstLine, firstLine.replace("max_fails=0", "weight=5 max_fails=0")),
    );
    const backups = await fulcrumFiles();
    expect(backups).toHaveLength(1);
    const backupPath = path.join(host.nginx.dir, backups[0] as string);
    expect(await readFile(backupPath, "utf8")).toBe(host.nginx.config);
    expect(run.stdout).toContain(`backup: ${backupPath}`);
    expect(run.stdout).toMatch(/result: verified: .*started new workers/);
    // The connection count the injection test relies on does count this run's login.
    expect(host.sshd.log()).toContain("Accepted publickey for root");

    const lines = await auditLines();
    expect(lines).toHaveLength(1);
    const entry = ChangeEntrySchema.parse(lines[0]);
    expect(run.stdout).toContain(`audit entry: ${entry.id}`);
    expect(entry).toMatchObject({
      type: "config-edit",
      hostId: "lb1",
      target: host.nginx.configPath,
      result: "verified",
      verified: true,
      before: { "line 9": firstLine },
      after: { "line 9": firstLine.replace("max_fails=0", "weight=5 max_fails=0") },
      undo: {
        action: "restore-config-backup",
        daemon: "nginx",
        configPath: host.nginx.configPath,
        backupPath,
      },
    });
    expect(
      entry.commands.some((command) => command.shell.startsWith("nginx -t") && command.status === "applied"),
    ).toBe(true);

    // 5:1 smooth weighted round robin: about 10 of 12 to b1 (one old worker may still answer).
    const bodies = await host.nginx.requests(12);
    expect(bodies.filter((body) => body === "b1").length).toBeGreaterThanOrEqual(9);
  }, 60_000);

  it("refuses without --yes when there is no terminal, and changes nothing", async () => {
    const before = await readFile(host.nginx.configPath, "utf8");
    const run = await fulcrum(nginxArgs(`127.0.0.1:${host.nginx.backendPorts[1]}`, "down"));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("pass --yes");
    expect(await readFile(host.nginx.configPath, "utf8")).toBe(before);
    expect(await auditLines()).toEqual([]);
  }, 30_000);

  it("writes a keepalived real_server weight, and says plainly (exit 1) that IPVS was not read back", async () => {
    const keepalived = await startKeepalived();
    try {
      const run = await fulcrum([
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
      // This kernel has no IPVS: keepalived re-reads the file on SIGHUP, but the weight cannot be seen.
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/result: not-verified: .*not read back/);
      expect(run.stdout).toContain("+13:         weight 2        # rack 4");
      expect(await readFile(keepalived.configPath, "utf8")).toBe(
        keepalived.config.replace("weight 3        # rack 4", "weight 2        # rack 4"),
      );
      const backups = (await readdir(keepalived.dir)).filter((name) => name.includes(".fulcrum-"));
      expect(backups).toHaveLength(1);
      const backupPath = path.join(keepalived.dir, backups[0] as string);
      expect(await readFile(backupPath, "utf8")).toBe(keepalived.config);
      const entry = ChangeEntrySchema.parse((await auditLines())[0]);
      expect(entry).toMatchObject({
        type: "config-edit",
        result: "not-verified",
        verified: false,
        before: { "line 13": "        weight 3        # rack 4" },
        after: { "line 13": "        weight 2        # rack 4" },
        undo: { action: "restore-config-backup", daemon: "keepalived", backupPath },
      });
    } finally {
      await keepalived.dispose();
    }
  }, 60_000);
});
