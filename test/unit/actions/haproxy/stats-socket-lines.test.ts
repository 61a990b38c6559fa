import { describe, expect, it } from "vitest";
import { adminSocketIn, statsSocketLines } from "../../../../core/actions/haproxy/stats-socket-lines.ts";

describe("statsSocketLines", () => {
  it("reads UNIX stats sockets with their level, skipping comments and network addresses", () => {
    const config = [
      "global",
      "    log /dev/log local0",
      "    stats socket /run/haproxy/admin.sock mode 660 level admin expose-fd listeners",
      "    stats socket unix@/run/haproxy/ops.sock level operator",
      "    stats socket ipv4@127.0.0.1:9999 level admin",
      "    # stats socket /run/haproxy/old.sock level admin",
      "    stats socket /run/haproxy/plain.sock # no level given",
      "    stats timeout 30s",
    ].join("\n");
    expect(statsSocketLines(config)).toEqual([
      { path: "/run/haproxy/admin.sock", level: "admin" },
      { path: "/run/haproxy/ops.sock", level: "operator" },
      { path: "/run/haproxy/plain.sock" },
    ]);
  });
});

describe("adminSocketIn", () => {
  it("prefers an explicit admin level over a socket that names none, wherever it is", () => {
    const config = "stats socket /run/a.sock\nstats socket /run/b.sock level admin\n";
    expect(adminSocketIn(config, "/etc/haproxy/haproxy.cfg")).toEqual({ ok: true, path: "/run/b.sock" });
    expect(adminSocketIn("stats socket /run/a.sock mode 600\n", "/x.cfg")).toEqual({
      ok: true,
      path: "/run/a.sock",
    });
  });

  it("refuses user and operator sockets, naming them, and says when there is no socket at all", () => {
    const lower = adminSocketIn("stats socket /run/u.sock level user\n", "/etc/haproxy/haproxy.cfg");
    expect(lower).toEqual({ ok: false, reason: expect.stringContaining("/run/u.sock (level user)") });
    const none = adminSocketIn("global\n  maxconn 100\n", "/etc/haproxy/haproxy.cfg");
    expect(none).toEqual({
      ok: false,
      reason: expect.stringContaining("/etc/haproxy/haproxy.cfg has no UNIX `stats socket` line"),
    });
  });
});
