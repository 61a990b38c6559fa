/**
 * What an HAProxy action needs on one host for one CLI run: the SSH session, an executor on it,
 * the audit log in the data folder and who is acting. Unlike the IPVS session it reads no ipvsadm
 * table: an HAProxy box need not have IPVS at all.
 */
import type { HaproxyActionContext } from "../../core/actions/haproxy/run-haproxy-action.ts";
import { connectHost } from "../host-session.ts";
import { cliActionDeps } from "./action-session.ts";
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
    context: { hostId: hostAlias, ...cliActionDeps(session), ...socketOptions },
    close: () => session.close(),
  };
}
