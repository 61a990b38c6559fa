/**
 * Carries a login's questions (a key's passphrase, a password) from a host's SSH session to whoever
 * is at the console, and the answers back. Each question is published as credentialRequested under
 * a fresh id and waits for answerCredential. Nothing is kept: the answer is handed to the one login
 * attempt that asked and forgotten (a reconnect asks again). An unanswered question expires, so a
 * console nobody watches leaves a failed login behind, not a hung one.
 */
import { randomUUID } from "node:crypto";
import type { CredentialRequest, EventOf } from "../api.ts";
import type { CredentialPrompts, PassphraseRequest, PasswordRequest } from "../ssh/credentials.ts";

/** About the server's own login grace time (OpenSSH LoginGraceTime defaults to 120 s). */
export const DEFAULT_PROMPT_TIMEOUT_MS = 110_000;

export interface CredentialBrokerOptions {
  onRequested: (request: CredentialRequest) => void;
  onSettled: (settled: EventOf<"credentialSettled">) => void;
  timeoutMs?: number;
}

interface PendingPrompt {
  request: CredentialRequest;
  resolve: (secret: string | undefined) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class CredentialBroker {
  readonly #options: CredentialBrokerOptions;
  readonly #pending = new Map<string, PendingPrompt>();

  constructor(options: CredentialBrokerOptions) {
    this.#options = options;
  }

  /** The prompts a host's session asks through. */
  promptsFor(hostId: string): CredentialPrompts {
    return {
      askPassphrase: (request: PassphraseRequest) =>
        this.#ask(hostId, {
          kind: request.kind,
          keyFile: request.keyFile,
          destination: request.destination,
          attempt: request.attempt,
        }),
      askPassword: (request: PasswordRequest) =>
        this.#ask(hostId, { kind: request.kind, destination: request.destination, attempt: request.attempt }),
    };
  }

  /** Questions still waiting, for a console that opens after they were asked. */
  pending(): CredentialRequest[] {
    return [...this.#pending.values()].map((prompt) => prompt.request);
  }

  /** False when the prompt is unknown: answered already, expired, or its host was removed. */
  answer(promptId: string, secret: string | undefined): boolean {
    return this.#settle(promptId, secret, "answered");
  }

  /** Gives up every question of a host that is going away. */
  cancelHost(hostId: string): void {
    for (const [promptId, prompt] of this.#pending) {
      if (prompt.request.hostId === hostId) this.#settle(promptId, undefined, "cancelled");
    }
  }

  cancelAll(): void {
    for (const promptId of [...this.#pending.keys()]) this.#settle(promptId, undefined, "cancelled");
  }

  #ask(
    hostId: string,
    question: Omit<CredentialRequest, "promptId" | "hostId">,
  ): Promise<string | undefined> {
    const promptId = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.#settle(promptId, undefined, "expired"),
        this.#options.timeoutMs ?? DEFAULT_PROMPT_TIMEOUT_MS,
      );
      const request: CredentialRequest = { promptId, hostId, ...question };
      this.#pending.set(promptId, { request, resolve, timer });
      this.#options.onRequested(request);
    });
  }

  #settle(promptId: string, secret: string | undefined, how: EventOf<"credentialSettled">["how"]): boolean {
    const prompt = this.#pending.get(promptId);
    if (!prompt) return false;
    this.#pending.delete(promptId);
    clearTimeout(prompt.timer);
    prompt.resolve(secret);
    this.#options.onSettled({ promptId, how });
    return true;
  }
}
