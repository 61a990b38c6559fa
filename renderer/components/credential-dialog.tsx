import { useState, type FormEvent } from "react";
import { useHostSetup } from "../state/host-setup-context.tsx";
import { fillParts } from "./fill-parts.tsx";
import { useI18n } from "../state/i18n-context.tsx";

/**
 * The oldest waiting login question (a key's passphrase or a password), as a modal dialog. The
 * secret lives in this component's state only until it is sent, and is cleared with the dialog.
 */
export function CredentialDialog() {
  const { t, raw } = useI18n();
  const question = useHostSetup((state) => state.questions[0]);
  const answerGiven = useHostSetup((state) => state.answerGiven);
  const [secret, setSecret] = useState("");
  if (!question) return null;

  const answer = (value: string | undefined) => {
    setSecret("");
    void answerGiven(question.promptId, value);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    answer(secret);
  };
  const isPassphrase = question.kind === "passphrase-needed";

  return (
    <div className="modal-backdrop">
      <form
        className="modal credential-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="credential-title"
        data-testid="credential-dialog"
        data-host-id={question.hostId}
        onSubmit={submit}
      >
        <h3 id="credential-title">
          {isPassphrase
            ? t("credential.passphraseTitle", { host: question.hostId })
            : t("credential.passwordTitle", { host: question.hostId })}
        </h3>
        <p>
          {fillParts(isPassphrase ? raw("credential.withKey") : raw("credential.plain"), {
            destination: <code>{question.destination}</code>,
            keyFile: <code data-testid="credential-key-file">{question.keyFile}</code>,
          })}{" "}
          {t("credential.notStored")}
        </p>
        {question.attempt > 1 && (
          <p className="problem" data-testid="credential-retry">
            {t("credential.retry", { attempt: question.attempt })}
          </p>
        )}
        <input
          type="password"
          data-testid="credential-secret"
          autoComplete="off"
          autoFocus
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          aria-label={isPassphrase ? t("credential.passphrase") : t("credential.password")}
        />
        <div className="buttons">
          <button type="submit" data-testid="credential-submit">
            {isPassphrase ? t("credential.unlock") : t("credential.logIn")}
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="credential-skip"
            onClick={() => answer(undefined)}
          >
            {isPassphrase ? t("credential.skipKey") : t("credential.cancel")}
          </button>
        </div>
      </form>
    </div>
  );
}
