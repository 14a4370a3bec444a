// An event's live board (each corridor: how many are not reached yet and since when; the
// elders not reached, the longest waiting first) and, once closed, its after-action report.
import { useState } from "react";
import { useI18n } from "../i18n";
import { localTime, minutesSince, type EventDetail, type EventMark, type Report } from "../emergency";
import { Empty } from "../components/Hints";
import { Show } from "../components/Masked";

export function LatestMark({ mark }: { mark: EventMark | undefined }) {
  const { t } = useI18n();
  if (!mark) return <span className="muted">{t("events.unmarked")}</span>;
  return (
    <span>
      {t(`markStatus.${mark.status}`)} · {localTime(mark.at)}
      {mark.by && ` · ${mark.by.name}`}
      {mark.note !== null && (
        <>
          {" · "}
          <Show value={mark.note} />
        </>
      )}
    </span>
  );
}

const SHOWN = 20; // elders waiting listed before "show all"

export function LiveBoard({ detail }: { detail: EventDetail }) {
  const { t } = useI18n();
  const [corridor, setCorridor] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const s = detail.summary;
  const now = Date.now();
  // The corridors with the most elders not reached first, then the longest waiting.
  const corridors = [...detail.corridors].sort(
    (a, b) => b.notReached - a.notReached || (a.oldestNotReachedSince ?? "").localeCompare(b.oldestNotReachedSince ?? "") || a.code.localeCompare(b.code),
  );
  const waiting = detail.waiting.filter((e) => !corridor || e.corridor === corridor);
  const listed = all ? waiting : waiting.slice(0, SHOWN);
  return (
    <div className="event-board" data-testid="event-board">
      <div className="stats" data-testid="event-summary" data-elders={s.elders} data-not-reached={s.notReached}>
        <span>{t("events.elders")}: <strong>{s.elders}</strong></span>
        <span>{t("events.reached")}: <strong data-testid="event-reached">{s.reached}</strong></span>
        <span>{t("events.notReached")}: <strong data-testid="event-not-reached">{s.notReached}</strong></span>
        <span>{t("markStatus.NEEDS_HELP")}: <strong>{s.needsHelp}</strong></span>
        <span>{t("markStatus.EVACUATED")}: <strong>{s.evacuated}</strong></span>
        <span>{t("markStatus.SAFE_AT_HOME")}: <strong>{s.safeAtHome}</strong></span>
      </div>
      <h3>{t("events.corridors")}</h3>
      <p className="hint">{t("events.corridorsHint")}</p>
      <div className="event-corridors" data-testid="event-corridors">
        {corridors.map((c) => (
          <button
            key={c.code}
            className={`event-corridor${c.notReached ? " waiting" : ""}${corridor === c.code ? " on" : ""}`}
            data-testid="event-corridor"
            data-code={c.code}
            data-not-reached={c.notReached}
            data-since={c.oldestNotReachedSince ?? ""}
            aria-pressed={corridor === c.code}
            onClick={() => setCorridor(corridor === c.code ? null : c.code)}
          >
            <span className="nowrap">{c.code}</span>
            <span>
              {t("events.notReached")} <strong data-testid={`event-corridor-${c.code}`}>{c.notReached}</strong>/{c.elders}
              {c.needsHelp > 0 && <> · {t("markStatus.NEEDS_HELP")} {c.needsHelp}</>}
            </span>
            <span className="muted">
              {c.oldestNotReachedSince ? t("events.waitedFor", { n: minutesSince(c.oldestNotReachedSince, now) }) : "—"}
            </span>
          </button>
        ))}
      </div>
      <h3>
        {corridor ? t("events.waitingIn", { code: corridor }) : t("events.waiting")} <span data-testid="event-waiting-count">{waiting.length}</span>
        {corridor && (
          <button className="link" data-testid="event-waiting-everywhere" onClick={() => setCorridor(null)}>
            {" "}{t("mark.allCorridors")}
          </button>
        )}
      </h3>
      {waiting.length === 0 && <Empty id="eventWaiting" text={t("empty.eventWaiting")} />}
      <ol className="event-waiting">
        {listed.map((e) => (
          <li key={e.residentId} data-testid="event-waiting" data-id={e.residentId} data-since={e.since}>
            <strong className="nowrap">{e.name}</strong> <span className="muted">{e.residentId} · {e.corridor}</span>{" "}
            <span className="bad">{t("events.minutes", { n: minutesSince(e.since, now) })}</span>
            {!e.planComplete && <span className="badge bad">{t("events.planIncomplete")}</span>}
            <div className="muted">
              <LatestMark mark={e.marks[e.marks.length - 1]} />
            </div>
          </li>
        ))}
      </ol>
      {listed.length < waiting.length && (
        <button data-testid="event-waiting-more" onClick={() => setAll(true)}>
          {t("events.showAll", { n: waiting.length - listed.length })}
        </button>
      )}
    </div>
  );
}

export function AfterAction({ report }: { report: Report }) {
  const { t, join } = useI18n();
  const minutes = (m: number | null) => (m === null ? "—" : t("events.minutes", { n: Math.round(m) }));
  const name = (id: string) => report.failedPlans.find((e) => e.residentId === id)?.name ?? id;
  return (
    <div className="event-report" data-testid="event-report">
      <h3>{t("events.report")}</h3>
      <div className="stats">
        <span>{t("events.reached")}: <strong data-testid="report-reached">{report.reached}</strong></span>
        <span>{t("events.neverReached")}: <strong data-testid="report-never">{report.neverReached.length}</strong></span>
        <span>{t("events.median")}: <strong data-testid="report-median">{minutes(report.medianMinutesToReach)}</strong></span>
        <span>{t("events.longest")}: <strong data-testid="report-longest">{minutes(report.longestMinutesToReach)}</strong></span>
      </div>
      {report.neverReached.length > 0 && (
        <p data-testid="report-never-names">{t("events.neverReached")}：{join(report.neverReached.map(name))}</p>
      )}
      <h3>{t("events.failedPlans")} <span data-testid="report-failed-count">{report.failedPlans.length}</span></h3>
      {report.failedPlans.length === 0 && <Empty id="failedPlans" text={t("empty.failedPlans")} />}
      <table className="cards" hidden={report.failedPlans.length === 0}>
        <thead>
          <tr>
            <th>{t("col.name")}</th>
            <th>{t("col.corridor")}</th>
            <th>{t("events.failures")}</th>
            <th>{t("events.problemsAtStart")}</th>
            <th>{t("events.reachedAfter")}</th>
          </tr>
        </thead>
        <tbody>
          {report.failedPlans.map((e) => (
            <tr key={e.residentId} data-testid="report-failed" data-id={e.residentId} data-failures={e.failures.join(" ")} data-problems={e.problemsAtStart.join(" ")}>
              <td className="nowrap" data-label={t("col.name")}>{e.name}</td>
              <td data-label={t("col.corridor")}>{e.corridor}</td>
              <td data-label={t("events.failures")}>{join(e.failures.map((f) => t(`planFailure.${f}`)))}</td>
              <td data-label={t("events.problemsAtStart")}>{e.problemsAtStart.length ? join(e.problemsAtStart.map((p) => t(`planProblem.${p}`))) : "—"}</td>
              <td data-label={t("events.reachedAfter")}>
                {minutes(e.minutesToReach)}
                {e.reachedBy && ` · ${e.reachedBy.name}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
