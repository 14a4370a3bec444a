// The floor chief's most frequent action, laid out for a phone: pick a resident of one's scope,
// the day and how, and save with recordVisit (visitor = the signed-in person when known).
import { useEffect, useState } from "react";
import { fetchAll, gql, type Connection } from "../api";
import { today } from "../dates";
import { useI18n } from "../i18n";
import { RECORD_VISIT, RESIDENTS_OF, type UserError } from "../queries";

type Person = { id: string; name: string | null };
const MODES = ["HOME", "PHONE", "WECHAT"] as const;

export function VisitForm(props: { scope: string; personId: string | null }) {
  const { t, lang } = useI18n();
  const [residents, setResidents] = useState<Person[] | null>(null);
  const [residentId, setResidentId] = useState("");
  const [visitorId, setVisitorId] = useState(props.personId ?? "");
  const [on, setOn] = useState(today());
  const [mode, setMode] = useState<(typeof MODES)[number]>("HOME");
  const [note, setNote] = useState("");
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // A corridor or block has a few dozen residents: a list to pick from. A larger scope
    // (a planner's area, the whole community) gets a resident-id box instead.
    fetchAll<{ residents: Connection<Person> }, Person>(RESIDENTS_OF, { area: props.scope }, (d) => d.residents, 3)
      .then((r) => setResidents(r.nodes))
      .catch(() => setResidents([]));
  }, [props.scope]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      const d = await gql<{ recordVisit: { visit: { on: string } | null; errors: UserError[] } }>(RECORD_VISIT, {
        input: { visitorId, residentId, on, mode, note: note.trim() || null },
      });
      const refused = d.recordVisit.errors[0];
      if (refused) setResult({ ok: false, text: `${t("visit.refused")}: ${lang === "zh" ? refused.messageZh : refused.message}` });
      else {
        setResult({ ok: true, text: `${t("visit.saved")} (${residentId}, ${on}, ${t(`mode.${mode}`)})` });
        setNote("");
      }
    } catch (err) {
      setResult({ ok: false, text: `${t("visit.refused")}: ${(err as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="visit" data-testid="visit-form" onSubmit={submit}>
      <h2>{t("visit.title")}</h2>
      {residents && residents.length > 0 ? (
        <label>
          {t("visit.resident")}
          <select data-testid="visit-resident" required value={residentId} onChange={(e) => setResidentId(e.target.value)}>
            <option value="">{t("visit.choose")}</option>
            {residents.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name ?? "—"} · {r.id}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label>
          {t("visit.residentId")}
          <input data-testid="visit-resident-id" required value={residentId} onChange={(e) => setResidentId(e.target.value)} />
        </label>
      )}
      {!props.personId && (
        <label>
          {t("visit.visitorId")}
          <input data-testid="visit-visitor" required value={visitorId} onChange={(e) => setVisitorId(e.target.value)} />
        </label>
      )}
      <label>
        {t("visit.date")}
        <input type="date" data-testid="visit-date" required value={on} onChange={(e) => setOn(e.target.value)} />
      </label>
      <fieldset>
        <legend>{t("visit.mode")}</legend>
        <div className="modes">
          {MODES.map((m) => (
            <label key={m} className={mode === m ? "mode on" : "mode"}>
              <input type="radio" name="mode" value={m} data-testid={`visit-mode-${m}`} checked={mode === m} onChange={() => setMode(m)} />
              {t(`mode.${m}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        {t("visit.note")}
        <textarea data-testid="visit-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button className="primary big" type="submit" disabled={busy} data-testid="visit-submit">
        {t("visit.submit")}
      </button>
      {result && (
        <p data-testid={result.ok ? "visit-ok" : "visit-error"} className={result.ok ? "good" : "error"}>
          {result.text}
        </p>
      )}
    </form>
  );
}
