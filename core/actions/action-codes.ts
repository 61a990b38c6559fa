/**
 * The closed vocabularies of actions, for every family (IPVS, HAProxy, config edits): how an apply
 * ended, what each command did, the warnings and guards of a plan, and why a plan, an apply or an
 * undo was refused. Each code has one meaning, written beside it. core/api.ts carries them to the
 * console and the audit log keeps them, so a code is never renamed: add one instead.
 */
import { z } from "zod";

/** How an apply ended. */
export const ApplyOutcomeSchema = z.enum([
  /** Ran, and a re-read shows the expected state. */
  "verified",
  /** Ran, but the expected state was not seen within the verification bound. */
  "not-verified",
  /** Compare-and-set: the target changed since the plan; nothing was run. */
  "aborted",
  /** Refused before anything ran (another action holds the host, the plan expired...). */
  "refused",
  /** The change failed, or was shown not to have happened. */
  "failed",
  /** The connection dropped and no re-read could tell what happened. */
  "unknown",
]);
export type ApplyOutcome = z.infer<typeof ApplyOutcomeSchema>;

/** Whether one command took effect on the host. */
export const CommandStatusSchema = z.enum([
  /** It ran and took effect (or a re-read after a lost connection shows it did). */
  "applied",
  /** It ran and failed, or a re-read shows it did not take effect. */
  "not-applied",
  /** The connection dropped while it ran and no re-read could tell. */
  "unknown",
  /** It was never sent. */
  "not-run",
]);
export type CommandStatus = z.infer<typeof CommandStatusSchema>;

/**
 * What the operator should know before a change runs, none of which stops it. One code per
 * meaning, whichever family's plan carries it.
 */
export const WarningCodeSchema = z.enum([
  /** IPVS: keepalived manages this virtual server and will set its own weights again. */
  "keepalived-managed",
  /** IPVS: weight 0 on a persistent service still receives clients whose template points here. */
  "persistence",
  /** IPVS: net.ipv4.vs.expire_quiescent_template=1 would expire those templates at once. */
  "expire-quiescent-template",
  /** IPVS: DR/TUN replies go around the director, so outbound traffic is not predicted. */
  "outbound-unknown",
  /** The share of new connections cannot be predicted (hashing schedulers, persistence). */
  "share-unknown",
  /** No current rates for the service: load predictions are unknown. */
  "rates-unknown",
  /** Backends whose share grows have no capacity to check the load against. */
  "capacity-unknown",
  /** IPVS: the state read shows no -x/-y thresholds, which an edit would reset to 0. */
  "thresholds-unknown",
  /** HAProxy: a runtime change that a reload loses (no server-state-file loaded). */
  "runtime-only",
  /** HAProxy: an agent check reports for this server and may undo the change. */
  "agent-check",
  /** HAProxy: maint also stops health checks (drain keeps them). */
  "maint-stops-checks",
]);
export type WarningCode = z.infer<typeof WarningCodeSchema>;

/** Conditions that make a change wait for typed confirmation (the guards lifted by it). */
export const GuardCodeSchema = z.enum([
  /** The change leaves the service with no backend that takes new connections. */
  "last-weighted-backend",
  /** A remaining backend would carry more than the capacity fraction of its connection limit. */
  "capacity",
  /** The host is marked production: every change is confirmed by typing. */
  "production",
]);
export type GuardCode = z.infer<typeof GuardCodeSchema>;

export const PlanWarningSchema = z.object({ code: WarningCodeSchema, message: z.string() });
export const GuardHitSchema = z.object({ code: GuardCodeSchema, message: z.string() });

/**
 * Why a plan was not made, or an apply or undo was refused (nothing was run). One vocabulary for
 * every action family; `confirmation-required` is the one the operator can lift by typing.
 */
export const RefusalCodeSchema = z.enum([
  /** The intent's values do not validate (a service, a backend, a weight). */
  "invalid-input",
  /** The intent names another family's target (an HAProxy backend given to IPVS actions). */
  "wrong-family",
  /** This host has nothing of that family to act on (no IPVS table, no HAProxy). */
  "family-unavailable",
  /** The host's current state (table, servers, file) could not be read, so nothing was planned. */
  "state-unreadable",
  /** HAProxy: no admin socket was named and haproxy.cfg declares none Fulcrum can use. */
  "no-admin-socket",
  /** The service (IPVS virtual service, nginx upstream, keepalived virtual server) is not there. */
  "service-not-found",
  /** The backend (real server, HAProxy server, upstream server) is not in that service. */
  "backend-not-found",
  /** restore: the backend is there already. */
  "backend-exists",
  /** undrain/restore: no earlier drain or remove recorded the settings to go back to. */
  "nothing-remembered",
  /** The target already shows what the intent asks for. */
  "no-change",
  /** IPVS: a forwarding method ipvsadm cannot set. */
  "unsupported-forward",
  /** A config file laid out (or encoded) in a way Fulcrum will not rewrite: edit it by hand. */
  "edit-by-hand",
  /** Guards fired; typing `confirmText` lifts them for one plan. */
  "confirmation-required",
  /** apply: another action holds this host's lock (in this process or another Fulcrum). */
  "host-busy",
  /** apply: the plan id is unknown or older than 5 minutes: plan again. */
  "plan-expired",
  /** undo: no audit entry with that id for this host. */
  "entry-not-found",
  /** undo: the entry changed nothing, so there is nothing to undo. */
  "nothing-to-undo",
  /** undo: the entry does not record what its undo needs, or its record does not validate. */
  "entry-incomplete",
  /** undo: the target no longer shows what the entry set; someone changed it since. */
  "changed-since-entry",
  /**
   * failover: only stopping keepalived on the master is left (no usable track file), and the node
   * shows no way it runs keepalived that Fulcrum can stop and start again (no active systemd unit,
   * OpenRC or runit service, init script managing it, nor a pid file naming a running keepalived).
   */
  "keepalived-control-unknown",
  /** undo: a later entry undid this one already; undo (redo) that entry instead. */
  "already-undone",
]);
export type RefusalCode = z.infer<typeof RefusalCodeSchema>;
