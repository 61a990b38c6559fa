import { describe, expect, it } from "vitest";
import {
  chooseMethod,
  forceFaultValue,
  lowerPriorityValue,
  usableTrackFiles,
  type UsableTrackFile,
} from "../../../../core/actions/failover/choose-method.ts";
import type { NodeView } from "../../../../core/actions/failover/node-view.ts";
import { parseKeepalivedConfig, readKeepalivedConfig } from "../../../../core/parse/keepalived/config.ts";

const file = (multiplier: number, currentValue = 0): UsableTrackFile => ({
  name: "maint",
  path: "/run/maint",
  multiplier,
  previous: String(currentValue),
  currentValue,
});

describe("track file values", () => {
  it("puts the master one below the peer, whatever the sign and size of the weight", () => {
    expect(lowerPriorityValue(file(1), 160, 110)).toBe(-51); // 160 - 51 = 109
    expect(lowerPriorityValue(file(10), 160, 110)).toBe(-6); // 160 - 60 = 100
    expect(lowerPriorityValue(file(-10), 160, 110)).toBe(6); // 160 - 60 = 100
    // The current value already counts in the effective priority (150 + 2 x 5 = 160): from 150,
    // -41 is needed and the weight 5 rounds it to -45 (value -9, priority 105).
    expect(lowerPriorityValue(file(5, 2), 160, 110)).toBe(-9);
  });

  it("gives no value when only FAULT could lower it that far, or when the weight is 0", () => {
    expect(lowerPriorityValue(file(1), 254, 1)).toBeUndefined(); // would need -254
    expect(lowerPriorityValue(file(0), 160, 110)).toBeUndefined();
  });

  it("forces FAULT at value x weight <= -254, or any non-zero value with weight 0", () => {
    expect(forceFaultValue(file(1))).toBe(-254);
    expect(forceFaultValue(file(100))).toBe(-3);
    expect(forceFaultValue(file(-100))).toBe(3);
    expect(forceFaultValue(file(0))).toBe(1);
  });

  it("resolves the instance's track files with its weight override, reverse and current value", () => {
    const config = parseKeepalivedConfig(`
vrrp_track_file a { file /run/a
  weight 5 }
vrrp_track_file b { file /run/b
  weight 2 reverse }
vrrp_track_file nofile { weight 1 }
vrrp_instance VI_1 {
  track_file {
    a weight -3
    b
    nofile
  }
}`);
    expect(usableTrackFiles(config, "VI_1", { "/run/a": "4\n", "/run/b": null })).toEqual([
      { name: "a", path: "/run/a", multiplier: -3, previous: "4\n", currentValue: 4 },
      { name: "b", path: "/run/b", multiplier: -2, previous: null, currentValue: 0 },
    ]);
    expect(usableTrackFiles(config, "VI_2", {})).toEqual([]);
  });
});

describe("the method for a track file declared as keepalived 2.2.x writes it", () => {
  // keepalived 2.2.7 accepts `track_file NAME { ... }` at the top level (vrrp_track_file is the
  // deprecated name); here it is also in an included file, relative to the including one.
  const config = readKeepalivedConfig({
    main: "/etc/keepalived/keepalived.conf",
    files: new Map([
      [
        "/etc/keepalived/keepalived.conf",
        "include conf.d/*.conf\nvrrp_instance VI_1 {\n priority 150\n track_file {\n  maint weight -1\n }\n}\n",
      ],
      ["/etc/keepalived/conf.d/track.conf", "track_file maint {\n file /run/keepalived/maint\n}\n"],
    ]),
  });
  const master: NodeView = {
    label: "lb1",
    reachable: true,
    keepalived: { alive: true, pid: 10 },
    trackFileValues: { "/run/keepalived/maint": "0\n" },
    config,
    control: { stop: ["systemctl", "stop", "keepalived"], start: ["systemctl", "start", "keepalived"] },
  };

  it("lowers the priority through the track file instead of stopping keepalived", () => {
    const choice = chooseMethod({
      instance: "VI_1",
      master,
      peerPreempt: true,
      masterPriority: 150,
      peerPriority: 100,
    });
    expect(choice.method?.kind).toBe("lower-priority");
    expect(choice.method?.trackFile).toMatchObject({
      name: "maint",
      path: "/run/keepalived/maint",
      multiplier: -1,
      value: 51,
    });
    expect(choice.steps.map((s) => s.argv)).toEqual([["dd", "of=/run/keepalived/maint", "status=none"]]);
  });

  it("forces FAULT through it when the peer does not preempt", () => {
    const choice = chooseMethod({
      instance: "VI_1",
      master,
      peerPreempt: false,
      masterPriority: 150,
      peerPriority: 100,
    });
    expect(choice.method?.kind).toBe("force-fault");
    expect(choice.method?.trackFile?.value).toBe(254);
  });
});
