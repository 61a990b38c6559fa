/**
 * Names for the parts of a snapshot, derived from the contract's HostSnapshot (core/api.ts exports
 * the schemas for these but not the types; the renderer may import types only).
 */
import type { HostSnapshot } from "../../core/api.ts";

export type VirtualServiceView = HostSnapshot["services"][number];
export type RealServerView = VirtualServiceView["realServers"][number];
export type RatesView = NonNullable<VirtualServiceView["rates"]>;
export type ForwardMethod = RealServerView["forward"];
