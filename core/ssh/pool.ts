/**
 * One SSH connection per host: sessions keyed by resolved identity (user, address, port and the
 * jump chain), so two aliases for the same machine share a connection and the sampler's stream
 * and the actions' short channels ride on it together.
 */
import { HostSession, type HostSessionOptions } from "./session.ts";
import { hostIdentity, type ResolvedHost } from "./ssh-config.ts";

export type SharedSessionOptions = Omit<HostSessionOptions, "target">;

export class SessionPool {
  readonly #shared: SharedSessionOptions;
  readonly #sessions = new Map<string, HostSession>();

  constructor(shared: SharedSessionOptions) {
    this.#shared = shared;
  }

  /** The session for `target`, created idle on first use (call connect() on it). */
  acquire(target: ResolvedHost): HostSession {
    const identity = hostIdentity(target);
    const existing = this.#sessions.get(identity);
    if (existing && existing.state.phase !== "closed") return existing;
    const session = new HostSession({ ...this.#shared, target });
    this.#sessions.set(identity, session);
    return session;
  }

  get(target: ResolvedHost): HostSession | undefined {
    return this.#sessions.get(hostIdentity(target));
  }

  entries(): Array<[identity: string, session: HostSession]> {
    return [...this.#sessions.entries()];
  }

  release(target: ResolvedHost): void {
    const identity = hostIdentity(target);
    this.#sessions.get(identity)?.close();
    this.#sessions.delete(identity);
  }

  closeAll(): void {
    for (const session of this.#sessions.values()) session.close();
    this.#sessions.clear();
  }
}
