// The committee starts an emergency event for an area (the scope by default): its elders who
// need a plan are taken in with their plans as they stand.
import { useState } from "react";
import { gql } from "../api";
import { useI18n } from "../i18n";
import { EVENT_KINDS, START_EVENT, type EventPayload } from "../emergency";

export function StartEvent(props: { scope: string; onStarted: (id: string) => void }) {
  const { t, lang } = useI18n();
  const [area, setArea] = useState(props.scope);
  const [kind, setKind] = useState<string>("TYPHOON");
  const [title, setTitle] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setRefused(null);
    try {
      const input = { area: area.trim(), kind, title: title.trim(), note: note.trim() || null };
      const d = await gql<{ startEmergencyEvent: EventPayload }>(START_EVENT, { input });
      const no = d.startEmergencyEvent.errors[0];
      if (no) setRefused(lang === "zh" ? no.messageZh : no.message);
      else if (d.startEmergencyEvent.event) {
        setTitle("");
        setNote("");
        props.onStarted(d.startEmergencyEvent.event.id);
      }
    } catch (e) {
      setRefused((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="event-start" data-testid="event-start-form">
      <summary>{t("events.start")}</summary>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <label>
          {t("events.area")} <input data-testid="event-start-area" value={area} onChange={(e) => setArea(e.target.value)} required />
        </label>
        <label>
          {t("events.kind")}{" "}
          <select data-testid="event-start-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>{t(`eventKind.${k}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t("events.title")} <input data-testid="event-start-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <label>
          {t("events.note")} <input data-testid="event-start-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button className="primary" type="submit" data-testid="event-start" disabled={busy || !title.trim()}>
          {busy ? t("app.loading") : t("events.startButton")}
        </button>
        {refused && <p className="error" data-testid="event-start-refused">{refused}</p>}
      </form>
    </details>
  );
}
