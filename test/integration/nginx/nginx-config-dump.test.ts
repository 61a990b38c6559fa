/**
 * `fulcrum parse nginx-config` over what the real nginx (Debian's 1.22) prints for `nginx -T`:
 * upstreams found through includes (a glob in http {}, a file inside an upstream block), quoted
 * names, defaults as nginx applies them, and each server's own file and line.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ParseError } from "../../../core/model/parse-error.ts";
import { parseNginxConfigDump } from "../../../core/parse/nginx/nginx-config-dump.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { removeDirSync } from "../harness/cleanup-registry.ts";

const NGINX = "/usr/sbin/nginx";
const skip = missingPrerequisites(executable(NGINX, "nginx"));
const dir = mkdtempSync(path.join(tmpdir(), "fulcrum-nginx-T-"));
afterAll(() => removeDirSync(dir));

function write(relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  writeFileSync(path.join(dir, relative), text);
}

/** nginx -T as an operator runs it; nginx itself checks the config first (exit 0 only if valid). */
function dumpOf(main: string): string {
  return execFileSync(NGINX, ["-T", "-p", dir, "-c", path.join(dir, main)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe.skipIf(skip)("nginx -T read as nginx reads it", () => {
  it("finds every upstream and server through includes, with nginx's defaults and each one's file and line", () => {
    mkdirSync(path.join(dir, "logs"), { recursive: true });
    write(
      "nginx.conf",
      [
        "worker_processes 1;",
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/logs/error.log;`,
        "events { worker_connections 64; }",
        "http {",
        "  access_log off;",
        "  include sites/*.conf;",
        '  upstream "app" {',
        "    least_conn;   # the busiest pool",
        "    server 10.0.0.5:8080 weight=3 max_fails=2 fail_timeout=5s;",
        "    server 10.0.0.6:8080 backup;",
        "    include pools/app-extra.servers;",
        "    keepalive 16;",
        "  }",
        "  server { listen 127.0.0.1:1; location / { proxy_pass http://app; } }",
        "}",
        "",
      ].join("\n"),
    );
    write("pools/app-extra.servers", "server 10.0.0.7:8080 down;\nserver [2001:db8::7]:8080 max_conns=50;\n");
    write(
      "sites/a-api.conf",
      "upstream api {\n    hash $request_uri consistent;\n    server unix:/run/api.sock;\n    server 127.0.0.1:9000 weight=2 max_fails=0;\n}\n",
    );
    write("sites/b-empty.conf", "# nothing here but a comment\n");

    const dump = parseNginxConfigDump(dumpOf("nginx.conf"));
    expect(dump.files).toEqual([
      path.join(dir, "nginx.conf"),
      path.join(dir, "sites/a-api.conf"),
      path.join(dir, "sites/b-empty.conf"),
      path.join(dir, "pools/app-extra.servers"),
    ]);
    const byName = new Map(dump.upstreams.map((upstream) => [upstream.name, upstream]));
    expect([...byName.keys()].sort()).toEqual(["api", "app"]);
    expect(byName.get("app")).toMatchObject({
      context: "http",
      balancing: "least_conn",
      keepalive: 16,
      file: path.join(dir, "nginx.conf"),
      line: 8,
    });
    expect(
      byName
        .get("app")
        ?.servers.map((s) => [
          s.address,
          s.weight,
          s.maxFails,
          s.failTimeout,
          s.backup,
          s.down,
          s.maxConns,
          path.basename(s.file),
          s.line,
        ]),
    ).toEqual([
      ["10.0.0.5:8080", 3, 2, "5s", false, false, 0, "nginx.conf", 10],
      ["10.0.0.6:8080", 1, 1, "10s", true, false, 0, "nginx.conf", 11],
      ["10.0.0.7:8080", 1, 1, "10s", false, true, 0, "app-extra.servers", 1],
      ["[2001:db8::7]:8080", 1, 1, "10s", false, false, 50, "app-extra.servers", 2],
    ]);
    expect(byName.get("api")).toMatchObject({ balancing: "hash $request_uri consistent", line: 1 });
    expect(byName.get("api")?.servers.map((s) => [s.address, s.weight, s.maxFails, s.line])).toEqual([
      ["unix:/run/api.sock", 1, 1, 3],
      ["127.0.0.1:9000", 2, 0, 4],
    ]);
  });

  it("refuses what is not nginx -T output, naming the line", () => {
    expect(() => parseNginxConfigDump("")).toThrow(ParseError);
    expect(() => parseNginxConfigDump("upstream x { server a; }\n")).toThrow(
      /line 1: expected '# configuration file PATH:'/,
    );
    expect(() =>
      parseNginxConfigDump(
        "# configuration file /etc/nginx/nginx.conf:\nhttp { upstream x { server a weight=x; } }\n",
      ),
    ).toThrow(/line 2: expected weight=N/);
  });
});
