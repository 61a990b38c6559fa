import { useState, type FormEvent } from "react";
import { useHostSetup } from "../state/host-setup-context.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { CoreText } from "./core-text.tsx";

/** Adds a host by its ~/.ssh/config alias: where it is and how to log in stay in the ssh config. */
export function AddHostForm() {
  const { t } = useI18n();
  const [alias, setAlias] = useState("");
  const [production, setProduction] = useState(false);
  const status = useHostSetup((state) => state.addStatus);
  const addRequested = useHostSetup((state) => state.addRequested);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = alias.trim();
    if (wanted === "") return;
    void addRequested(wanted, production).then((added) => {
      if (added) {
        setAlias("");
        setProduction(false);
      }
    });
  };

  return (
    <form className="add-host" data-testid="add-host" onSubmit={submit} aria-label={t("addHost.label")}>
      <label>
        {t("addHost.alias")}
        <input
          data-testid="add-host-alias"
          value={alias}
          onChange={(event) => setAlias(event.target.value)}
          placeholder={t("addHost.placeholder")}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="add-host-production"
          checked={production}
          onChange={(event) => setProduction(event.target.checked)}
        />
        {t("addHost.production")}
      </label>
      <button type="submit" data-testid="add-host-submit" disabled={status.phase === "adding"}>
        {status.phase === "adding" ? t("addHost.adding") : t("addHost.submit")}
      </button>
      {status.phase === "failed" && (
        <p className="problem" role="alert" data-testid="add-host-error">
          <CoreText text={status.message} />
        </p>
      )}
    </form>
  );
}
