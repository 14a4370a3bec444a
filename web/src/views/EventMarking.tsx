// Marking from a phone: the open event's elders the account serves as large cards, each with
// its latest status and time, the five marks as big buttons, an optional note, and every
// earlier mark behind 历史记录 (a mark is appended, never changed).
import { useState } from "react";
import { gql } from "../api";
import { useI18n } from "../i18n";
import { localTime, MARK_ELDER, MARKS, type EventElder, type MarkStatus } from "../emergency";
import type { UserError } from "../queries";
import { Show } from "../components/Masked";

type Answer = { markEventElder: { mark: { seq: number } | null; errors: UserError[] } };
const MANY = 20; // more elders than this: one corridor at a time

export function EventMarking(props: { eventId: string; elders: EventElder[]; onMarked: () => void }) {
  const { t, lang } = useI18n();
  const corridors = [...new Set(props.elders.map((e) => e.corridor))].sort();
  const [corridor, setCorridor] = useState(props.elders.length > MANY ? corridors[0] ?? "" : "");
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ id: string; ok: boolean; text: string } | null>(null);

  const mark = async (e: EventElder, status: MarkStatus) => {
    setBusy(e.residentId);
    setResult(null);
    try {
      const note = notes[e.residentId]?.trim() || null;
      const d = await gql<Answer>(MARK_ELDER, { input: { eventId: props.eventId, residentId: e.residentId, status, note } });
      const no = d.markEventElder.errors[0];
      if (no) setResult({ id: e.residentId, ok: false, text: lang === "zh" ? no.messageZh : no.message });
      else {
        setNotes((n) => ({ ...n, [e.residentId]: "" }));
        setResult({ id: e.residentId, ok: true, text: t("mark.done", { name: e.name, status: t(`markStatus.${status}`) }) });
        props.onMarked();
      }
    } catch (err) {
      setResult({ id: e.residentId, ok: false, text: (err as Error).message });
    } finally {
      setBusy(null);
    }
  };

  const shown = props.elders.filter((e) => !corridor || e.corridor === corridor);
  return (
    <div className="mark-elders" data-testid="mark-elders">
      <h3>{t("mark.title")}</h3>
      {corridors.length > 1 && (
        <select data-testid="mark-corridor" aria-label={t("col.corridor")} value={corridor} onChange={(e) => setCorridor(e.target.value)}>
          <option value="">{t("mark.allCorridors")}</option>
          {corridors.map((c) => (
            <option key={c} value={c}>{c}</option>
          ))}
        </select>
      )}
      {props.elders.length === 0 && <p className="empty" data-testid="empty-markElders">{t("empty.markElders")}</p>}
      <ul className="elder-cards">
        {shown.map((e) => {
          const last = e.marks[e.marks.length - 1];
          return (
            <li key={e.residentId} className={e.reached ? "elder-card mark-card" : "elder-card mark-card waiting"} data-testid="mark-card" data-id={e.residentId} data-status={e.status ?? ""}>
              <div className="elder-head">
                <span className="elder-name" title={e.name}>{e.name}</span>
                <span className="muted nowrap">{e.corridor}</span>
              </div>
              <div className={e.reached ? "elder-since" : "elder-since bad"} data-testid="mark-status">
                {last ? `${t(`markStatus.${last.status}`)} · ${localTime(last.at)}` : t("events.unmarked")}
              </div>
              {e.firstResponder && (
                <div className="elder-facts">
                  <span>{t("plans.first")} {e.firstResponder.name}</span>
                  {e.backupResponder && <span>{t("plans.backup")} {e.backupResponder.name}</span>}
                </div>
              )}
              <input
                className="mark-note"
                data-testid="mark-note"
                placeholder={t("mark.note")}
                aria-label={t("mark.note")}
                value={notes[e.residentId] ?? ""}
                onChange={(ev) => setNotes({ ...notes, [e.residentId]: ev.target.value })}
              />
              <div className="mark-buttons">
                {MARKS.map((s) => (
                  <button key={s} className={`big mark-${s}`} data-testid={`mark-${s}`} disabled={busy !== null} onClick={() => void mark(e, s)}>
                    {t(`markStatus.${s}`)}
                  </button>
                ))}
              </div>
              {result?.id === e.residentId && (
                <p className={result.ok ? "good" : "error"} role="status" data-testid={result.ok ? "mark-ok" : "mark-error"}>{result.text}</p>
              )}
              {e.marks.length > 0 && (
                <details data-testid="mark-history">
                  <summary>{t("mark.history", { n: e.marks.length })}</summary>
                  <ol>
                    {e.marks.map((m) => (
                      <li key={m.seq} data-testid="mark-entry" data-status={m.status}>
                        {localTime(m.at)} {t(`markStatus.${m.status}`)}
                        {m.by && ` · ${m.by.name}`}
                        {m.note !== null && <> · <Show value={m.note} /></>}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
