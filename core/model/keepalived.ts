/** keepalived's state as read from its DATA dump (SIGUSR1 -> keepalived.data). Secrets are redacted. */
export type VrrpState = "INIT" | "BACKUP" | "MASTER" | "FAULT" | "STOP" | "DELETED" | string;

export interface VrrpInstance {
  name: string;
  state: VrrpState;
  wantState?: VrrpState;
  /** Unix time (seconds, fractional) of the last transition. */
  lastTransition?: number;
  interface?: string;
  virtualRouterId?: number;
  priority?: number;
  effectivePriority?: number;
  advertIntervalMs?: number;
  /** Master down timer in microseconds. */
  masterDownTimerUs?: number;
  preempt?: boolean;
  /** BACKUP only: the current master's address and priority ("Master router = 192.0.2.1"). */
  masterRouter?: string;
  masterPriority?: number;
  /** VIPs as written in the dump: "10.1.0.1/24 dev ens3 scope global set" -> address + prefix + device. */
  virtualIps: {
    address: string;
    prefixLength?: number;
    device?: string;
    /** The dump's trailing "set": keepalived has configured this address on this node (MASTER). */
    installed?: boolean;
  }[];
  trackedScripts: { name: string; weight?: number }[];
  /** Every "Key = value" of the instance block as text (auth data redacted). */
  fields: Record<string, string>;
}

export interface KeepalivedVirtualServerRef {
  /** As printed: "10.0.0.1:80" / "[2001:db8::1]:80" / "FWM 1". */
  key: string;
  protocol?: string;
  realServers: { address: string; port: number; weight?: number; alive?: boolean }[];
}

export interface KeepalivedData {
  instances: VrrpInstance[];
  scripts: { name: string; status?: string }[];
  virtualServers: KeepalivedVirtualServerRef[];
  /** How many secrets were replaced by "<redacted>". */
  redactedSecrets: number;
}
