/**
 * Typed problems for the SSH layer, in the closed vocabulary of core/api.ts. Sessions never show
 * dialogs or throw bare errors at callers: they reject with a SessionProblemError whose `problem`
 * the UI switches on.
 */
import type { Problem, ProblemCode } from "../api.ts";

export class SessionProblemError extends Error {
  override name = "SessionProblemError";
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.message);
    this.problem = problem;
  }
}

export function makeProblem(code: ProblemCode, message: string, fingerprint?: string): Problem {
  return fingerprint === undefined ? { code, message } : { code, message, fingerprint };
}

export function problemError(code: ProblemCode, message: string, fingerprint?: string): SessionProblemError {
  return new SessionProblemError(makeProblem(code, message, fingerprint));
}

/** Problems a later attempt may cure on its own (the host or the path to it coming back). */
export function isTransient(problem: Problem): boolean {
  return problem.code === "timeout" || problem.code === "terminated";
}

type Ssh2Error = Error & { level?: string; code?: string; reason?: number };

/** Maps an error from ssh2 (or the socket under it) for the hop named `where`. */
export function problemFromSsh2Error(error: unknown, where: string): Problem {
  if (error instanceof SessionProblemError) return error.problem;
  const e = (error instanceof Error ? error : new Error(String(error))) as Ssh2Error;
  const detail = `${where}: ${e.message}`;
  switch (e.level) {
    case "client-authentication":
      return makeProblem(
        "authentication-failed",
        `${where}: the server refused every authentication method offered`,
      );
    case "client-timeout":
      return makeProblem("timeout", detail);
    case "client-dns":
      return makeProblem("not-found", detail);
  }
  switch (e.code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return makeProblem("not-found", `${where}: host name not found`);
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return makeProblem("timeout", detail);
    case "ECONNREFUSED":
    case "ECONNRESET":
    case "EPIPE":
      return makeProblem("terminated", detail);
  }
  // RFC 4254 §5.1 channel open failure reasons, for the forward through a jump host.
  if (e.reason === 1)
    return makeProblem("access-denied", `${where}: the jump host refused to forward (${e.message})`);
  if (e.reason === 2)
    return makeProblem("terminated", `${where}: the jump host could not connect (${e.message})`);
  if (e.level === "client-socket" || e.level === "protocol" || e.level === "handshake")
    return makeProblem("terminated", detail);
  return makeProblem("internal-error", detail);
}
