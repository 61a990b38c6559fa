import { describe, expect, it } from "vitest";
import { keepalivedControlOf } from "../../../../core/actions/failover/keepalived-control.ts";
import { planFailover } from "../../../../core/actions/failover/plan-failover.ts";
import { healthyPair } from "./node-views.ts";

const found = (text: string) => keepalivedControlOf({ rc: 0, text });

describe("how the node runs keepalived, as keepalived-control.sh prints it", () => {
  it.each([
    [
      "method=systemd\nunit=keepalived@lb.service\n",
      ["systemctl", "stop", "keepalived@lb.service"],
      ["systemctl", "start", "keepalived@lb.service"],
    ],
    ["method=openrc\n", ["rc-service", "keepalived", "stop"], ["rc-service", "keepalived", "start"]],
    ["method=runit\n", ["sv", "stop", "keepalived"], ["sv", "start", "keepalived"]],
    ["method=service\n", ["service", "keepalived", "stop"], ["service", "keepalived", "start"]],
    ["method=init-script\n", ["/etc/init.d/keepalived", "stop"], ["/etc/init.d/keepalived", "start"]],
  ])("%j", (text, stop, start) => {
    expect(found(text)).toMatchObject({ control: { stop, start } });
  });

  it("stops a bare daemon by its pid file, only if that pid is keepalived, and starts it again daemonized as it ran", () => {
    const control = found(
      [
        "method=pidfile",
        "pidfile=/srv/n1/keepalived.pid",
        "pid=4242",
        "exe=/usr/sbin/keepalived",
        "arg=keepalived",
        "arg=-P",
        "arg=-n",
        "arg=-f",
        "arg=/srv/n1/keepalived conf",
        "arg=--dont-fork",
        "tmpdir=/srv/n1/tmp",
        "",
      ].join("\n"),
    );
    expect(control).toEqual({
      control: {
        method: "pidfile",
        how: "a bare daemon (pid 4242 in /srv/n1/keepalived.pid), no service manager",
        stop: ["pkill", "-TERM", "-x", "-F", "/srv/n1/keepalived.pid", "keepalived"],
        start: ["env", "TMPDIR=/srv/n1/tmp", "/usr/sbin/keepalived", "-P", "-f", "/srv/n1/keepalived conf"],
      },
    });
  });

  it("finds nothing to run when the node shows no way, or a bare daemon without its command line", () => {
    expect(keepalivedControlOf({ rc: 1, text: "method=none\n" })).toMatchObject({
      problem: expect.stringContaining("no way to stop keepalived"),
    });
    expect(found("method=pidfile\npidfile=/run/x.pid\npid=9\n")).toMatchObject({
      problem: expect.stringContaining("command line"),
    });
    expect(keepalivedControlOf(undefined)).toMatchObject({ problem: expect.any(String) });
  });

  it("refuses the blunt method with keepalived-control-unknown when it is the only one and the node shows no way", () => {
    const nodes = healthyPair({ trackFile: false });
    delete nodes.master.control;
    nodes.master.controlProblem = "no way to stop keepalived was found on the node";
    const plan = planFailover(nodes);
    expect(plan.blocked).toBe(true);
    const check = plan.checks.find((candidate) => candidate.id === "method-available");
    expect(check).toMatchObject({ status: "failed", code: "keepalived-control-unknown" });
    expect(check?.message).toContain("no way to stop keepalived was found");
  });

  it("says in the plan what it will run to stop and start keepalived", () => {
    const nodes = healthyPair({ trackFile: false });
    nodes.master.control = {
      method: "pidfile",
      how: "a bare daemon (pid 7 in /run/k.pid), no service manager",
      stop: ["pkill", "-TERM", "-x", "-F", "/run/k.pid", "keepalived"],
      start: ["keepalived", "-P"],
    };
    const plan = planFailover(nodes);
    expect(plan.method?.kind).toBe("stop-keepalived");
    expect(plan.method?.explanation).toContain("pkill -TERM -x -F /run/k.pid keepalived");
    expect(plan.method?.explanation).toContain("a bare daemon");
    expect(plan.steps.map((s) => s.shell)).toEqual(["pkill -TERM -x -F /run/k.pid keepalived"]);
    expect(plan.rollback.map((s) => s.shell)).toEqual(["keepalived -P"]);
  });
});
