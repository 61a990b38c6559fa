/**
 * What a console (the desktop app, or `fulcrum serve`) needs to follow the operator's real hosts:
 * the saved host list and the audit log in the data folder, one action lock set, and how to open a
 * host by alias. Both carriers build it the same way, so they read and write the same files.
 */
import { HostActionLocks } from "../actions/host-action-lock.ts";
import { actionLocksFolder } from "../actions/action-locks-folder.ts";
import { AuditLog } from "../audit/audit-log.ts";
import { auditLogPath } from "../audit/data-folder.ts";
import type { EventHub } from "../carrier/event-hub.ts";
import { fulcrumDataFolder } from "../data-folder.ts";
import type { HostSetup } from "./app-core.ts";
import { HostInventory, hostInventoryPath } from "./host-inventory.ts";
import { sshHostOpener } from "./open-ssh-host.ts";
import { homedir } from "node:os";

export interface ConsoleSetupOptions {
  events: EventHub;
  intervalSeconds: number;
  configFile?: string;
  transient?: HostSetup["transient"];
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export interface ConsoleSetup {
  setup: HostSetup;
  audit: AuditLog;
}

export function createConsoleSetup(options: ConsoleSetupOptions): ConsoleSetup {
  const home = options.home ?? homedir();
  const env = options.env ?? process.env;
  const audit = new AuditLog(auditLogPath(env, home));
  const open = sshHostOpener({
    events: options.events,
    audit,
    locks: new HostActionLocks({ folder: actionLocksFolder(env, home) }),
    intervalSeconds: options.intervalSeconds,
    home,
    env,
    ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
  });
  return {
    audit,
    setup: {
      inventory: new HostInventory(hostInventoryPath(fulcrumDataFolder(env, home))),
      open,
      ...(options.transient ? { transient: options.transient } : {}),
    },
  };
}
