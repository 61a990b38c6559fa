// Plan and apply against an in-memory host: what is written, kept, removed and reported at each
// step that can go wrong.
import { describe, expect, it } from "vitest";
import { applyConfigEdit } from "../../../../core/actions/config-edit/apply-config-edit.ts";
import type { ConfigEditIntent } from "../../../../core/actions/config-edit/config-edit-intent.ts";
import type { ConfigEditTarget } from "../../../../core/actions/config-edit/config-edit-target.ts";
import { configPath } from "../../../../core/actions/config-edit/config-path.ts";
import {
  nginxServerAddress,
  nginxUpstreamName,
  nginxWeight,
} from "../../../../core/actions/config-edit/nginx-values.ts";
import {
  planConfigEdit,
  type ConfigEditPlan,
} from "../../../../core/actions/config-edit/plan-config-edit.ts";
import { HostActionLocks } from "../../../../core/actions/host-action-lock.ts";
import { ipvsWeight } from "../../../../core/commands/validated.ts";
import { fakeConfigHost, type FakeConfigHost } from "./fake-config-host.ts";

const NGINX =
  "http {\n    upstream app {\n        server 10.0.0.11:8080 max_fails=3;\n        server 10.0.0.12:8080;\n    }\n}\n";
const KEEPALIVED =
  "vrrp_instance VI_1 {\n    authentication {\n        auth_pass Fk7s3cr1\n    }\n}\nvirtual_server 192.0.2.10 80 {\n    real_server 10.0.0.11 80 {\n        weight 2\n    }\n}\n";
const PATH = "/etc/nginx/nginx.conf";
const nginxTarget: ConfigEditTarget = {
  daemon: "nginx",
  configPath: configPath(PATH),
  pidFile: configPath("/run/nginx.pid"),
};
const keepalivedTarget: ConfigEditTarget = {
  daemon: "keepalived",
  configPath: configPath("/etc/keepalived/keepalived.conf"),
  pidFile: configPath("/run/keepalived.pid"),
};
const weight5: ConfigEditIntent = {
  kind: "nginx-upstream-server",
  upstream: nginxUpstreamName("app"),
  server: nginxServerAddress("10.0.0.11:8080"),
  weight: nginxWeight(5),
};
const keepalivedWeight: ConfigEditIntent = {
  kind: "keepalived-real-server-weight",
  realServer: { virtualAddress: "192.0.2.10", virtualPort: 80, realAddress: "10.0.0.11", realPort: 80 },
  weight: ipvsWeight(0),
};
const plannedAt = new Date("2026-01-25T14:30:05.123Z");
const BACKUP = `${PATH}.fulcrum-20260125T143005Z`;
const TEMP = `${PATH}.fulcrum-new-20260125T143005Z`;
const EDITED = NGINX.replace("10.0.0.11:8080 max_fails", "10.0.0.11:8080 weight=5 max_fails");

function plan(text: string, target: ConfigEditTarget, intent: ConfigEditIntent): ConfigEditPlan {
  const result = planConfigEdit(text, target, intent, plannedAt);
  if (!result.ok) throw new Error(result.refusal.message);
  return result.plan;
}

function nginxHost(): FakeConfigHost {
  return fakeConfigHost({ [PATH]: NGINX, "/run/nginx.pid": "4242\n" });
}

/** A clock that only moves when apply sleeps: bounded polling without waiting for real. */
function virtualTime() {
  let time = 1_000_000;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
  };
}

const apply = (planned: ConfigEditPlan, host: FakeConfigHost, locks = new HostActionLocks()) =>
  applyConfigEdit(planned, {
    hostId: "lb1",
    executor: host,
    locks,
    ...virtualTime(),
    pollIntervalMs: 100,
    verifyTimeoutMs: 300,
  });

describe("planConfigEdit", () => {
  it("shows the changed lines with numbers and the exact commands, backup named by the plan time", () => {
    const planned = plan(NGINX, nginxTarget, weight5);
    expect(planned.diff).toEqual([
      { kind: "removed", lineNo: 3, text: "        server 10.0.0.11:8080 max_fails=3;" },
      { kind: "added", lineNo: 3, text: "        server 10.0.0.11:8080 weight=5 max_fails=3;" },
    ]);
    expect(planned.backupPath).toBe(BACKUP);
    expect(planned.commands).toContain(`nginx -t -c ${TEMP}`);
    expect(planned.commands).toContain(`mv -f ${TEMP} ${PATH}`);
    expect(planned.commands.at(-1)).toBe(`nginx -c ${PATH} -s reload`);
  });

  it("keeps keepalived secrets out of the plan entirely", () => {
    const planned = plan(KEEPALIVED, keepalivedTarget, keepalivedWeight);
    expect(planned.diff).toEqual([
      { kind: "removed", lineNo: 8, text: "        weight 2" },
      { kind: "added", lineNo: 8, text: "        weight 0" },
    ]);
    expect(JSON.stringify(planned)).not.toContain("Fk7s3cr1");
    expect(planned.commands).toContain(
      "keepalived --config-test -f /etc/keepalived/keepalived.conf.fulcrum-new-20260125T143005Z",
    );
  });

  it("refuses no-op edits, the wrong daemon and text that was not UTF-8", () => {
    const same: ConfigEditIntent = {
      ...weight5,
      server: nginxServerAddress("10.0.0.12:8080"),
      weight: undefined,
      down: false,
    };
    expect(planConfigEdit(NGINX, nginxTarget, same, plannedAt)).toMatchObject({
      ok: false,
      refusal: { code: "no-change", message: expect.stringContaining("nothing to change") },
    });
    expect(planConfigEdit(NGINX, keepalivedTarget, weight5, plannedAt)).toMatchObject({
      ok: false,
      refusal: { code: "wrong-family", message: expect.stringContaining("does not apply") },
    });
    expect(planConfigEdit(`${NGINX}# caf\uFFFD\n`, nginxTarget, weight5, plannedAt)).toMatchObject({
      ok: false,
      refusal: { code: "edit-by-hand", message: expect.stringContaining("not valid UTF-8") },
    });
  });
});

describe("applyConfigEdit", () => {
  it("backs up, checks the candidate, swaps it in, reloads and sees new workers", async () => {
    const host = nginxHost();
    const report = await apply(plan(NGINX, nginxTarget, weight5), host);
    expect(report.outcome, report.message).toBe("verified");
    expect(host.files.get(PATH)).toBe(EDITED);
    expect(host.files.get(BACKUP)).toBe(NGINX);
    expect(host.files.has(TEMP)).toBe(false);
    expect(report.message).toContain("new workers (4343)");
    // The check ran on the candidate before it replaced the original.
    const order = host.log.map((argv) => argv.join(" "));
    expect(order.indexOf(`nginx -t -c ${TEMP}`)).toBeLessThan(order.indexOf(`mv -f ${TEMP} ${PATH}`));
    expect(host.log.some((argv) => argv.includes(EDITED))).toBe(false);
  });

  it("aborts without writing anything when the file changed since the plan", async () => {
    const host = nginxHost();
    const planned = plan(NGINX, nginxTarget, weight5);
    host.files.set(PATH, `${NGINX}# edited by hand\n`);
    const report = await apply(planned, host);
    expect(report.outcome).toBe("aborted");
    expect([...host.files.keys()].sort()).toEqual(["/etc/nginx/nginx.conf", "/run/nginx.pid"]);
    expect(host.log.some(([command]) => ["cp", "dd", "mv", "nginx"].includes(command ?? ""))).toBe(false);
  });

  it("aborts and cleans up when the file changes while the candidate is checked", async () => {
    const host = nginxHost();
    host.beforeCommand = (argv) => {
      if (argv[1] === "-t") host.files.set(PATH, "changed meanwhile\n");
    };
    const report = await apply(plan(NGINX, nginxTarget, weight5), host);
    expect(report.outcome).toBe("aborted");
    expect(host.files.get(PATH)).toBe("changed meanwhile\n");
    expect(host.files.has(TEMP) || host.files.has(BACKUP)).toBe(false);
  });

  it("leaves the original untouched and reports the validator's words when the check fails", async () => {
    const host = nginxHost();
    host.validator = () => ({
      code: 1,
      stderr: 'nginx: [emerg] unknown directive "bogus" in /etc/nginx/conf.d/x.conf:1',
    });
    const report = await apply(plan(NGINX, nginxTarget, weight5), host);
    expect(report).toMatchObject({
      outcome: "failed",
      validatorOutput: expect.stringContaining('unknown directive "bogus"'),
    });
    expect([...host.files.keys()].sort()).toEqual(["/etc/nginx/nginx.conf", "/run/nginx.pid"]);
    expect(host.files.get(PATH)).toBe(NGINX);
    expect(host.log.some(([command]) => command === "mv")).toBe(false);
  });

  it("puts the backup back when the reload fails", async () => {
    const host = nginxHost();
    host.reloadFails = true;
    const report = await apply(plan(NGINX, nginxTarget, weight5), host);
    expect(report).toMatchObject({ outcome: "failed", restored: true });
    expect(report.message).toContain("kill(4242, 1) failed");
    expect(host.files.get(PATH)).toBe(NGINX);
  });

  it("says not-verified when nginx starts no new workers, and keeps the new file", async () => {
    const host = nginxHost();
    host.reloadStartsWorkers = false;
    const report = await apply(plan(NGINX, nginxTarget, weight5), host);
    expect(report.outcome).toBe("not-verified");
    expect(report.message).toContain("started no new workers");
    expect(host.files.get(PATH)).toBe(EDITED);
  });

  it("refuses to start when the daemon is not running, before writing anything", async () => {
    const host = nginxHost();
    host.daemonPid = 1;
    const report = await apply(plan(NGINX, nginxTarget, weight5), host);
    expect(report.outcome).toBe("failed");
    expect(report.message).toContain("is not running");
    expect(host.files.has(BACKUP)).toBe(false);
  });

  it("signals keepalived and says honestly what could not be read back; stderr is redacted", async () => {
    const host = fakeConfigHost({
      "/etc/keepalived/keepalived.conf": KEEPALIVED,
      "/run/keepalived.pid": "4242\n",
    });
    host.validator = (content) => ({ code: 0, stderr: content.split("\n")[2] ?? "" });
    const report = await apply(plan(KEEPALIVED, keepalivedTarget, keepalivedWeight), host);
    expect(report.outcome).toBe("not-verified");
    expect(report.message).toContain("not read back");
    expect(host.log).toContainEqual(["kill", "-HUP", "4242"]);
    expect(host.files.get("/etc/keepalived/keepalived.conf")).toContain("        weight 0\n");
    expect(JSON.stringify(report)).not.toContain("Fk7s3cr1");
  });

  it("refuses a second action on the same host while one holds the lock", async () => {
    const locks = new HostActionLocks();
    const held = locks.tryAcquire("lb1", "drain 10.0.0.12");
    const host = nginxHost();
    expect((await apply(plan(NGINX, nginxTarget, weight5), host, locks)).outcome).toBe("refused");
    expect(host.log).toEqual([]);
    if ("release" in held) held.release();
  });
});
