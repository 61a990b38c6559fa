import { describe, expect, it } from "vitest";
import { configPath } from "../../../../core/actions/config-edit/config-path.ts";
import {
  nginxServerAddress,
  nginxUpstreamName,
  nginxWeight,
} from "../../../../core/actions/config-edit/nginx-values.ts";
import { ValidationError } from "../../../../core/commands/validated.ts";

describe("config edit validators", () => {
  it("accept plain absolute paths", () => {
    expect(configPath("/etc/nginx/nginx.conf")).toBe("/etc/nginx/nginx.conf");
    expect(configPath("/etc/keepalived/keepalived.conf")).toBe("/etc/keepalived/keepalived.conf");
  });

  it.each([
    "nginx.conf",
    "/etc/nginx/../shadow",
    "/etc/./x",
    "/etc//x",
    "/etc/x;reboot",
    "/etc/$(id)",
    "/etc/a b",
    "/tmp/-rf",
    "/etc/x\n",
    "/etc/`id`",
    "/",
  ])("refuse the path %j", (text) => expect(() => configPath(text)).toThrow(ValidationError));

  it.each(["app;id", "-c", "$(id)", "a b", "up`x`", "", "app{"])("refuse the upstream name %j", (text) => {
    expect(() => nginxUpstreamName(text)).toThrow(ValidationError);
  });

  it("take IP:PORT and [IPv6]:PORT, canonicalised, and refuse names and unix sockets", () => {
    expect(nginxServerAddress("[2001:db8:0:0::5]:80")).toEqual({
      address: "2001:db8::5",
      port: 80,
      text: "[2001:db8::5]:80",
    });
    for (const text of [
      "backend.local:80",
      "unix:/run/app.sock",
      "10.0.0.1",
      "10.0.0.1:80;id",
      "10.0.0.1:99999",
    ]) {
      expect(() => nginxServerAddress(text)).toThrow(ValidationError);
    }
  });

  it("take nginx weights from 1 (nginx refuses weight=0)", () => {
    expect(nginxWeight("5")).toBe(5);
    expect(() => nginxWeight(0)).toThrow(ValidationError);
    expect(() => nginxWeight("1;")).toThrow(ValidationError);
  });
});
