import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { buildSamplerScript } from "../../../core/sampler/remote-script.ts";
import { buildSamplerInvocation } from "../../../core/sampler/sampler-command.ts";

const base = { intervalSeconds: 2, sections: ["netdev" as const] };

describe("buildSamplerScript", () => {
  it("writes the validated options as shell settings in front of the loop", () => {
    const script = buildSamplerScript({
      ...base,
      sections: ["ipvsadm", "haproxy-stat", "nginx-status"],
      haproxySocket: "/run/haproxy/admin.sock",
      nginxStatusUrl: "http://127.0.0.1:8080/nginx_status?auto",
      maxFrames: 5,
    });
    const settings = script.split("\n").slice(0, 20);
    expect(settings).toEqual(
      expect.arrayContaining([
        "IV=2",
        "KA=30",
        "MAX=5",
        "HSOCK=/run/haproxy/admin.sock",
        "NGINX_URL='http://127.0.0.1:8080/nginx_status?auto'",
        "KPIDFILES='/run/keepalived.pid /var/run/keepalived.pid'",
        "KTMP=/tmp",
        "W_ipvsadm=1",
        "W_ipvsadm_stats=0",
        "W_haproxy_stat=1",
        "W_nginx_status=1",
        "W_keepalived=0",
      ]),
    );
    expect(settings).toContain("MAX=5");
    expect(buildSamplerScript(base).split("\n")).toContain("MAX=0");
  });

  it.each([
    ["a relative socket path", { haproxySocket: "run/haproxy.sock" }],
    ["a socket path with a quote", { haproxySocket: "/run/x'; reboot; '.sock" }],
    ["a socket path with socat address syntax", { haproxySocket: "/run/a,fork" }],
    ["a socket path with a space", { haproxySocket: "/run/my haproxy.sock" }],
    ["a socket path past sun_path", { haproxySocket: `/${"a".repeat(107)}` }],
    ["a status URL off loopback", { nginxStatusUrl: "http://10.0.0.1/status" }],
    ["a status URL with a shell expansion", { nginxStatusUrl: "http://127.0.0.1/$(id)" }],
    ["an https status URL", { nginxStatusUrl: "https://127.0.0.1/status" }],
    ["a status URL with an octet over 255", { nginxStatusUrl: "http://127.0.0.256/status" }],
    ["an interval of 0", { intervalSeconds: 0 }],
    ["an interval over 60", { intervalSeconds: 61 }],
    ["a fractional interval", { intervalSeconds: 1.5 }],
    ["an unknown section", { sections: ["ipvsadm", "rm -rf"] }],
    ["no sections", { sections: [] }],
    ["an unknown option", { shell: "/bin/zsh" }],
  ])("refuses %s, naming the option", (_what, override) => {
    const [option] = Object.keys(override);
    let refusal: unknown;
    try {
      buildSamplerScript({ ...base, ...override } as never);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ZodError);
    const issue = (refusal as ZodError).issues[0];
    // An unknown key is named in the issue's keys; any other refusal by the path of the bad value.
    expect(issue?.path[0] ?? (issue as { keys?: string[] } | undefined)?.keys?.[0]).toBe(option);
  });

  it("refuses the nginx section without a status URL", () => {
    expect(() => buildSamplerScript({ ...base, sections: ["nginx-status"] })).toThrow(/nginxStatusUrl/);
  });
});

describe("buildSamplerInvocation", () => {
  it("runs /bin/sh reading the program from stdin, so the command line stays short and unquoted", () => {
    expect(buildSamplerInvocation("echo 'hi'", { useSudo: false })).toEqual({
      command: "/bin/sh -s",
      stdin: "echo 'hi'",
    });
  });

  it("puts sudo -n (never a prompt) in front when asked", () => {
    expect(buildSamplerInvocation("true", { useSudo: true })).toEqual({
      command: "sudo -n /bin/sh -s",
      stdin: "true",
    });
  });
});
