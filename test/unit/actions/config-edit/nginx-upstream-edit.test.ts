import { describe, expect, it } from "vitest";
import {
  editNginxUpstreamServer,
  type NginxServerChange,
} from "../../../../core/actions/config-edit/nginx-upstream-edit.ts";
import {
  nginxServerAddress,
  nginxUpstreamName,
  nginxWeight,
} from "../../../../core/actions/config-edit/nginx-values.ts";

const CONFIG = `http {
    upstream app {
        least_conn;
        server 10.0.0.11:8080 weight=2 max_fails=3 fail_timeout=10s;   # rack 4
        server 10.0.0.12:8080;
        server\t10.0.0.13:8080   backup ;
        server [2001:db8::5]:80 down;
        server 10.0.0.14;
    }
    upstream other { server 10.0.0.11:8080; }
    server { listen 80; location / { proxy_pass http://app; } }
}
`;

function edit(text: string, server: string, change: NginxServerChange, upstream = "app") {
  return editNginxUpstreamServer(text, nginxUpstreamName(upstream), nginxServerAddress(server), change);
}

/** The text with line `lineNo` (1-based) replaced: everything else must be byte-for-byte the same. */
function withLine(text: string, lineNo: number, line: string): string {
  const lines = text.split("\n");
  lines[lineNo - 1] = line;
  return lines.join("\n");
}

describe("editNginxUpstreamServer", () => {
  it("replaces weight= in place, keeping the other parameters, spacing and the comment", () => {
    expect(edit(CONFIG, "10.0.0.11:8080", { weight: nginxWeight(7) })).toEqual({
      ok: true,
      text: withLine(
        CONFIG,
        4,
        "        server 10.0.0.11:8080 weight=7 max_fails=3 fail_timeout=10s;   # rack 4",
      ),
    });
  });

  it("adds weight= after the address when the line has none, and writes weight=1 explicitly", () => {
    expect(edit(CONFIG, "10.0.0.12:8080", { weight: nginxWeight(1) })).toEqual({
      ok: true,
      text: withLine(CONFIG, 5, "        server 10.0.0.12:8080 weight=1;"),
    });
    expect(edit(CONFIG, "10.0.0.13:8080", { weight: nginxWeight(3) })).toEqual({
      ok: true,
      text: withLine(CONFIG, 6, "        server\t10.0.0.13:8080 weight=3   backup ;"),
    });
  });

  it("adds down after the last parameter and removes it with its leading blank", () => {
    expect(edit(CONFIG, "10.0.0.11:8080", { down: true })).toMatchObject({
      text: withLine(
        CONFIG,
        4,
        "        server 10.0.0.11:8080 weight=2 max_fails=3 fail_timeout=10s down;   # rack 4",
      ),
    });
    expect(edit(CONFIG, "[2001:db8:0::5]:80", { down: false })).toMatchObject({
      text: withLine(CONFIG, 7, "        server [2001:db8::5]:80;"),
    });
  });

  it("sets weight and down together in reading order", () => {
    expect(edit(CONFIG, "10.0.0.12:8080", { weight: nginxWeight(4), down: true })).toMatchObject({
      text: withLine(CONFIG, 5, "        server 10.0.0.12:8080 weight=4 down;"),
    });
  });

  it("matches a server written without a port as port 80, as nginx does", () => {
    expect(edit(CONFIG, "10.0.0.14:80", { weight: nginxWeight(2) })).toMatchObject({
      text: withLine(CONFIG, 8, "        server 10.0.0.14 weight=2;"),
    });
    expect(edit(CONFIG, "10.0.0.14:8080", { weight: nginxWeight(2) })).toEqual({
      ok: false,
      code: "backend-not-found",
      reason: "no server 10.0.0.14:8080 in upstream app",
    });
  });

  it("changes nothing when the line already says so (the planner refuses that as no change)", () => {
    expect(edit(CONFIG, "10.0.0.11:8080", { weight: nginxWeight(2) })).toEqual({ ok: true, text: CONFIG });
  });

  it("refuses a missing upstream or server", () => {
    expect(edit(CONFIG, "10.0.0.11:8080", { down: true }, "nope")).toEqual({
      ok: false,
      code: "service-not-found",
      reason: "no upstream nope in this file",
    });
    expect(edit(CONFIG, "10.0.0.99:8080", { down: true })).toMatchObject({
      ok: false,
      code: "backend-not-found",
      reason: expect.stringContaining("no server 10.0.0.99:8080"),
    });
  });

  it("refuses an upstream defined twice (http and stream) and a server listed twice", () => {
    const twice = `${CONFIG}stream {\n    upstream app { server 10.0.0.11:8080; }\n}\n`;
    expect(edit(twice, "10.0.0.11:8080", { down: true })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("defined 2 times"),
    });
    const duplicate = CONFIG.replace("server 10.0.0.12:8080;", "server 10.0.0.11:8080;");
    expect(edit(duplicate, "10.0.0.11:8080", { down: true })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("appears 2 times"),
    });
  });

  it("refuses a directive spread over lines, sharing its line, or quoted", () => {
    const spread = CONFIG.replace(
      "server 10.0.0.12:8080;",
      "server 10.0.0.12:8080\n            max_fails=2;",
    );
    expect(edit(spread, "10.0.0.12:8080", { down: true })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("not a simple one-line"),
    });
    expect(edit(CONFIG, "10.0.0.11:8080", { down: true }, "other")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("not a simple one-line"),
    });
    const quoted = CONFIG.replace("server 10.0.0.12:8080;", 'server 10.0.0.12:8080 "max_fails=2";');
    expect(edit(quoted, "10.0.0.12:8080", { down: true })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("not a simple one-line"),
    });
  });

  it("refuses a line with two weight= parameters rather than pick one", () => {
    const doubled = CONFIG.replace("server 10.0.0.12:8080;", "server 10.0.0.12:8080 weight=1 weight=2;");
    expect(edit(doubled, "10.0.0.12:8080", { weight: nginxWeight(5) })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("2 weight= parameters"),
    });
  });

  it("ignores comments and quoted text that look like directives, and reports unbalanced files", () => {
    const commented = CONFIG.replace(
      "    upstream other",
      '    # upstream app { server 10.0.0.11:8080; }\n    set $x "upstream app {";\n    upstream other',
    );
    expect(edit(commented, "10.0.0.12:8080", { down: true })).toMatchObject({ ok: true });
    expect(
      edit("http { upstream app { server 10.0.0.11:8080;\n", "10.0.0.11:8080", { down: true }),
    ).toMatchObject({ ok: false, reason: expect.stringContaining("cannot read the nginx config") });
  });

  it("keeps CRLF line endings", () => {
    const crlf = CONFIG.replaceAll("\n", "\r\n");
    expect(edit(crlf, "10.0.0.12:8080", { weight: nginxWeight(9) })).toMatchObject({
      text: crlf.replace("server 10.0.0.12:8080;", "server 10.0.0.12:8080 weight=9;"),
    });
  });
});
