/**
 * The order ssh(1) tries: agent keys, then IdentityFile keys (asking for passphrases of
 * encrypted ones), then passwords. Each method is offered only when the server still accepts it.
 * IdentitiesOnly skips the agent entirely (OpenSSH would still use agent copies of the
 * configured keys; Fulcrum reads the files instead).
 */
import { readFile } from "node:fs/promises";
import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware, type ParsedKey } from "ssh2";
import type { CredentialPrompts } from "./credentials.ts";
import type { ResolvedHost } from "./ssh-config.ts";

const maxPromptAttempts = 3;

export interface AuthOptions {
  /** Default agent socket when the config sets no IdentityAgent (usually SSH_AUTH_SOCK). */
  agentSocket?: string;
  prompts?: CredentialPrompts;
}

function destinationOf(hop: ResolvedHost): string {
  return `${hop.user}@${hop.hostName}:${hop.port}`;
}

async function loadIdentity(
  file: string,
  destination: string,
  prompts: CredentialPrompts | undefined,
): Promise<ParsedKey | undefined> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return undefined; // missing or unreadable: ssh skips it too
  }
  const first = (parsed: ReturnType<typeof ssh2.utils.parseKey>): ParsedKey | Error =>
    Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
  let key = first(ssh2.utils.parseKey(data));
  if (!(key instanceof Error)) return key;
  if (!/no passphrase given/i.test(key.message) || !prompts?.askPassphrase) return undefined;
  for (let attempt = 1; attempt <= maxPromptAttempts; attempt++) {
    const passphrase = await prompts.askPassphrase({
      kind: "passphrase-needed",
      keyFile: file,
      destination,
      attempt,
    });
    if (passphrase === undefined) return undefined;
    key = first(ssh2.utils.parseKey(data, passphrase));
    if (!(key instanceof Error)) return key;
  }
  return undefined;
}

export function createAuthHandler(hop: ResolvedHost, options: AuthOptions): AuthHandlerMiddleware {
  const username = hop.user;
  const destination = destinationOf(hop);
  const agent =
    hop.identityAgent === "none" || hop.identitiesOnly
      ? undefined
      : (hop.identityAgent ?? options.agentSocket);
  let allowed: string[] | null = null;
  const accepts = (method: string) => allowed === null || allowed.includes(method);

  async function* candidates(): AsyncGenerator<AnyAuthMethod> {
    if (agent && accepts("publickey")) yield { type: "agent", username, agent };
    for (const file of hop.identityFiles) {
      if (!accepts("publickey")) break;
      const key = await loadIdentity(file, destination, options.prompts);
      if (key) yield { type: "publickey", username, key };
    }
    const askPassword = options.prompts?.askPassword;
    for (let attempt = 1; askPassword && attempt <= maxPromptAttempts; attempt++) {
      const viaKeyboard = !accepts("password") && accepts("keyboard-interactive");
      if (!accepts("password") && !viaKeyboard) break;
      const password = await askPassword({ kind: "password-needed", destination, attempt });
      if (password === undefined) break;
      yield viaKeyboard
        ? {
            type: "keyboard-interactive",
            username,
            prompt: (_n, _i, _l, prompts, finish) => finish(prompts.map(() => password)),
          }
        : { type: "password", username, password };
    }
  }

  const queue = candidates();
  return (methodsLeft, _partialSuccess, next) => {
    if (methodsLeft) allowed = methodsLeft;
    queue.next().then(
      (step) => next(step.done ? (false as unknown as AnyAuthMethod) : step.value),
      () => next(false as unknown as AnyAuthMethod),
    );
  };
}
