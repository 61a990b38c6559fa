import type { HaproxyServerState as RuntimeState } from "../../commands/haproxy.ts";
import type { HaproxyName, HaproxyWeight } from "../../commands/validated.ts";

/** What the operator asks of one HAProxy server, with names and values already validated. */
export type HaproxyIntent =
  | { kind: "haproxy-state"; backend: HaproxyName; server: HaproxyName; state: RuntimeState }
  | { kind: "haproxy-weight"; backend: HaproxyName; server: HaproxyName; weight: HaproxyWeight };
