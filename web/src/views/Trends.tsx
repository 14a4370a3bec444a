// The scope's key figures week by week (coverageTrend): a line chart of the chosen figures as
// shares, and the table of every figure as actual / expected per week. The weeks and the last
// day are the reader's; each point is coverageGaps of that day, computed from the graph's dated
// history on the server.
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { gql } from "../api";
import { useI18n } from "../i18n";
import { FIGURES, type Figure, type Ratio } from "../queries";

const TrendChart = lazy(() => import("../components/TrendChart").then((m) => ({ default: m.TrendChart })));

type Point = { asOf: string; summary: Record<Figure, Ratio> & { overloadedHelpers: number; singlePointsOfFailure: number } };
const RATIO = "{ actual expected ratio }";
const TREND = `query($scope: ID, $weeks: Int!, $until: Date) {
  coverageTrend(scope: $scope, weeks: $weeks, until: $until) {
    asOf summary { overloadedHelpers singlePointsOfFailure ${FIGURES.map((f) => `${f} ${RATIO}`).join(" ")} }
  }
}`;
const SHOWN: Figure[] = ["eldersSupported", "eldersWithRecentContact", "corridorsWithBothChiefs"];

const percent = (r: Ratio) => (r.expected ? Math.round((1000 * r.actual) / r.expected) / 10 : null);

export function Trends(props: { scope: string; asOf: string }) {
  const { t } = useI18n();
  const [weeks, setWeeks] = useState(12);
  const [points, setPoints] = useState<Point[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<Figure[]>(SHOWN);

  useEffect(() => {
    let live = true;
    setPoints(null);
    setError(null);
    gql<{ coverageTrend: Point[] }>(TREND, { scope: props.scope, weeks, until: props.asOf })
      .then((d) => live && setPoints(d.coverageTrend))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.scope, props.asOf, weeks]);

  const days = useMemo(() => (points ?? []).map((p) => p.asOf), [points]);
  const lines = useMemo(
    () => shown.map((f) => ({ name: t(`figure.${f}`), values: (points ?? []).map((p) => percent(p.summary[f])) })),
    [points, shown, t],
  );
  const toggle = (f: Figure) => setShown(shown.includes(f) ? shown.filter((x) => x !== f) : [...shown, f]);

  return (
    <section data-testid="trends">
      <div className="row">
        <label>
          {t("trends.weeks")}{" "}
          <select data-testid="trend-weeks" value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
            {[4, 8, 12, 26, 52].map((w) => (
              <option key={w} value={w}>
                {t("trends.weeksN", { n: w })}
              </option>
            ))}
          </select>
        </label>
        <span>{t("trends.until", { day: props.asOf })}</span>
      </div>
      {error && <p className="error">{error}</p>}
      {!points && !error && <p className="progress">{t("trends.computing", { n: weeks })}</p>}
      {points && (
        <>
          <div className="row" data-testid="trend-figures">
            {FIGURES.map((f) => (
              <label key={f}>
                <input type="checkbox" checked={shown.includes(f)} onChange={() => toggle(f)} /> {t(`figure.${f}`)}
              </label>
            ))}
          </div>
          <Suspense fallback={<p>{t("app.loading")}</p>}>
            <TrendChart days={days} lines={lines} />
          </Suspense>
          <div className="scroll">
            <table className="cards" data-testid="trend-table">
              <thead>
                <tr>
                  <th>{t("trends.week")}</th>
                  {FIGURES.map((f) => (
                    <th key={f}>{t(`figure.${f}`)}</th>
                  ))}
                  <th>{t("figure.overloadedHelpers")}</th>
                  <th>{t("figure.singlePointsOfFailure")}</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.asOf} data-testid="trend-row" data-day={p.asOf}>
                    <td>{p.asOf}</td>
                    {FIGURES.map((f) => (
                      <td key={f} data-figure={f} data-actual={p.summary[f].actual} data-expected={p.summary[f].expected}>
                        {p.summary[f].actual} / {p.summary[f].expected}
                      </td>
                    ))}
                    <td>{p.summary.overloadedHelpers}</td>
                    <td>{p.summary.singlePointsOfFailure}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
