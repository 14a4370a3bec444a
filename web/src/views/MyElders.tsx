// A floor chief's vulnerable elders on a phone: one card each, the longest unvisited first (the
// server orders them: overdue, then days since the last visit, then id), and one tap records a
// visit today as the signed-in person, after which the list is read again and the elder moves down.
import { useCallback, useEffect, useState } from "react";
import { gql } from "../api";
import { today } from "../dates";
import { useI18n } from "../i18n";
import { MY_ELDERS, RECORD_VISIT, type MyElder, type UserError } from "../queries";
import "./MyElders.css";

const MODES = ["HOME", "PHONE", "WECHAT"] as const;
type Mode = (typeof MODES)[number];

export function MyElders(props: { personId: string | null; canRecord: boolean }) {
  const { t, lang } = useI18n();
  const [elders, setElders] = useState<MyElder[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [modes, setModes] = useState<Record<string, Mode>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  // The day is the phone's today: the list and the visits it records agree on it.
  const [day] = useState(today);

  const load = useCallback(
    () =>
      gql<{ myElders: MyElder[] }>(MY_ELDERS, { asOf: day })
        .then((d) => {
          setElders(d.myElders);
          setError(null);
        })
        .catch((e: Error) => setError(e.message)),
    [day],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const record = async (elder: MyElder) => {
    if (!props.personId) return;
    const mode = modes[elder.residentId] ?? "HOME";
    setBusy(elder.residentId);
    setResult(null);
    try {
      const d = await gql<{ recordVisit: { visit: { on: string } | null; errors: UserError[] } }>(RECORD_VISIT, {
        input: { visitorId: props.personId, residentId: elder.residentId, on: day, mode },
      });
      const refused = d.recordVisit.errors[0];
      if (refused) setResult({ ok: false, text: `${t("myElders.refused")}: ${lang === "zh" ? refused.messageZh : refused.message}` });
      else {
        setResult({ ok: true, text: t("myElders.saved", { name: elder.name, mode: t(`mode.${mode}`) }) });
        await load();
      }
    } catch (err) {
      setResult({ ok: false, text: `${t("myElders.refused")}: ${(err as Error).message}` });
    } finally {
      setBusy(null);
    }
  };

  const since = (e: MyElder) => {
    if (e.daysSinceLastVisit === null) return t("myElders.never");
    if (e.daysSinceLastVisit === 0) return t("myElders.today");
    if (e.daysSinceLastVisit === 1) return t("myElders.yesterday");
    return t("myElders.days", { days: e.daysSinceLastVisit });
  };

  if (error) return <p className="error">{t("app.error")}: {error}</p>;
  if (elders === null) return <p>{t("app.loading")}</p>;
  const overdue = elders.filter((e) => e.overdue).length;
  return (
    <section className="my-elders" data-testid="my-elders">
      <h2>{t("myElders.title")}</h2>
      <p className="muted" data-testid="my-elders-summary">
        {t("myElders.summary", { total: elders.length, overdue })}
      </p>
      {result && (
        <p data-testid={result.ok ? "my-elders-ok" : "my-elders-error"} className={result.ok ? "good" : "error"} role="status">
          {result.text}
        </p>
      )}
      {elders.length === 0 && <p data-testid="my-elders-none">{t("myElders.none")}</p>}
      <ul className="elder-cards">
        {elders.map((e) => (
          <li
            key={e.residentId}
            className={e.overdue ? "elder-card overdue" : "elder-card"}
            data-testid="my-elder"
            data-id={e.residentId}
            data-overdue={String(e.overdue)}
          >
            <div className="elder-head">
              <span className="elder-name" title={e.name}>
                {e.name}
              </span>
              {e.overdue && <span className="elder-flag">{t("myElders.overdue")}</span>}
            </div>
            <div className="elder-facts">
              <span>{e.ageBand}</span>
              <span>
                {t("myElders.corridor")} {e.corridor}
              </span>
              {e.underSupported && <span className="elder-weak">{t("myElders.underSupported")}</span>}
            </div>
            <div className={e.overdue ? "elder-since bad" : "elder-since"} data-testid="my-elder-since">
              {since(e)}
              {e.lastVisitMode && ` · ${t(`mode.${e.lastVisitMode}`)}`}
            </div>
            {props.canRecord && props.personId && (
              <div className="elder-actions">
                <select
                  aria-label={t("myElders.mode")}
                  data-testid="my-elder-mode"
                  value={modes[e.residentId] ?? "HOME"}
                  onChange={(ev) => setModes({ ...modes, [e.residentId]: ev.target.value as Mode })}
                >
                  {MODES.map((m) => (
                    <option key={m} value={m}>
                      {t(`mode.${m}`)}
                    </option>
                  ))}
                </select>
                <button className="primary big" data-testid="my-elder-record" disabled={busy !== null} onClick={() => void record(e)}>
                  {busy === e.residentId ? t("app.loading") : t("myElders.record")}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
