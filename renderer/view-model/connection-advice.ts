/**
 * What the operator can do about a real host that failed to connect: trust an unknown host key
 * after checking its fingerprint, nothing but investigate for a changed key (never a one-click
 * accept), or try again once the cause is fixed. The core's own message is always shown.
 */
import type { HostSummary } from "../../core/api.ts";

export type ConnectionAdvice =
  | { kind: "none" }
  | { kind: "trust-key"; title: string; detail: string; fingerprint: string; message: string }
  | { kind: "key-changed"; title: string; detail: string; message: string }
  | { kind: "retry"; title: string; detail: string; message: string };

export function connectionAdvice(host: HostSummary): ConnectionAdvice {
  const { phase, problem } = host.state;
  if (host.kind !== "ssh" || phase !== "failed" || !problem) return { kind: "none" };
  const { message } = problem;
  switch (problem.code) {
    case "unknown-hostkey":
      if (!problem.fingerprint) break;
      return {
        kind: "trust-key",
        title: "This host's key is not known yet",
        detail:
          "Compare the fingerprint with the one the host itself reports (on its console: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) before trusting it.",
        fingerprint: problem.fingerprint,
        message,
      };
    case "hostkey-changed":
      return {
        kind: "key-changed",
        title: "The host key changed: connection refused",
        detail:
          "The host presented a different key from the one on record. That happens after a reinstall, or when someone is in the middle. If the change is expected, remove the old key (ssh-keygen -R with the host's name) and try again.",
        message,
      };
    case "authentication-failed":
      return {
        kind: "retry",
        title: "Login refused",
        detail:
          "No key, passphrase or password was accepted. Check the IdentityFile and User in ~/.ssh/config, your ssh-agent, and the host's authorized_keys.",
        message,
      };
  }
  return {
    kind: "retry",
    title: "Could not connect",
    detail: "Fix the cause below, then try again.",
    message,
  };
}
