/**
 * The closed vocabularies of the contract that are not actions' (those are actions/action-codes.ts):
 * session problems, API error codes, alert kinds. Each code has one meaning, written beside it;
 * core/api.ts carries them, and test/unit/architecture/closed-vocabulary.test.ts keeps them closed.
 */
import { z } from "zod";

/**
 * The closed vocabulary of problems a host session reports; the UI switches on `code` (Cockpit's
 * problem codes: few, each with one meaning; when in doubt, internal-error).
 */
export const ProblemCodeSchema = z.enum([
  /** The host (or a jump host) refused every key, passphrase and password offered. */
  "authentication-failed",
  /** The host presented a key no known_hosts file or trust store has: confirm its fingerprint. */
  "unknown-hostkey",
  /** The host presented another key than the one recorded (or a @revoked one): never accepted. */
  "hostkey-changed",
  /** No answer within the bound: connect, handshake, or a remote command that did not finish. */
  "timeout",
  /** Logged in, but refused what was asked: a jump host that will not forward, missing sudo. */
  "access-denied",
  /** What was named does not exist: a host name that does not resolve, a key not awaiting trust. */
  "not-found",
  /** The connection or session ended: closed, refused, reset, or not connected (yet). */
  "terminated",
  /** A remote command ran and exited with a failure status. */
  "command-failed",
  /** Anything else: a bug, or a failure Fulcrum has no better word for. */
  "internal-error",
]);
export type ProblemCode = z.infer<typeof ProblemCodeSchema>;

/**
 * Why a request failed: the `error.code` of its ApiResult envelope, and of the ApiRequestError the
 * renderer receives from either carrier (shared/api-error.ts). A handler fails with a session
 * problem (ProblemCode) or one of the request refusals here; the dispatcher and the carriers add
 * their own. Action refusals are not errors: they are replies (RefusalCodeSchema).
 */
export const ApiErrorCodeSchema = z.enum([
  ...ProblemCodeSchema.options,
  /** addHost/removeHost: this console was started without a host list, so it cannot keep hosts. */
  "no-host-list",
  /** addHost: the host is already followed by this console. */
  "already-followed",
  /** The dispatcher: no request of that name in the contract. */
  "unknown-request",
  /** The dispatcher: the request's payload does not match its schema (nothing was run). */
  "invalid-request",
  /** The dispatcher: the core's reply broke the contract (a core bug, caught outside production). */
  "invalid-reply",
  /** Browser mode: more requests in flight on one socket than a console ever sends. */
  "too-many-requests",
  /** Electron: the request came from a page that is not Fulcrum's own renderer. */
  "forbidden-sender",
  /** Renderer side, never sent: the carrier's connection to the core closed (browser mode). */
  "disconnected",
  /** History requests: no history can be read here (none recorded yet, or from a newer Fulcrum). */
  "no-history",
  /** exportReport: the scope has no recorded data in the range; nothing was written. */
  "no-data-in-range",
  /** exportReport: an export under this exportId is already running (ids are the page's, one per export). */
  "export-in-flight",
  /** exportReport: the operator cancelled the export (cancelReportExport); nothing was written. */
  "export-cancelled",
  /** exportReport as PDF: no engine to print with here (the message names the package). */
  "pdf-unavailable",
  /** exportReport as PDF: the engine ran but wrote no PDF. */
  "print-failed",
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

/** The codes a request handler may fail with (the dispatcher passes them through). */
export const HandlerErrorCodeSchema = ApiErrorCodeSchema.extract([
  ...ProblemCodeSchema.options,
  "no-host-list",
  "already-followed",
  "no-history",
  "no-data-in-range",
  "export-in-flight",
  "export-cancelled",
  "pdf-unavailable",
  "print-failed",
]);
export type HandlerErrorCode = z.infer<typeof HandlerErrorCodeSchema>;

/** What an alertRaised says happened to a backend Fulcrum changed. */
export const AlertKindSchema = z.enum([
  /** Its weight is no longer the one Fulcrum set (keepalived, an agent or someone put one back). */
  "weight-reverted",
  /** Its forwarding method is no longer the one Fulcrum left. */
  "forward-changed",
  /** It is no longer in its service. */
  "backend-gone",
]);
