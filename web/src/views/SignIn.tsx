import { useState } from "react";
import { useI18n } from "../i18n";
import { changePassword, signInWithCode, signInWithPassword } from "../api";

/** People sign in with their account and password (a session cookie the page never sees);
 *  programs' tokens can still be pasted, under "use a token". */
export function SignIn(props: {
  onSignedIn: (mustChange: boolean) => void;
  onToken: (token: string) => void;
  refused: boolean;
}) {
  const { t } = useI18n();
  const [account, setAccount] = useState("");
  const [password, setPassword] = useState("");
  const [value, setValue] = useState("");
  const [code, setCode] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="signin" data-testid="signin">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!account.trim() || !password) return;
          setBusy(true);
          setProblem(null);
          try {
            const me = await signInWithPassword(account.trim(), password);
            props.onSignedIn(me.mustChangePassword);
          } catch (err) {
            setProblem((err as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2>{t("signIn.title")}</h2>
        <label>
          {t("signIn.account")}
          <input data-testid="account" value={account} onChange={(e) => setAccount(e.target.value)} autoComplete="username" autoCapitalize="none" spellCheck={false} />
        </label>
        <label>
          {t("signIn.password")}
          <input data-testid="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
        </label>
        {problem && <p className="error" data-testid="signin-problem">{problem}</p>}
        {props.refused && !problem && <p className="error" data-testid="signin-refused">{t("signIn.bad")}</p>}
        <button className="primary big" type="submit" data-testid="signin-submit" disabled={busy}>
          {t("signIn.submit")}
        </button>
      </form>
      <details data-testid="use-code">
        <summary>{t("signIn.useCode")}</summary>
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setProblem(null);
            try {
              await signInWithCode(code.trim());
              props.onSignedIn(false);
            } catch (err) {
              setProblem((err as Error).message);
            }
          }}
        >
          <label>
            {t("signIn.code")}
            <input data-testid="code" inputMode="numeric" autoComplete="one-time-code" maxLength={8} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))} />
          </label>
          <button className="primary big" type="submit" data-testid="code-submit">
            {t("signIn.submit")}
          </button>
        </form>
      </details>
      <details data-testid="use-token">
        <summary>{t("signIn.useToken")}</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (value.trim()) props.onToken(value.trim());
          }}
        >
          <label>
            {t("signIn.token")}
            <textarea data-testid="token" rows={4} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" spellCheck={false} />
          </label>
          <p className="muted">{t("signIn.tokenHelp")}</p>
          <button type="submit" data-testid="token-submit">
            {t("signIn.submit")}
          </button>
        </form>
      </details>
    </div>
  );
}

/** An initial password (set by the committee) is replaced before anything else. */
export function ChangePassword(props: { onChanged: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState("");
  const [fresh, setFresh] = useState("");
  const [again, setAgain] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="signin"
      data-testid="change-password"
      onSubmit={async (e) => {
        e.preventDefault();
        if (fresh !== again) return setProblem(t("signIn.differ"));
        try {
          await changePassword(current, fresh);
          props.onChanged();
        } catch (err) {
          setProblem((err as Error).message);
        }
      }}
    >
      <h2>{t("signIn.changeTitle")}</h2>
      <p className="muted">{t("signIn.changeHelp")}</p>
      <label>
        {t("signIn.current")}
        <input data-testid="current-password" type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" />
      </label>
      <label>
        {t("signIn.new")}
        <input data-testid="new-password" type="password" value={fresh} onChange={(e) => setFresh(e.target.value)} autoComplete="new-password" />
      </label>
      <label>
        {t("signIn.again")}
        <input data-testid="new-password-again" type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" />
      </label>
      {problem && <p className="error" data-testid="change-problem">{problem}</p>}
      <button className="primary big" type="submit" data-testid="change-submit">
        {t("signIn.change")}
      </button>
    </form>
  );
}
