/**
 * What a session may ask its owner for while authenticating. The answers are used for the one
 * attempt and never stored: a reconnect asks again.
 */
export interface PassphraseRequest {
  kind: "passphrase-needed";
  /** The encrypted private key file. */
  keyFile: string;
  /** `user@host:port` of the hop being authenticated. */
  destination: string;
  /** 1 on the first ask for this key; more after a wrong passphrase. */
  attempt: number;
}

export interface PasswordRequest {
  kind: "password-needed";
  destination: string;
  attempt: number;
}

export interface CredentialPrompts {
  /** Resolve undefined to skip the key. */
  askPassphrase?(request: PassphraseRequest): Promise<string | undefined>;
  /** Resolve undefined to give up on passwords. */
  askPassword?(request: PasswordRequest): Promise<string | undefined>;
}
