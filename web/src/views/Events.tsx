// 应急事件: the events (open first), the committee's form to start one for an area, and the
// chosen event: for those who mark (a floor chief first of all), their elders as cards with the
// five marks; the live board (who is not reached, by corridor and since when), asked again
// every 3 seconds while the tab is open (useEvent); closed, its after-action report.
import { useCallback, useEffect, useState } from "react";
import { gql } from "../api";
import { useI18n } from "../i18n";
import { CLOSE_EVENT, EVENTS, localTime, type EventHead, type EventPayload } from "../emergency";
import { Confirm } from "../components/Confirm";
import { Empty, Progress } from "../components/Hints";
import { AfterAction, LiveBoard } from "./EventBoard";
import { EventMarking } from "./EventMarking";
import { StartEvent } from "./StartEvent";
import { useEvent } from "./useEvent";
import "./Emergency.css";

type Can = { start: boolean; close: boolean; mark: boolean };

export function Events(props: { scope: string; can: Can }) {
  const { t, lang } = useI18n();
  const [events, setEvents] = useState<EventHead[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [closeNote, setCloseNote] = useState("");
  const [refused, setRefused] = useState<string | null>(null);

  const list = useCallback(async (choose?: string) => {
    try {
      const d = await gql<{ emergencyEvents: EventHead[] }>(EVENTS);
      // Open events first, each group newest first (as the server gives them).
      const sorted = [...d.emergencyEvents.filter((e) => e.open), ...d.emergencyEvents.filter((e) => !e.open)];
      setEvents(sorted);
      setChosen((c) => choose ?? c ?? sorted[0]?.id ?? null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void list();
  }, [list]);

  const { detail, error: liveError, refresh } = useEvent(chosen, props.can.mark);

  const close = async () => {
    setClosing(false);
    if (!chosen) return;
    try {
      const d = await gql<{ closeEmergencyEvent: EventPayload }>(CLOSE_EVENT, { input: { eventId: chosen, note: closeNote || null } });
      const no = d.closeEmergencyEvent.errors[0];
      if (no) return setRefused(lang === "zh" ? no.messageZh : no.message);
      setCloseNote("");
      refresh();
      void list(chosen);
    } catch (e) {
      setRefused((e as Error).message);
    }
  };

  if (error) return <p className="error">{t("app.error")}: {error}</p>;
  if (!events) return <Progress text={t("progress.events")} />;
  const marking = props.can.mark && detail?.open && detail.all && (
    <EventMarking eventId={detail.id} elders={detail.all} onMarked={refresh} />
  );
  return (
    <section className="events" data-testid="events">
      {props.can.start && <StartEvent scope={props.scope} onStarted={(id) => void list(id)} />}
      <h3>{t("events.list")}</h3>
      {events.length === 0 && <Empty id="events" text={t("empty.events")} />}
      <ul className="event-list">
        {events.map((e) => (
          <li key={e.id}>
            <button className={e.id === chosen ? "event-item on" : "event-item"} data-testid="event-item" data-id={e.id} data-open={String(e.open)} onClick={() => setChosen(e.id)}>
              <span className={e.open ? "event-badge open" : "event-badge"}>{e.open ? t("events.open") : t("events.closed")}</span>{" "}
              <strong>{e.title}</strong> <span className="muted">{t(`eventKind.${e.kind}`)} · {e.area} · {localTime(e.startedAt)}</span>
            </button>
          </li>
        ))}
      </ul>
      {chosen && !detail && !liveError && <Progress text={t("progress.event")} />}
      {liveError && <p className="error" role="status">{t("app.error")}: {liveError}</p>}
      {detail && (
        <div className="event-detail" data-testid="event-detail" data-id={detail.id} data-open={String(detail.open)}>
          <h2 data-testid="event-title">{detail.title}</h2>
          <p className="muted">
            {t(`eventKind.${detail.kind}`)} · {detail.area} · {t("events.started", { at: localTime(detail.startedAt), window: t(`window.${detail.window}`) })}
            {detail.closedAt && ` · ${t("events.closedAt", { at: localTime(detail.closedAt) })}`}
          </p>
          {detail.note && <p>{detail.note}</p>}
          {!props.can.start && marking}
          <LiveBoard detail={detail} />
          {props.can.start && marking}
          {detail.open && props.can.close && (
            <div className="row event-close">
              <input data-testid="event-close-note" placeholder={t("events.closeNote")} value={closeNote} onChange={(e) => setCloseNote(e.target.value)} />
              <button className="danger" data-testid="event-close" onClick={() => setClosing(true)}>{t("events.close")}</button>
            </div>
          )}
          {refused && <p className="error" data-testid="event-refused">{refused}</p>}
          {!detail.open && detail.closeNote && <p data-testid="event-close-text">{detail.closeNote}</p>}
          {!detail.open && detail.report && <AfterAction report={detail.report} />}
        </div>
      )}
      {closing && detail && (
        <Confirm title={t("events.close")} text={t("events.closeConfirm", { title: detail.title })} onOk={() => void close()} onCancel={() => setClosing(false)} />
      )}
    </section>
  );
}
