import { useState } from "react";
import { useI18n } from "../i18n";

/** Accounts have no passwords: signing in is pasting the account's token. */
export function SignIn(props: { onToken: (token: string) => void; refused: boolean }) {
  const { t } = useI18n();
  const [value, setValue] = useState("");
  return (
    <form
      className="signin"
      data-testid="signin"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) props.onToken(value.trim());
      }}
    >
      <h2>{t("signIn.title")}</h2>
      <label>
        {t("signIn.token")}
        <textarea data-testid="token" rows={4} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" spellCheck={false} />
      </label>
      <p className="muted">{t("signIn.tokenHelp")}</p>
      {props.refused && <p className="error" data-testid="signin-refused">{t("signIn.bad")}</p>}
      <button className="primary big" type="submit" data-testid="signin-submit">
        {t("signIn.submit")}
      </button>
    </form>
  );
}
