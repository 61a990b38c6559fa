/**
 * Opens the SSH session for a CLI command and turns its typed problems into one operator-readable
 * line: what failed and what to do about it.
 */
import { openHostSession } from "../core/ssh/open-host-session.ts";
import { SessionProblemError } from "../core/ssh/problem.ts";
import type { HostSession } from "../core/ssh/session.ts";
import { UsageError } from "./exit-codes.ts";

const ALIAS = /^[A-Za-z0-9_.@:-][A-Za-z0-9_.@:%+-]{0,252}$/;

/** A host alias as ~/.ssh/config names it; anything else is bad input (exit 2), before any connection. */
export function checkHostAlias(alias: string): string {
  if (!ALIAS.test(alias)) throw new UsageError(`not a host alias: ${JSON.stringify(alias)}`);
  return alias;
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
