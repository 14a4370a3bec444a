// The whole scope at a glance: every corridor, grouped by block and micro-grid, coloured red /
// amber / green by the chosen figure against two thresholds (kept in localStorage), with its
// gaps marked (no first chief, no second chief, under-supported elders). The heat grid is
// Apache ECharts (HeatGrid); the same cells are listed below it as buttons, which is also what
// a screen reader and the browser tests read. A cell opens its corridor's page.
import { useEffect, useMemo, useState } from "react";
import { ApiError, gql, type Connection } from "../api";
import { BAND_COLOURS, BANDS, band, type Band } from "../colour";
import { HeatGrid, type HeatGroup } from "../components/HeatGrid";
import { useI18n, type Translate } from "../i18n";
import { FIGURES, GLANCE, type AreaCoverage, type Figure } from "../queries";
import { CorridorPage } from "./CorridorPage";

type Gap = { code: string; level: string; rule: string };
type Answer = { coverageGaps: { areas?: Connection<AreaCoverage>; areaGaps?: Connection<Gap> } };

const THRESHOLDS_KEY = "louzhi.glance.thresholds";
const FIGURE_KEY = "louzhi.glance.figure";
export const DEFAULT_THRESHOLDS = { low: 60, high: 90 };
const CORRIDOR_RULES = ["NO_FIRST_FLOOR_CHIEF", "NO_SECOND_FLOOR_CHIEF"];

/** Every area of the scope and every area gap, in one request per page of either list. */
async function loadGlance(scope: string, asOf: string): Promise<{ areas: AreaCoverage[]; gaps: Gap[] }> {
  const areas: AreaCoverage[] = [];
  const gaps: Gap[] = [];
  let [a1, a2]: (string | null)[] = [null, null];
  let [m1, m2] = [true, true];
  for (let page = 0; page < 50 && (m1 || m2); page++) {
    const answer: Answer = await gql<Answer>(GLANCE, { scope, asOf, a1, a2, m1, m2 });
    const d = answer.coverageGaps;
    if (m1 && d.areas) {
      areas.push(...d.areas.nodes);
      [m1, a1] = [d.areas.pageInfo.hasNextPage, d.areas.pageInfo.endCursor];
    }
    if (m2 && d.areaGaps) {
      gaps.push(...d.areaGaps.nodes);
      [m2, a2] = [d.areaGaps.pageInfo.hasNextPage, d.areaGaps.pageInfo.endCursor];
    }
  }
  if (m1 || m2) throw new ApiError("too many pages", "TOO_MANY_PAGES", 0);
  return { areas, gaps };
}

function storedThresholds(): { low: number; high: number } {
  try {
    const v = JSON.parse(localStorage.getItem(THRESHOLDS_KEY) ?? "null");
    if (typeof v?.low === "number" && typeof v?.high === "number") return { low: v.low, high: v.high };
  } catch {
    // a broken value: the defaults
  }
  return DEFAULT_THRESHOLDS;
}

const clampPercent = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

/** Under-supported elders of an area: its vulnerable elders less the supported ones. */
export const underSupportedOf = (a: AreaCoverage) => a.eldersSupported.expected - a.eldersSupported.actual;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type GlanceCell = {
  area: AreaCoverage;
  band: Band;
  rules: string[];
  under: number;
  marks: string[];
};
type GlanceBlock = { area: AreaCoverage | null; code: string; rules: string[]; cells: GlanceCell[] };
type GlanceGroup = { area: AreaCoverage | null; code: string; title: string; rules: string[]; blocks: GlanceBlock[] };

/** Short marks of what a corridor (or block, micro-grid) is missing. */
export function marksOf(t: Translate, rules: string[], under: number): string[] {
  const marks = rules.map((r) => t(`glance.mark.${r}`));
  if (under > 0) marks.push(t("glance.mark.under", { n: under }));
  return marks;
}

export function Glance(props: { scope: string; asOf: string; onOpenElder: (id: string) => void }) {
  const { t, join } = useI18n();
  const [data, setData] = useState<{ areas: AreaCoverage[]; gaps: Gap[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [figure, setFigure] = useState<Figure>(() => {
    const f = localStorage.getItem(FIGURE_KEY);
    return (FIGURES as readonly string[]).includes(f ?? "") ? (f as Figure) : "eldersSupported";
  });
  const [thresholds, setThresholds] = useState(storedThresholds);
  const [opened, setOpened] = useState<string | null>(null);

  useEffect(() => {
    let live = true; // an answer for an older scope or day must not overwrite a newer one
    setData(null);
    setError(null);
    loadGlance(props.scope, props.asOf)
      .then((d) => live && setData(d))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.scope, props.asOf]);

  const setThreshold = (which: "low" | "high", value: string) => {
    const n = Number(value);
    if (value === "" || Number.isNaN(n)) return;
    const next = { ...thresholds, [which]: clampPercent(n) };
    setThresholds(next);
    localStorage.setItem(THRESHOLDS_KEY, JSON.stringify(next));
  };
  const chooseFigure = (f: Figure) => {
    setFigure(f);
    localStorage.setItem(FIGURE_KEY, f);
  };
  // Two inputs in the wrong order still make three bands: the smaller one is the low threshold.
  const low = Math.min(thresholds.low, thresholds.high);
  const high = Math.max(thresholds.low, thresholds.high);

  const model = useMemo(() => {
    if (!data) return null;
    const byCode = new Map(data.areas.map((a) => [a.code, a]));
    const rulesOf = new Map<string, string[]>();
    for (const g of data.gaps) rulesOf.set(g.code, [...(rulesOf.get(g.code) ?? []), g.rule]);
    const corridors = data.areas.filter((a) => a.level === "CORRIDOR");
    const groups = new Map<string, GlanceGroup>();
    const blocks = new Map<string, GlanceBlock>();
    for (const c of corridors) {
      const blockCode = c.parentCode ?? "";
      let block = blocks.get(blockCode);
      if (!block) {
        const area = byCode.get(blockCode) ?? null;
        const gridCode = area?.parentCode ?? "";
        let group = groups.get(gridCode);
        if (!group) {
          const grid = byCode.get(gridCode) ?? null;
          const above = grid?.parentCode ? byCode.get(grid.parentCode) : undefined;
          const title = grid ? `${above && above.level !== "COMMUNITY" ? `${above.name} › ` : ""}${grid.name}` : t("glance.ungrouped");
          group = { area: grid, code: gridCode, title, rules: rulesOf.get(gridCode) ?? [], blocks: [] };
          groups.set(gridCode, group);
        }
        block = { area, code: blockCode, rules: rulesOf.get(blockCode) ?? [], cells: [] };
        blocks.set(blockCode, block);
        group.blocks.push(block);
      }
      const rules = (rulesOf.get(c.code) ?? []).filter((r) => CORRIDOR_RULES.includes(r));
      const under = underSupportedOf(c);
      block.cells.push({ area: c, band: band(c[figure], low, high), rules, under, marks: marksOf(t, rules, under) });
    }
    const all = [...groups.values()];
    const byArea = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
    all.sort(byArea);
    for (const g of all) {
      g.blocks.sort(byArea);
      for (const b of g.blocks) b.cells.sort((x, y) => x.area.code.localeCompare(y.area.code));
    }
    return { byCode, groups: all, corridors };
  }, [data, figure, low, high, t]);

  const bandLabel = (b: Band) => t(`glance.band.${b}`, { low, high });
  const heat: HeatGroup[] = useMemo(
    () =>
      (model?.groups ?? []).map((g) => ({
        code: g.code,
        title: `${g.title}${g.area && g.area.name !== g.code ? `  ${g.code}` : ""}${g.rules.length ? "  " + marksOf(t, g.rules, 0).join(" ") : ""}`,
        rows: g.blocks.map((b) => ({
          code: b.code,
          label: b.area?.name ?? b.code,
          sub: b.code,
          marks: marksOf(t, b.rules, 0),
          cells: b.cells.map((c) => {
            const f = c.area[figure];
            const gaps = [...c.rules.map((r) => t(`rule.${r}`)), ...(c.under > 0 ? [`${t("glance.underSupported")} ${c.under}`] : [])];
            return {
              code: c.area.code,
              name: c.area.name,
              band: c.band,
              marks: c.marks,
              tooltip:
                `<b>${esc(c.area.name)}</b> ${esc(c.area.code)}<br>` +
                `${esc(b.area?.name ?? b.code)} · ${esc(g.title)}<br>` +
                `${esc(t(`figure.${figure}`))}: ${f.actual} / ${f.expected}` +
                (f.expected ? ` (${Math.round(f.ratio * 100)}%)` : "") +
                `<br>${esc(bandLabel(c.band))}` +
                (gaps.length ? `<br><b>${esc(join(gaps))}</b>` : ""),
            };
          }),
        })),
      })),
    // bandLabel and t change with the language and the thresholds, which model already follows
    [model],
  );

  if (error) return <p className="error">{t("app.error")}: {error}</p>;
  if (!data || !model) return <p>{t("app.loading")}</p>;

  const openedArea = opened ? model.byCode.get(opened) : undefined;
  if (openedArea) {
    const block = openedArea.parentCode ? model.byCode.get(openedArea.parentCode) : undefined;
    const grid = block?.parentCode ? model.byCode.get(block.parentCode) : undefined;
    const rules = model.groups.flatMap((g) => g.blocks.flatMap((b) => b.cells)).find((c) => c.area.code === opened)?.rules ?? [];
    return (
      <CorridorPage
        corridor={openedArea}
        block={block ?? null}
        grid={grid ?? null}
        rules={rules}
        asOf={props.asOf}
        low={low}
        high={high}
        onBack={() => setOpened(null)}
        onOpenElder={props.onOpenElder}
      />
    );
  }

  // Only figures some corridor is measured by (the others would paint every cell grey).
  const figures = FIGURES.filter((f) => f === figure || model.corridors.some((c) => c[f].expected > 0));
  const counts = Object.fromEntries(BANDS.map((b) => [b, 0])) as Record<Band, number>;
  for (const g of model.groups) for (const b of g.blocks) for (const c of b.cells) counts[c.band]++;

  return (
    <section data-testid="glance" data-figure={figure} data-low={low} data-high={high}>
      <h2>{t("glance.title")}</h2>
      <div className="row toolbar">
        <label>
          {t("overview.colourBy")}{" "}
          <select data-testid="glance-figure" value={figure} onChange={(e) => chooseFigure(e.target.value as Figure)}>
            {figures.map((f) => (
              <option key={f} value={f}>
                {t(`figure.${f}`)}
              </option>
            ))}
          </select>
        </label>
        {(["low", "high"] as const).map((which) => (
          <label key={which}>
            {t(`glance.${which}`)}{" "}
            <input
              type="number"
              min={0}
              max={100}
              step={1}
              style={{ width: "5em" }}
              data-testid={`glance-${which}`}
              value={thresholds[which]}
              onChange={(e) => setThreshold(which, e.target.value)}
            />
          </label>
        ))}
        <button
          data-testid="glance-reset"
          onClick={() => {
            setThresholds(DEFAULT_THRESHOLDS);
            localStorage.removeItem(THRESHOLDS_KEY);
          }}
        >
          {t("glance.reset")}
        </button>
      </div>
      <div className="row legend" data-testid="glance-legend">
        {BANDS.map((b) => (
          <span key={b} data-testid={`legend-${b}`} data-count={counts[b]}>
            <i style={{ display: "inline-block", width: 14, height: 14, borderRadius: 3, verticalAlign: "middle", background: BAND_COLOURS[b] }} />{" "}
            {bandLabel(b)} ({counts[b]})
          </span>
        ))}
      </div>
      <p className="legend">
        {t("glance.marksLegend")} · {t("glance.corridors", { n: model.corridors.length })} · {t("glance.hint")}
      </p>
      {model.corridors.length === 0 ? (
        <p className="muted">{t("glance.none")}</p>
      ) : (
        <HeatGrid groups={heat} onOpen={setOpened} label={t("glance.title")} />
      )}
      <details open style={{ marginTop: 12 }}>
        <summary>{t("glance.list")}</summary>
        <div data-testid="glance-list" style={{ display: "flex", flexWrap: "wrap", gap: "0 24px" }}>
          {model.groups.map((g) => (
            <div key={g.code} data-testid="glance-group" data-code={g.code} style={{ margin: "8px 0" }}>
              <h3 style={{ fontSize: "1rem", margin: "6px 0" }}>
                {t(`level.${g.area?.level ?? "MICRO_GRID"}`)} {g.title} {g.area?.name !== g.code && <span className="muted">{g.code}</span>}
                {g.rules.length > 0 && <span className="badge bad">{marksOf(t, g.rules, 0).join(" ")}</span>}
              </h3>
              {g.blocks.map((b) => (
                <div key={b.code} className="row" data-testid="glance-block" data-code={b.code} style={{ alignItems: "stretch", margin: "3px 0", gap: 4 }}>
                  <div style={{ width: 120, flex: "none", fontSize: "0.9rem" }}>
                    {b.area?.name ?? b.code}
                    {b.area && b.area.name !== b.code && <div className="muted">{b.code}</div>}
                    {b.rules.length > 0 && <span className="bad" style={{ fontSize: "0.8rem" }}>{marksOf(t, b.rules, 0).join(" ")}</span>}
                  </div>
                  {b.cells.map((c) => {
                    const f = c.area[figure];
                    const dark = c.band === "red" || c.band === "green";
                    return (
                      <button
                        key={c.area.code}
                        data-testid="glance-cell"
                        data-code={c.area.code}
                        data-band={c.band}
                        data-gaps={c.rules.join(" ")}
                        data-under={c.under}
                        data-actual={f.actual}
                        data-expected={f.expected}
                        title={`${c.area.name} ${c.area.code} · ${t(`figure.${figure}`)} ${f.actual} / ${f.expected} · ${bandLabel(c.band)}`}
                        onClick={() => setOpened(c.area.code)}
                        style={{
                          background: BAND_COLOURS[c.band],
                          color: dark ? "#fff" : "#212529",
                          width: 120,
                          minHeight: 0,
                          padding: "3px 6px",
                          display: "flex",
                          flexDirection: "column",
                          alignItems: "flex-start",
                          textAlign: "left",
                          fontSize: "0.85rem",
                        }}
                      >
                        <strong>{c.area.name}</strong>
                        {c.area.name !== c.area.code && <span>{c.area.code}</span>}
                        <span data-testid="glance-figure-value">
                          {f.actual} / {f.expected}
                          {f.expected > 0 && ` · ${Math.round(f.ratio * 100)}%`}
                        </span>
                        {c.marks.length > 0 && <span data-testid="glance-marks">{c.marks.join(" ")}</span>}
                      </button>
                    );
                  })}
                </div>
              ))}
            </div>
          ))}
        </div>
      </details>
    </section>
  );
}
