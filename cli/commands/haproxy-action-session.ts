/**
 * What an HAProxy action needs on one host for one CLI run: the SSH session, an executor on it,
 * the audit log in the data folder and who is acting. Unlike the IPVS session it reads no ipvsadm
 * table: an HAProxy box need not have IPVS at all.
 */
import type { HaproxyActionContext } from "../../core/actions/haproxy/run-haproxy-action.ts";
import { currentOsUser } from "../../core/actions/current-os-user.ts";
import { dataFolderHostLocks } from "../../core/actions/action-locks-folder.ts";
import { sessionExecutor } from "../../core/actions/host-executor.ts";
import { AuditLog } from "../../core/audit/audit-log.ts";
import { auditLogPath } from "../../core/audit/data-folder.ts";
import { connectHost } from "../host-session.ts";
import type { HaproxySocketOptions } from "./haproxy-action-args.ts";

export interface HaproxyActionSession {
  context: HaproxyActionContext;
  close(): void;
}

export async function openHaproxyActionSession(
  hostAlias: string,
  sshConfig: string | undefined,
  socketOptions: HaproxySocketOptions,
): Promise<HaproxyActionSession> {
  const session = await connectHost(hostAlias, sshConfig);
  return {
    context: {
      hostId: hostAlias,
      executor: sessionExecutor(session),
      locks: dataFolderHostLocks((message) => process.stderr.write(`fulcrum: ${message}\n`)),
      audit: new AuditLog(auditLogPath()),
      who: { osUser: currentOsUser(), sshUser: session.target.user },
      ...socketOptions,
    },
    close: () => session.close(),
  };
}
