// The administrator's page: accounts (add, reset a password, a phone's sign-in code, change role
// and scope, disable), their sessions and programs' tokens, and the audit log with filters.
// A one-time secret (initial password, sign-in code, token) is shown once, in a box of its own.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { gql } from "../api";
import { useI18n } from "../i18n";
import type { UserError } from "../queries";
import { Empty, Progress } from "../components/Hints";

type Session = { id: string; kind: string; seenAt: string };
type Token = { id: string; name: string; expiresAt: string; revokedAt: string | null };
type Account = {
  id: string;
  role: string;
  scope: string | null;
  disabled: boolean;
  hasPassword: boolean;
  mustChangePassword: boolean;
  sessions: Session[];
  tokens: Token[];
};
type Entry = { at: string; accountId: string | null; operation: string; kind: string; ok: boolean; personIds: string[] };
type Secret = { title: string; value: string; qrSvg?: string; url?: string };

const ROLES = ["ADMIN", "COMMITTEE", "GRID_WORKER", "FLOOR_CHIEF", "PLANNER"] as const;
const ACCOUNTS = `{ accounts { id role scope disabled hasPassword mustChangePassword
  sessions { id kind seenAt } tokens { id name expiresAt revokedAt } } }`;
const PAYLOAD = "account { id } initialPassword errors { code message messageZh }";
const ADD = `mutation($i: AccountInput!) { addAccount(input: $i) { ${PAYLOAD} } }`;
const RESET = `mutation($a: String!) { resetPassword(accountId: $a) { ${PAYLOAD} } }`;
const DISABLE = `mutation($a: String!) { disableAccount(accountId: $a) { ${PAYLOAD} } }`;
const ROLE = `mutation($i: AccountInput!) { setAccountRole(input: $i) { ${PAYLOAD} } }`;
const CODE = `mutation($a: String!) { issueSignInCode(accountId: $a) {
  code expiresAt url qrSvg errors { code message messageZh } } }`;
const END = `mutation($s: String!) { endSession(sessionId: $s) { ${PAYLOAD} } }`;
const TOKEN = `mutation($a: String!, $n: String!, $d: Int!) { createToken(accountId: $a, name: $n, days: $d) {
  token errors { code message messageZh } } }`;
const REVOKE = `mutation($t: String!) { revokeToken(tokenId: $t) { errors { code message messageZh } } }`;
const AUDIT = `query($a: String, $s: DateTime) { auditLog(accountId: $a, since: $s, first: 200) {
  at accountId operation kind ok personIds } }`;

type Answer = { errors?: UserError[]; initialPassword?: string | null };

export function Admin(props: { canAudit: boolean }) {
  const { t, lang } = useI18n();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState({ id: "", role: "FLOOR_CHIEF", scope: "", personId: "" });

  const reload = useCallback(() => {
    gql<{ accounts: Account[] }>(ACCOUNTS)
      .then((d) => setAccounts(d.accounts))
      .catch((e: Error) => setProblem(e.message));
  }, []);
  useEffect(reload, [reload]);

  const said = (e: UserError) => (lang === "zh" ? e.messageZh : e.message);
  /** Run a mutation; show its refusal, or its one-time secret; then list the accounts again. */
  const act = async (query: string, variables: Record<string, unknown>, title?: string) => {
    setProblem(null);
    try {
      const d = await gql<Record<string, Answer & Record<string, unknown>>>(query, variables);
      const answer = Object.values(d)[0];
      if (answer.errors && answer.errors.length) setProblem(said(answer.errors[0]));
      else if (title && answer.initialPassword) setSecret({ title, value: answer.initialPassword });
      else if (title && typeof answer.token === "string") setSecret({ title, value: answer.token });
      else if (title && typeof answer.code === "string")
        setSecret({ title, value: answer.code, qrSvg: answer.qrSvg as string, url: answer.url as string });
    } catch (err) {
      setProblem((err as Error).message);
    }
    reload();
  };

  /** What the accounts list says of an account: a line each on a phone, one line on a desk. */
  const facts = (a: Account): [string, ReactNode][] => [
    [t("app.role"), t(`role.${a.role}`)],
    [t("app.scope"), a.scope ?? t("admin.everything")],
    [t("admin.status"), a.disabled ? t("admin.disabled") : a.mustChangePassword ? t("admin.mustChange") : a.hasPassword ? t("admin.active") : t("admin.noPassword")],
    [t("admin.sessions"), <><span className="desktop-only">{t("admin.sessions")} </span>{a.sessions.length}</>],
    [t("admin.tokens"), <><span className="desktop-only">{t("admin.tokens")} </span>{a.tokens.filter((x) => !x.revokedAt).length}</>],
  ];

  const input = (a: typeof draft) => ({
    id: a.id.trim(),
    role: a.role,
    scope: a.scope.trim() || null,
    personId: a.personId.trim() || null,
  });

  return (
    <section className="admin" data-testid="admin">
      <h2>{t("admin.title")}</h2>
      {problem && <p className="error" data-testid="admin-problem">{problem}</p>}
      {secret && (
        <div className="secret" data-testid="secret">
          <strong>{secret.title}</strong>
          <code data-testid="secret-value">{secret.value}</code>
          {secret.qrSvg && <div className="qr" data-testid="secret-qr" dangerouslySetInnerHTML={{ __html: secret.qrSvg }} />}
          {secret.url && <p className="muted">{secret.url}</p>}
          <p className="muted">{t("admin.onceOnly")}</p>
          <button onClick={() => setSecret(null)}>{t("admin.done")}</button>
        </div>
      )}
      <form
        className="row wrap"
        data-testid="add-account"
        onSubmit={(e) => {
          e.preventDefault();
          void act(ADD, { i: input(draft) }, t("admin.initialPassword"));
        }}
      >
        <input data-testid="new-id" placeholder={t("admin.id")} value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} required />
        <select data-testid="new-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{t(`role.${r}`)}</option>
          ))}
        </select>
        <input data-testid="new-scope" placeholder={t("admin.scope")} value={draft.scope} onChange={(e) => setDraft({ ...draft, scope: e.target.value })} />
        <input data-testid="new-person" placeholder={t("admin.person")} value={draft.personId} onChange={(e) => setDraft({ ...draft, personId: e.target.value })} />
        <button className="primary" type="submit" data-testid="new-submit">{t("admin.add")}</button>
      </form>
      {accounts === null ? (
        <Progress text={t("progress.accounts")} />
      ) : accounts.length === 0 ? (
        <Empty id="accounts" text={t("empty.accounts")} />
      ) : (
        <ul className="accounts" data-testid="accounts">
          {accounts.map((a) => (
            <li key={a.id} data-testid={`account-${a.id}`}>
              <button className="link" aria-expanded={open === a.id} onClick={() => setOpen(open === a.id ? null : a.id)}>
                <strong className="nowrap">{a.id}</strong>
                <span className="facts">
                  {facts(a).map(([label, value]) => (
                    <span key={label}>
                      <span className="sep"> · </span>
                      <span className="fact" data-label={label}>{value}</span>
                    </span>
                  ))}
                </span>
              </button>
              {open === a.id && <AccountDetail account={a} act={act} />}
            </li>
          ))}
        </ul>
      )}
      {props.canAudit && <AuditLog />}
    </section>
  );
}

function AccountDetail(props: {
  account: Account;
  act: (query: string, variables: Record<string, unknown>, title?: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const a = props.account;
  const [role, setRole] = useState({ role: a.role, scope: a.scope ?? "" });
  const [tokenName, setTokenName] = useState("");
  return (
    <div className="detail" data-testid="account-detail">
      {!a.disabled && (
        <div className="row wrap">
          <button data-testid="reset-password" onClick={() => props.act(RESET, { a: a.id }, t("admin.initialPassword"))}>{t("admin.reset")}</button>
          <button data-testid="issue-code" onClick={() => props.act(CODE, { a: a.id }, t("admin.code"))}>{t("admin.issueCode")}</button>
          <button data-testid="disable" className="danger" onClick={() => props.act(DISABLE, { a: a.id })}>{t("admin.disable")}</button>
        </div>
      )}
      <form
        className="row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          void props.act(ROLE, { i: { id: a.id, role: role.role, scope: role.scope.trim() || null } });
        }}
      >
        <select data-testid="role-select" value={role.role} onChange={(e) => setRole({ ...role, role: e.target.value })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{t(`role.${r}`)}</option>
          ))}
        </select>
        <input data-testid="role-scope" value={role.scope} placeholder={t("admin.scope")} onChange={(e) => setRole({ ...role, scope: e.target.value })} />
        <button type="submit" data-testid="role-submit">{t("admin.changeRole")}</button>
      </form>
      <h4>{t("admin.sessions")}</h4>
      <ul data-testid="sessions">
        {a.sessions.map((s) => (
          <li key={s.id}>
            {t(`admin.kind.${s.kind}`)} · {t("admin.seen")} {s.seenAt.slice(0, 16).replace("T", " ")}{" "}
            <button data-testid="end-session" onClick={() => props.act(END, { s: s.id })}>{t("admin.end")}</button>
          </li>
        ))}
      </ul>
      <h4>{t("admin.tokens")}</h4>
      <ul data-testid="tokens">
        {a.tokens.map((x) => (
          <li key={x.id}>
            {x.name} · {x.revokedAt ? t("admin.revoked") : `${t("admin.until")} ${x.expiresAt.slice(0, 10)}`}{" "}
            {!x.revokedAt && <button data-testid="revoke" onClick={() => props.act(REVOKE, { t: x.id })}>{t("admin.revoke")}</button>}
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (tokenName.trim()) void props.act(TOKEN, { a: a.id, n: tokenName.trim(), d: 90 }, t("admin.token"));
        }}
      >
        <input data-testid="token-name" value={tokenName} placeholder={t("admin.tokenName")} onChange={(e) => setTokenName(e.target.value)} />
        <button type="submit" data-testid="token-create">{t("admin.createToken")}</button>
      </form>
    </div>
  );
}

function AuditLog() {
  const { t } = useI18n();
  const [account, setAccount] = useState("");
  const [kind, setKind] = useState("");
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const load = useCallback(() => {
    gql<{ auditLog: Entry[] }>(AUDIT, { a: account.trim() || null, s: null })
      .then((d) => setEntries(d.auditLog))
      .catch(() => setEntries([]));
  }, [account]);
  useEffect(load, [load]);
  const shown = (entries ?? []).filter((e) => !kind || e.kind === kind);
  const filtered = account.trim() !== "" || kind !== "";
  return (
    <div className="audit" data-testid="audit">
      <h3>{t("admin.audit")}</h3>
      <div className="row wrap">
        <input data-testid="audit-account" placeholder={t("admin.id")} value={account} onChange={(e) => setAccount(e.target.value)} />
        <select data-testid="audit-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{t("admin.allKinds")}</option>
          {["access", "mutation", "read"].map((k) => (
            <option key={k} value={k}>{t(`admin.auditKind.${k}`)}</option>
          ))}
        </select>
      </div>
      {entries === null && <Progress text={t("progress.audit")} />}
      {entries !== null && shown.length === 0 && (
        <Empty id="audit" text={filtered ? t("empty.auditFiltered") : t("empty.audit")} />
      )}
      <div className="scroll" hidden={shown.length === 0}>
        <table className="cards">
          <thead>
            <tr>
              <th>{t("admin.col.at")}</th>
              <th>{t("admin.id")}</th>
              <th>{t("admin.col.operation")}</th>
              <th>{t("admin.col.kind")}</th>
              <th>{t("admin.col.ok")}</th>
              <th>{t("admin.col.people")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e, i) => (
              <tr key={i} data-testid="audit-entry">
                <td className="nowrap" data-label={t("admin.col.at")}>{e.at.slice(0, 19).replace("T", " ")}</td>
                <td data-label={t("admin.id")}>{e.accountId ?? "—"}</td>
                <td data-label={t("admin.col.operation")}>{t(`op.${e.operation}`, undefined, e.operation)}</td>
                <td data-label={t("admin.col.kind")}>{t(`admin.auditKind.${e.kind}`)}</td>
                <td data-label={t("admin.col.ok")}>{e.ok ? "✓" : "✗"}</td>
                <td data-label={t("admin.col.people")}>{e.personIds.join(" ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
