/**
 * Opens real hosts for the app core: the alias resolved from ~/.ssh/config (or `ssh -F FILE`), a
 * session whose questions go to the console, and the host's monitor and actions. Nothing connects
 * until the host set starts it.
 */
import type { HostActionLocks } from "../actions/host-action-lock.ts";
import type { AuditLog } from "../audit/audit-log.ts";
import type { EventHub } from "../carrier/event-hub.ts";
import { openHostSession } from "../ssh/open-host-session.ts";
import type { OpenRealHost } from "./app-core.ts";
import { createSshHost } from "./ssh-hosts.ts";

export interface SshHostOpenerOptions {
  events: EventHub;
  audit: AuditLog;
  locks: HostActionLocks;
  intervalSeconds: number;
  /** Another ssh config file, as `ssh -F FILE`. */
  configFile?: string;
  /** The home whose ~/.ssh is read (default: the HOME variable). */
  home?: string;
  /** Where FULCRUM_DATA is read for the trust store (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

export function sshHostOpener(options: SshHostOpenerOptions): OpenRealHost {
  const { events, audit, locks, intervalSeconds, configFile, home, env } = options;
  return async (alias, production, prompts) => {
    const session = await openHostSession(alias, {
      prompts,
      ...(configFile === undefined ? {} : { configFile }),
      ...(home === undefined ? {} : { home }),
      ...(env === undefined ? {} : { env }),
    });
    return createSshHost({ session, production, sampler: { intervalSeconds } }, events, { audit, locks });
  };
}
