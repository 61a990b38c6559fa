import { useState, type FormEvent } from "react";
import { useHostSetup } from "../state/host-setup-context.tsx";

/**
 * The oldest waiting login question (a key's passphrase or a password), as a modal dialog. The
 * secret lives in this component's state only until it is sent, and is cleared with the dialog.
 */
export function CredentialDialog() {
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
          {isPassphrase ? "Passphrase for an SSH key" : "Password"} — {question.hostId}
        </h3>
        <p>
          {isPassphrase ? (
            <>
              Logging in to <code>{question.destination}</code> with the encrypted key{" "}
              <code data-testid="credential-key-file">{question.keyFile}</code>.
            </>
          ) : (
            <>
              Logging in to <code>{question.destination}</code>.
            </>
          )}{" "}
          Fulcrum uses it for this login only and never stores it.
        </p>
        {question.attempt > 1 && (
          <p className="problem" data-testid="credential-retry">
            That was not accepted; try again (attempt {question.attempt}).
          </p>
        )}
        <input
          type="password"
          data-testid="credential-secret"
          autoComplete="off"
          autoFocus
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          aria-label={isPassphrase ? "Passphrase" : "Password"}
        />
        <div className="buttons">
          <button type="submit" data-testid="credential-submit">
            {isPassphrase ? "Unlock key" : "Log in"}
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="credential-skip"
            onClick={() => answer(undefined)}
          >
            {isPassphrase ? "Skip this key" : "Cancel"}
          </button>
        </div>
      </form>
    </div>
  );
}
