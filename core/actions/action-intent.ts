/**
 * What an operator asks for, in the operator's own names (DESIGN.md §9): the service as
 * "203.0.113.10:80" / "udp:..." / "fwm:1", the backend as "192.0.2.11:80". Plain JSON, so the same
 * intent crosses the API, the CLI and the audit log.
 */
import type { ForwardMethod } from "../model/ipvs.ts";

export type ActionIntent =
  | { kind: "setWeight"; service: string; backend: string; weight: number }
  | { kind: "drain"; service: string; backend: string }
  /** Restores the remembered weight; `weight` is used when nothing is remembered. */
  | { kind: "undrain"; service: string; backend: string; weight?: number }
  | { kind: "remove"; service: string; backend: string }
  /** Re-adds a removed backend with its remembered settings (or these). */
  | { kind: "restore"; service: string; backend: string; settings?: BackendSettings };

export type ActionKind = ActionIntent["kind"];

/** Everything `ipvsadm -a` needs to put a backend back as it was. */
export interface BackendSettings {
  forward: ForwardMethod;
  weight: number;
  upperThreshold?: number;
  lowerThreshold?: number;
}

/** Settings remembered by an earlier drain or remove (kept in the audit log). */
export interface RememberedBackend {
  /** serviceKey() / backendKey() form. */
  service: string;
  backend: string;
  settings: BackendSettings;
  /** Audit entry that remembered them. */
  entryId?: string;
}
