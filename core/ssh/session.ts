/**
 * One operator-facing connection to a host: an explicit state machine
 *
 *   idle -> connecting -> ready -(connection lost)-> retrying(at) -> connecting -> ...
 *                      \-> failed(problem)     (needs the operator: key, credentials, trust)
 *   any -> closed                              (close(); terminal)
 *
 * Every change is emitted as `stateChanged`. Transient problems (timeout, terminated) retry with
 * exponential backoff and jitter; everything else fails and waits for connect(). Host keys that
 * are not trusted refuse the connection; an unknown one may be confirmed with trustHostKey().
 */
import type { ClientChannel } from "ssh2";
import type { Readable, Writable } from "node:stream";
import type { SessionState } from "../api.ts";
import { backoffDelay, defaultBackoff, type BackoffPolicy } from "./backoff.ts";
import { systemClock, type Clock } from "./clock.ts";
import { openConnection, type OpenConnection, type PresentedHostKey } from "./connect-chain.ts";
import type { CredentialPrompts } from "./credentials.ts";
import {
  channelExit,
  openChannel,
  runOnChannel,
  type ExecOptions,
  type ExecResult,
  type ExitStatus,
} from "./exec-channel.ts";
import type { HostKeyPolicy } from "./host-key-policy.ts";
import {
  isTransient,
  makeProblem,
  problemError,
  problemFromSsh2Error,
  SessionProblemError,
} from "./problem.ts";
import { remoteCommandLine } from "./remote-command.ts";
import type { ResolvedHost } from "./ssh-config.ts";

export interface HostSessionOptions {
  target: ResolvedHost;
  hostKeys: HostKeyPolicy;
  prompts?: CredentialPrompts;
  /** Agent socket when the config names none; defaults to SSH_AUTH_SOCK. */
  agentSocket?: string;
  clock?: Clock;
  /** [0, 1) source for backoff jitter. */
  random?: () => number;
  backoff?: Partial<BackoffPolicy>;
  /** Keepalive seconds when the config sets no ServerAliveInterval. Default 15. */
  defaultKeepaliveSeconds?: number;
  /** Replaces the real connector (for tests of the state machine). */
  connect?: typeof openConnection;
}

/** A long-running command's channel, for loops like the sampler's. */
export interface RemoteStream {
  stdout: Readable;
  stderr: Readable;
  stdin: Writable;
  /** Settles when the channel closes; rejects with `terminated` if the connection was lost. */
  exited: Promise<ExitStatus>;
  close(): void;
}

export type StateListener = (state: SessionState) => void;

interface LiveConnection {
  open: OpenConnection;
  /** Rejects once, when the connection goes away for any reason. */
  lost: Promise<never>;
}

export class HostSession {
  readonly target: ResolvedHost;
  readonly #options: HostSessionOptions;
  readonly #clock: Clock;
  readonly #backoff: BackoffPolicy;
  readonly #listeners = new Set<StateListener>();
  #state: SessionState = { phase: "idle" };
  #connection: LiveConnection | undefined;
  #attempt = 0;
  #retryTimer: unknown;
  #untrusted: PresentedHostKey[] = [];
  #settle: Array<{ resolve(): void; reject(error: SessionProblemError): void }> = [];

  constructor(options: HostSessionOptions) {
    this.target = options.target;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#backoff = { ...defaultBackoff, ...options.backoff };
  }

  get state(): SessionState {
    return this.#state;
  }

  get #where(): string {
    return `${this.target.user}@${this.target.hostName}:${this.target.port}`;
  }

  on(event: "stateChanged", listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Starts connecting (from idle or failed; a no-op while connecting, ready or retrying).
   * Resolves when ready; rejects with the problem when the session fails or is closed.
   */
  connect(): Promise<void> {
    const { phase } = this.#state;
    if (phase === "ready") return Promise.resolve();
    if (phase === "closed")
      return Promise.reject(problemError("terminated", `${this.#where}: session closed`));
    const settled = new Promise<void>((resolve, reject) => this.#settle.push({ resolve, reject }));
    if (phase === "idle" || phase === "failed") {
      this.#attempt = 0;
      void this.#attemptConnection();
    }
    return settled;
  }

  /** Records an unknown host key the operator confirmed; the next connect() will accept it. */
  async trustHostKey(fingerprint: string): Promise<void> {
    const presented = this.#untrusted.find((p) => p.key.fingerprint === fingerprint);
    if (!presented)
      throw problemError("not-found", `${this.#where}: no host key ${fingerprint} is awaiting confirmation`);
    await this.#options.hostKeys.trust(presented.target, presented.key);
    this.#untrusted = this.#untrusted.filter((p) => p !== presented);
  }

  async exec(command: string | readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const connection = await this.#ready();
    const line = remoteCommandLine(command);
    const channel = await Promise.race([
      openChannel(connection.open.client, line, this.#where),
      connection.lost,
    ]);
    return Promise.race([runOnChannel(channel, line, options, this.#clock, this.#where), connection.lost]);
  }

  async openStream(command: string | readonly string[]): Promise<RemoteStream> {
    const connection = await this.#ready();
    const channel: ClientChannel = await Promise.race([
      openChannel(connection.open.client, command, this.#where),
      connection.lost,
    ]);
    return {
      stdout: channel,
      stderr: channel.stderr,
      stdin: channel,
      exited: Promise.race([channelExit(channel), connection.lost]),
      close: () => channel.close(),
    };
  }

  /** Ends the connection and any retry; the session is finished. */
  close(): void {
    if (this.#state.phase === "closed") return;
    this.#clock.clearTimeout(this.#retryTimer);
    const connection = this.#connection;
    this.#connection = undefined;
    this.#setState({ phase: "closed" });
    this.#rejectWaiters(problemError("terminated", `${this.#where}: session closed`));
    if (connection) for (const client of [...connection.open.clients].reverse()) client.end();
  }

  async #ready(): Promise<LiveConnection> {
    if (this.#state.phase === "connecting" || this.#state.phase === "idle") await this.connect();
    if (this.#state.phase === "ready" && this.#connection) return this.#connection;
    const { phase, problem, retryAt } = this.#state;
    if (phase === "failed" && problem) throw new SessionProblemError(problem);
    const when = retryAt === undefined ? "" : `; next attempt at ${new Date(retryAt).toISOString()}`;
    throw problemError("terminated", `${this.#where}: not connected (${phase}${when})`);
  }

  #setState(state: SessionState): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener(state);
  }

  #rejectWaiters(error: SessionProblemError): void {
    for (const waiter of this.#settle.splice(0)) waiter.reject(error);
  }

  async #attemptConnection(): Promise<void> {
    this.#setState({ phase: "connecting" });
    const connect = this.#options.connect ?? openConnection;
    let open: OpenConnection;
    try {
      open = await connect(this.target, {
        hostKeys: this.#options.hostKeys,
        defaultKeepaliveSeconds: this.#options.defaultKeepaliveSeconds ?? 15,
        agentSocket: this.#options.agentSocket ?? process.env["SSH_AUTH_SOCK"],
        prompts: this.#options.prompts,
        onUntrustedKey: (presented, verdict) => {
          if (verdict.status === "unknown") this.#untrusted.push(presented);
        },
      });
    } catch (error) {
      if (this.#state.phase === "closed") return;
      const problem = problemFromSsh2Error(error, this.#where);
      if (isTransient(problem)) this.#scheduleRetry(problem);
      else {
        this.#setState({ phase: "failed", problem });
        this.#rejectWaiters(new SessionProblemError(problem));
      }
      return;
    }
    if (this.#state.phase === "closed") {
      for (const client of [...open.clients].reverse()) client.end();
      return;
    }
    this.#attempt = 0;
    this.#connection = this.#watch(open);
    this.#setState({ phase: "ready" });
    for (const waiter of this.#settle.splice(0)) waiter.resolve();
  }

  /** Any hop closing or failing (keepalive timeout included) loses the whole chain. */
  #watch(open: OpenConnection): LiveConnection {
    let markLost: (error: SessionProblemError) => void = () => {};
    const lost = new Promise<never>((_, reject) => (markLost = reject));
    lost.catch(() => {}); // observed by exec/streams when they race it; unobserved otherwise
    const connection: LiveConnection = { open, lost };
    let reported = false;
    const onLost = (error?: unknown) => {
      if (reported) return;
      reported = true;
      const problem =
        error === undefined
          ? makeProblem("terminated", `${this.#where}: connection closed`)
          : problemFromSsh2Error(error, this.#where);
      markLost(new SessionProblemError(problem));
      for (const client of [...open.clients].reverse()) client.end();
      if (this.#connection !== connection) return;
      this.#connection = undefined;
      if (this.#state.phase === "ready")
        this.#scheduleRetry(isTransient(problem) ? problem : makeProblem("terminated", problem.message));
    };
    for (const client of open.clients) {
      client.on("error", onLost);
      client.on("close", () => onLost());
    }
    return connection;
  }

  #scheduleRetry(problem: SessionState["problem"]): void {
    this.#attempt += 1;
    const delay = backoffDelay(this.#attempt, this.#backoff, this.#options.random ?? Math.random);
    const retryAt = this.#clock.now() + delay;
    this.#setState(problem ? { phase: "retrying", retryAt, problem } : { phase: "retrying", retryAt });
    this.#retryTimer = this.#clock.setTimeout(() => void this.#attemptConnection(), delay);
  }
}
