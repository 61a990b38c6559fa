/**
 * Opens the SSH session for a CLI command and turns its typed problems into one operator-readable
 * line: what failed and what to do about it.
 */
import { HostAliasSchema } from "../core/api.ts";
import { openHostSession } from "../core/ssh/open-host-session.ts";
import { SessionProblemError } from "../core/ssh/problem.ts";
import type { HostSession } from "../core/ssh/session.ts";
import { UsageError } from "./exit-codes.ts";

/**
 * A host alias as ~/.ssh/config names it (core/api.ts HostAliasSchema, the one alias rule: the API
 * and hosts.json use it too); anything else is bad input (exit 2), before any connection.
 */
export function checkHostAlias(alias: string): string {
  const checked = HostAliasSchema.safeParse(alias);
  if (!checked.success) {
    throw new UsageError(
      `not a host alias: ${JSON.stringify(alias)} (${checked.error.issues[0]?.message ?? "refused"})`,
    );
  }
  return checked.data;
}

export async function connectHost(alias: string, configFile: string | undefined): Promise<HostSession> {
  checkHostAlias(alias);
  const session = await openHostSession(alias, configFile === undefined ? {} : { configFile });
  try {
    await firstAttempt(session);
  } catch (error) {
    session.close();
    throw new Error(describeConnectFailure(alias, error), { cause: error });
  }
  return session;
}

/**
 * A one-shot command does not wait out the session's retries (it would hang on a host that is
 * down): the first failed attempt is the answer, with its problem.
 */
function firstAttempt(session: HostSession): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = session.on("stateChanged", (state) => {
      if (state.phase !== "retrying") return;
      stop();
      reject(
        new SessionProblemError(state.problem ?? { code: "terminated", message: "the connection failed" }),
      );
    });
    session.connect().then(
      () => {
        stop();
        resolve();
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}

export function describeConnectFailure(alias: string, error: unknown): string {
  if (!(error instanceof SessionProblemError))
    return `${alias}: ${error instanceof Error ? error.message : String(error)}`;
  const { code, message, fingerprint } = error.problem;
  switch (code) {
    case "unknown-hostkey":
      return `${alias}: unknown host key ${fingerprint ?? ""}. Check it with the host's owner, then add it to ~/.ssh/known_hosts (for example by connecting once with ssh) and try again.`;
    case "hostkey-changed":
      return `${alias}: THE HOST KEY HAS CHANGED (${fingerprint ?? "?"}). Refusing to connect: this may be an attack or a reinstalled host. ${message}`;
    default:
      return `${alias}: ${code}: ${message}`;
  }
}
