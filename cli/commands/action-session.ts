/**
 * Everything an action needs on one host, opened for one CLI run: the SSH session, an executor on
 * it, the table read once (with rates) for planning, the audit log in the data folder, and who is
 * acting. Production is what the operator says for this run (--production): the CLI keeps no
 * inventory of its own.
 */
import { currentOsUser } from "../../core/actions/current-os-user.ts";
import { dataFolderHostLocks } from "../../core/actions/action-locks-folder.ts";
import { sessionExecutor } from "../../core/actions/host-executor.ts";
import { readKeepalivedServices } from "../../core/actions/keepalived-managed.ts";
import type { ActionContext } from "../../core/actions/run-action.ts";
import { AuditLog } from "../../core/audit/audit-log.ts";
import { auditLogPath } from "../../core/audit/data-folder.ts";
import type { HostSession } from "../../core/ssh/session.ts";
import { connectHost } from "../host-session.ts";
import type { ActionFlags } from "./action-flags.ts";
import { readTableWithRates } from "./read-table-with-rates.ts";

/** What every action of one CLI run shares: the executor, the data folder's locks and audit log, who. */
export function cliActionDeps(session: HostSession) {
  return {
    executor: sessionExecutor(session),
    locks: dataFolderHostLocks((message) => process.stderr.write(`fulcrum: ${message}\n`)),
    audit: new AuditLog(auditLogPath()),
    who: { osUser: currentOsUser(), ...(session.target.user ? { sshUser: session.target.user } : {}) },
  };
}

export interface ActionSession {
  context: ActionContext;
  close(): void;
}

export async function openActionSession(hostAlias: string, flags: ActionFlags): Promise<ActionSession> {
  const session = await connectHost(hostAlias, flags.sshConfig);
  try {
    const deps = cliActionDeps(session);
    const services = await readTableWithRates(deps.executor);
    const keepalivedServices = await readKeepalivedServices(deps.executor);
    return {
      context: {
        host: {
          id: hostAlias,
          production: flags.production,
          keepalivedManaged: { services: keepalivedServices },
        },
        ...deps,
        services,
      },
      close: () => session.close(),
    };
  } catch (error) {
    session.close();
    throw error;
  }
}
