// Coverage of a scope as a tree map: the current area's figures (expected vs actual, from
// coverageGaps.areas) and its children as tiles sized by their vulnerable elders and coloured by
// the chosen figure. One request loads the whole hierarchy; a click drills down without another.
import { useEffect, useMemo, useState } from "react";
import { fetchAll, type Connection } from "../api";
import { coverageColour } from "../colour";
import { useI18n } from "../i18n";
import {
  CORRIDOR_ELDERS,
  COVERAGE_AREAS,
  FIGURES,
  type AreaCoverage,
  type Elder,
  type Figure,
} from "../queries";
import { Show } from "../components/Masked";
import { Empty, Progress, Term } from "../components/Hints";

type AreasAnswer = { coverageGaps: { areas: Connection<AreaCoverage> } };
type EldersAnswer = { coverageGaps: { underSupported: Connection<Elder> } };

export function Overview(props: { scope: string; asOf: string; onOpenElder: (id: string) => void }) {
  const { t, join } = useI18n();
  const [areas, setAreas] = useState<AreaCoverage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState(props.scope);
  const [metric, setMetric] = useState<Figure>("eldersSupported");
  const [elders, setElders] = useState<{ totalCount: number; nodes: Elder[] } | null>(null);

  useEffect(() => {
    let live = true; // an answer for an older scope or day must not overwrite a newer one
    setAreas(null);
    setError(null);
    fetchAll<AreasAnswer, AreaCoverage>(COVERAGE_AREAS, { scope: props.scope, asOf: props.asOf }, (d) => d.coverageGaps.areas)
      .then((r) => live && setAreas(r.nodes))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.scope, props.asOf]);

  const byCode = useMemo(() => new Map((areas ?? []).map((a) => [a.code, a])), [areas]);
  const node = byCode.get(current) ?? byCode.get(props.scope);

  useEffect(() => {
    let live = true;
    setElders(null);
    if (node?.level !== "CORRIDOR") return;
    fetchAll<EldersAnswer, Elder>(CORRIDOR_ELDERS, { scope: node.code, asOf: props.asOf }, (d) => d.coverageGaps.underSupported)
      .then((r) => live && setElders(r))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [node?.code, node?.level, props.asOf]);

  if (error) return <p className="error">{t("app.error")}: {error}</p>;
  if (!areas || !node) return <Progress text={t("progress.coverage", { scope: props.scope })} />;

  const trail: AreaCoverage[] = [];
  for (let a: AreaCoverage | undefined = node; a; a = a.parentCode ? byCode.get(a.parentCode) : undefined) {
    trail.unshift(a);
    if (a.code === props.scope) break;
  }
  const children = areas.filter((a) => a.parentCode === node.code);

  return (
    <section data-testid="overview" data-current={node.code} data-level={node.level}>
      <nav className="crumbs">
        {trail.map((a, i) => (
          <span key={a.code}>
            {i > 0 && " › "}
            <button className="link" data-testid={`crumb-${a.code}`} onClick={() => setCurrent(a.code)}>
              {a.name}
            </button>
          </span>
        ))}
      </nav>
      <h2>
        {t(`level.${node.level}`)} {node.name}
      </h2>
      <div className="overview-grid">
        <table className="figures cards" data-testid="figures">
          <thead>
            <tr>
              <th>{t("overview.figure")}</th>
              <th>{t("overview.actual")}</th>
              <th>{t("overview.expected")}</th>
              <th>
                <Term label={t("overview.ratio")} explain={t("explain.ratio")} />
              </th>
            </tr>
          </thead>
          <tbody>
            {FIGURES.filter((f) => node[f].expected > 0).map((f) => (
              <tr key={f} data-testid={`fig-${f}`}>
                <td className="card-title">{t(`figure.${f}`)}</td>
                <td className="num" data-label={t("overview.actual")} data-testid={`fig-${f}-actual`}>{node[f].actual}</td>
                <td className="num" data-label={t("overview.expected")} data-testid={`fig-${f}-expected`}>{node[f].expected}</td>
                <td data-label={t("overview.ratio")}>
                  <span className="bar" style={{ background: coverageColour(node[f].ratio) }}>
                    {Math.round(node[f].ratio * 100)}%
                  </span>
                </td>
              </tr>
            ))}
            <tr data-testid="fig-overloadedHelpers">
              <td className="card-title">
                <Term label={t("figure.overloadedHelpers")} explain={t("explain.overloaded")} />
              </td>
              <td className="num" data-label={t("overview.actual")}>{node.overloadedHelpers}</td>
              <td colSpan={2} />
            </tr>
            <tr data-testid="fig-singlePointsOfFailure">
              <td className="card-title">
                <Term label={t("figure.singlePointsOfFailure")} explain={t("explain.spof")} />
              </td>
              <td className="num" data-label={t("overview.actual")}>{node.singlePointsOfFailure}</td>
              <td colSpan={2} />
            </tr>
          </tbody>
        </table>
        <div>
          <div className="row toolbar">
            <label>
              {t("overview.colourBy")}{" "}
              <select data-testid="metric" value={metric} onChange={(e) => setMetric(e.target.value as Figure)}>
                {FIGURES.map((f) => (
                  <option key={f} value={f}>
                    {t(`figure.${f}`)}
                  </option>
                ))}
              </select>
            </label>
            <span className="legend">{t("overview.legend")}</span>
          </div>
          <h3>{children.length ? t("overview.children") : t("overview.noChildren")}</h3>
          <div className="treemap" data-testid="treemap">
            {children.map((c) => {
              const figure = c[metric];
              const weight = Math.max(1, c.eldersSupported.expected);
              return (
                <button
                  key={c.code}
                  className="tile"
                  data-testid={`tile-${c.code}`}
                  style={{ flex: `${weight} 1 ${Math.min(260, 70 + weight * 4)}px`, background: coverageColour(figure.expected ? figure.ratio : null) }}
                  onClick={() => setCurrent(c.code)}
                  title={`${t(`figure.${metric}`)}: ${figure.actual} / ${figure.expected}`}
                >
                  <strong>{c.name}</strong>
                  <span>{t(`level.${c.level}`)}</span>
                  <span className="tile-figure">
                    {figure.actual} / {figure.expected}
                  </span>
                </button>
              );
            })}
          </div>
        </div>
      </div>
      {node.level === "CORRIDOR" && (
        <div data-testid="corridor-elders">
          <h3>
            {t("overview.corridorElders")} ({elders?.totalCount ?? "…"})
          </h3>
          {elders === null && <Progress text={t("app.loading")} />}
          {elders?.totalCount === 0 && <Empty id="corridorElders" text={t("empty.corridorElders")} />}
          <ul className="elders">
            {elders?.nodes.map((e) => (
              <li key={e.residentId}>
                <button className="link" data-testid={`elder-${e.residentId}`} onClick={() => props.onOpenElder(e.residentId)}>
                  <Show value={e.name} />
                </button>{" "}
                ({e.age ?? e.ageBand}) — {join(e.reasons.map((r) => t(`reason.${r.code}`)))}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
