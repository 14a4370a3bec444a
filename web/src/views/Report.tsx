// The committee's weekly report, ready to print (or save as PDF from the print dialog): the
// key figures with the change from a week before, twelve weeks of trend, the area gaps, the
// under-supported elders with their reasons, the overdue visits, and the overloaded helpers and
// single points of failure. One request; every text worded by the server in the page's language.
import { useEffect, useState } from "react";
import { gql } from "../api";
import { useI18n } from "../i18n";
import { FIGURES, type Figure, type Ratio } from "../queries";
import { Show } from "../components/Masked";

const RATIO = "{ actual expected ratio }";
const SUMMARY = `overloadedHelpers singlePointsOfFailure ${FIGURES.map((f) => `${f} ${RATIO}`).join(" ")}`;
const LIST = 100; // rows of each list on paper; the rest counted
const REPORT = `query($scope: ID, $asOf: Date) {
  coverageTrend(scope: $scope, weeks: 12, until: $asOf) { asOf summary { ${SUMMARY} } }
  coverageGaps(scope: $scope, asOf: $asOf) {
    summary { code name ${SUMMARY} }
    areaGaps(first: ${LIST}) { totalCount nodes { code rule detail } }
    underSupported(first: ${LIST}) { totalCount nodes {
      residentId name ageBand corridor reasons { code detail } lastContact { on } } }
    overloadedHelpers(first: ${LIST}) { totalCount nodes { personId name load capacity } }
    singlePointsOfFailure(first: ${LIST}) { totalCount nodes { personId name elderIds } }
  }
}`;

type Summary = Record<Figure, Ratio> & { overloadedHelpers: number; singlePointsOfFailure: number };
type Answer = {
  coverageTrend: { asOf: string; summary: Summary }[];
  coverageGaps: {
    summary: Summary & { code: string; name: string };
    areaGaps: { totalCount: number; nodes: { code: string; rule: string; detail: string }[] };
    underSupported: {
      totalCount: number;
      nodes: {
        residentId: string;
        name: string | null;
        ageBand: string;
        corridor: string;
        reasons: { code: string; detail: string }[];
        lastContact: { on: string } | null;
      }[];
    };
    overloadedHelpers: { totalCount: number; nodes: { personId: string; name: string | null; load: number; capacity: number }[] };
    singlePointsOfFailure: { totalCount: number; nodes: { personId: string; name: string | null; elderIds: string[] }[] };
  };
};

const pct = (r: Ratio) => (r.expected ? `${Math.round((100 * r.actual) / r.expected)}%` : "—");

export function Report(props: { scope: string; asOf: string }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    gql<Answer>(REPORT, { scope: props.scope, asOf: props.asOf })
      .then((d) => live && setAnswer(d))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.scope, props.asOf]);
  if (error) return <p className="error">{error}</p>;
  if (!answer) return <p className="progress">{t("report.computing")}</p>;
  const gaps = answer.coverageGaps;
  const trend = answer.coverageTrend;
  const before = trend.length > 1 ? trend[trend.length - 2].summary : null;
  const overdue = gaps.underSupported.nodes.filter((e) => e.reasons.some((r) => r.code === "NO_RECENT_CONTACT"));
  const more = (shown: number, total: number) =>
    total > shown ? <p className="muted">{t("report.more", { n: total - shown })}</p> : null;
  const empty = (n: number) => (n === 0 ? <p className="muted">{t("report.none")}</p> : null);

  return (
    <article className="report" data-testid="report">
      <div className="row no-print">
        <button className="primary" data-testid="print" onClick={() => window.print()}>
          {t("report.print")}
        </button>
      </div>
      <h1 data-testid="report-title">{t("report.title", { name: gaps.summary.name || gaps.summary.code, day: props.asOf })}</h1>

      <h2>{t("report.figures")}</h2>
      <table className="cards" data-testid="report-figures">
        <thead>
          <tr>
            <th>{t("report.figure")}</th>
            <th>{t("report.actual")}</th>
            <th>{t("report.share")}</th>
            <th>{t("report.weekBefore")}</th>
          </tr>
        </thead>
        <tbody>
          {FIGURES.map((f) => (
            <tr key={f} data-figure={f} data-actual={gaps.summary[f].actual} data-expected={gaps.summary[f].expected}>
              <td>{t(`figure.${f}`)}</td>
              <td>
                {gaps.summary[f].actual} / {gaps.summary[f].expected}
              </td>
              <td>{pct(gaps.summary[f])}</td>
              <td>{before ? pct(before[f]) : "—"}</td>
            </tr>
          ))}
          <tr data-figure="overloadedHelpers" data-actual={gaps.summary.overloadedHelpers}>
            <td>{t("figure.overloadedHelpers")}</td>
            <td>{gaps.summary.overloadedHelpers}</td>
            <td />
            <td>{before ? before.overloadedHelpers : "—"}</td>
          </tr>
          <tr data-figure="singlePointsOfFailure" data-actual={gaps.summary.singlePointsOfFailure}>
            <td>{t("figure.singlePointsOfFailure")}</td>
            <td>{gaps.summary.singlePointsOfFailure}</td>
            <td />
            <td>{before ? before.singlePointsOfFailure : "—"}</td>
          </tr>
        </tbody>
      </table>

      <h2>{t("report.trend")}</h2>
      <table className="cards" data-testid="report-trend">
        <thead>
          <tr>
            <th>{t("trends.week")}</th>
            <th>{t("figure.eldersSupported")}</th>
            <th>{t("figure.eldersWithRecentContact")}</th>
            <th>{t("figure.corridorsWithBothChiefs")}</th>
          </tr>
        </thead>
        <tbody>
          {trend.map((p) => (
            <tr key={p.asOf} data-day={p.asOf}>
              <td>{p.asOf}</td>
              <td>{pct(p.summary.eldersSupported)}</td>
              <td>{pct(p.summary.eldersWithRecentContact)}</td>
              <td>{pct(p.summary.corridorsWithBothChiefs)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("report.areaGaps", { n: gaps.areaGaps.totalCount })}</h2>
      {empty(gaps.areaGaps.totalCount)}
      <ul data-testid="report-area-gaps">
        {gaps.areaGaps.nodes.map((g) => (
          <li key={`${g.code}-${g.rule}`}>
            <strong>{g.code}</strong> {t(`rule.${g.rule}`)}：{g.detail}
          </li>
        ))}
      </ul>
      {more(gaps.areaGaps.nodes.length, gaps.areaGaps.totalCount)}

      <h2>{t("report.underSupported", { n: gaps.underSupported.totalCount })}</h2>
      {empty(gaps.underSupported.totalCount)}
      <ul data-testid="report-under-supported">
        {gaps.underSupported.nodes.map((e) => (
          <li key={e.residentId} data-id={e.residentId}>
            <strong>
              <Show value={e.name} />
            </strong>{" "}
            （{e.residentId}，{e.ageBand}，{e.corridor}）：{e.reasons.map((r) => r.detail).join("；")}
          </li>
        ))}
      </ul>
      {more(gaps.underSupported.nodes.length, gaps.underSupported.totalCount)}

      <h2>{t("report.overdue", { n: overdue.length })}</h2>
      {empty(overdue.length)}
      <ul data-testid="report-overdue">
        {overdue.map((e) => (
          <li key={e.residentId} data-id={e.residentId}>
            <Show value={e.name} />（{e.corridor}）：{e.lastContact ? t("report.lastVisit", { day: e.lastContact.on }) : t("report.neverVisited")}
          </li>
        ))}
      </ul>

      <h2>{t("report.helpers", { n: gaps.overloadedHelpers.totalCount, m: gaps.singlePointsOfFailure.totalCount })}</h2>
      <ul data-testid="report-helpers">
        {gaps.overloadedHelpers.nodes.map((o) => (
          <li key={`o-${o.personId}`}>
            {t("report.overloaded", { name: o.name ?? o.personId, load: o.load, capacity: o.capacity })}
          </li>
        ))}
        {gaps.singlePointsOfFailure.nodes.map((s) => (
          <li key={`s-${s.personId}`}>{t("report.spof", { name: s.name ?? s.personId, n: s.elderIds.length })}</li>
        ))}
      </ul>
    </article>
  );
}
