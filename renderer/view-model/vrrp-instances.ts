/** keepalived's VRRP instances as the VRRP panel shows them: state, priorities, VIPs. */
import type { HostSnapshot } from "../../core/api.ts";
import { NO_VALUE } from "./format-rate.ts";
import { vrrpStateTone, type StatusTone } from "./status-tone.ts";

export interface VrrpInstanceRow {
  name: string;
  state: string;
  tone: StatusTone;
  priority: string;
  /** Differs from the configured priority when a tracked script or interface has lowered it. */
  effectivePriority: string;
  priorityLowered: boolean;
  virtualIps: string;
}

export interface VrrpPanel {
  running: boolean;
  instances: VrrpInstanceRow[];
}

export function toVrrpPanel(snapshot: Pick<HostSnapshot, "vrrp">): VrrpPanel | undefined {
  if (!snapshot.vrrp) return undefined;
  return {
    running: snapshot.vrrp.running,
    instances: snapshot.vrrp.instances.map((instance) => {
      const effective = instance.effectivePriority ?? instance.priority;
      return {
        name: instance.name,
        state: instance.state.toUpperCase(),
        tone: vrrpStateTone(instance.state),
        priority: instance.priority === undefined ? NO_VALUE : String(instance.priority),
        effectivePriority: effective === undefined ? NO_VALUE : String(effective),
        priorityLowered:
          instance.priority !== undefined && effective !== undefined && effective < instance.priority,
        virtualIps: instance.virtualIps.length === 0 ? NO_VALUE : instance.virtualIps.join(", "),
      };
    }),
  };
}
