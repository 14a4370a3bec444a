// Coverage window by window (coverageByWindow): the areas' supported elders in each window of
// the week side by side, and the elders supported on paper but alone at some hour.
import { useEffect, useState } from "react";
import { fetchAll } from "../api";
import { useI18n } from "../i18n";
import { Show } from "../components/Masked";
import { SortableTable, type Column } from "../components/SortableTable";
import { Progress, Term } from "../components/Hints";

export const WINDOWS = ["WEEKDAY_DAY", "WEEKDAY_EVENING", "NIGHT", "WEEKEND"] as const;
type Window = (typeof WINDOWS)[number];
type Ratio = { actual: number; expected: number };
type AreaRow = {
  code: string;
  name: string;
  level: string;
  eldersSupported: Ratio;
  worstWindow: Window | null;
  eldersUnderSupportedInSomeWindow: number;
  byWindow: { window: Window; eldersSupported: Ratio }[];
};
type ElderWindow = { window: Window; helperCount: number; underSupported: boolean; reasons: string[] };
type ElderRow = {
  elder: { residentId: string; name: string | null; corridor: string; underSupported: boolean; helperCount: number };
  supportedOverallButNotAlways: boolean;
  worstWindow: ElderWindow;
  byWindow: ElderWindow[];
};

const AREAS = `query($scope: ID, $asOf: Date, $level: AreaLevel, $after: String) {
  coverageByWindow(scope: $scope, asOf: $asOf) { areas(level: $level, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { code name level eldersSupported { actual expected } worstWindow
            eldersUnderSupportedInSomeWindow byWindow { window eldersSupported { actual expected } } } } } }`;
const ELDERS = `query($scope: ID, $asOf: Date, $changing: Boolean!, $after: String) {
  coverageByWindow(scope: $scope, asOf: $asOf) { elders(changing: $changing, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { elder { residentId name corridor underSupported helperCount } supportedOverallButNotAlways
            worstWindow { window helperCount underSupported reasons }
            byWindow { window helperCount underSupported reasons } } } } }`;

type Answer<K extends string, N> = { coverageByWindow: Record<K, { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: N[] }> };

export function Windows(props: { scope: string; asOf: string; onOpenElder: (id: string) => void }) {
  const { t } = useI18n();
  const [level, setLevel] = useState("BLOCK");
  const [changing, setChanging] = useState(true);
  const [areas, setAreas] = useState<AreaRow[] | null>(null);
  const [elders, setElders] = useState<ElderRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setAreas(null);
    fetchAll<Answer<"areas", AreaRow>, AreaRow>(AREAS, { scope: props.scope, asOf: props.asOf, level }, (d) => d.coverageByWindow.areas)
      .then((r) => live && setAreas(r.nodes))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.scope, props.asOf, level]);

  useEffect(() => {
    let live = true;
    setElders(null);
    fetchAll<Answer<"elders", ElderRow>, ElderRow>(ELDERS, { scope: props.scope, asOf: props.asOf, changing }, (d) => d.coverageByWindow.elders)
      .then((r) => live && setElders(r.nodes))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.scope, props.asOf, changing]);

  if (error) return <p className="error">{t("app.error")}: {error}</p>;

  const ratio = (r: Ratio) => `${r.actual}/${r.expected}`;
  const areaColumns: Column<AreaRow>[] = [
    { key: "code", label: t("col.code"), value: (r) => r.code },
    { key: "all", label: t("windows.overall"), value: (r) => ratio(r.eldersSupported) },
    ...WINDOWS.map((w) => ({
      key: w,
      label: t(`window.${w}`),
      value: (r: AreaRow) => ratio(r.byWindow.find((x) => x.window === w)!.eldersSupported),
      render: (r: AreaRow) => {
        const here = r.byWindow.find((x) => x.window === w)!.eldersSupported;
        const worse = here.actual < r.eldersSupported.actual;
        return (
          <span className={worse ? "window-worse" : ""} data-testid={`area-${r.code}-${w}`}>
            {ratio(here)}
          </span>
        );
      },
    })),
    { key: "worst", label: t("windows.worst"), value: (r) => (r.worstWindow ? t(`window.${r.worstWindow}`) : "—") },
    { key: "some", label: t("windows.underSomewhere"), value: (r) => r.eldersUnderSupportedInSomeWindow },
  ];
  const mark = (x: ElderWindow) => (x.underSupported ? `✗ ${x.helperCount}` : `✓ ${x.helperCount}`);
  const elderColumns: Column<ElderRow>[] = [
    { key: "residentId", label: t("col.residentId"), value: (r) => r.elder.residentId },
    {
      key: "name",
      label: t("col.name"),
      value: (r) => r.elder.name,
      nowrap: true,
      render: (r) => (
        <button className="link" onClick={() => props.onOpenElder(r.elder.residentId)}>
          <Show value={r.elder.name} />
        </button>
      ),
    },
    { key: "corridor", label: t("col.corridor"), value: (r) => r.elder.corridor },
    { key: "all", label: t("windows.overall"), value: (r) => (r.elder.underSupported ? `✗ ${r.elder.helperCount}` : `✓ ${r.elder.helperCount}`) },
    ...WINDOWS.map((w) => ({
      key: w,
      label: t(`window.${w}`),
      value: (r: ElderRow) => mark(r.byWindow.find((x) => x.window === w)!),
      render: (r: ElderRow) => {
        const x = r.byWindow.find((y) => y.window === w)!;
        return (
          <span className={x.underSupported ? "window-worse" : ""} data-testid={`elder-${r.elder.residentId}-${w}`}>
            {mark(x)}
          </span>
        );
      },
    })),
    { key: "worst", label: t("windows.worst"), value: (r) => t(`window.${r.worstWindow.window}`) },
  ];

  return (
    <section data-testid="windows">
      <p className="hint">{t("windows.explain")}</p>
      <h3>
        <Term label={t("windows.areas")} explain={t("windows.areasExplain")} />
      </h3>
      {areas ? (
        <SortableTable
          id="windowAreas"
          columns={areaColumns}
          rows={areas}
          exportName="coverage-by-window"
          empty={t("empty.windowAreas")}
          extraFilter={
            <select data-testid="window-level" value={level} onChange={(e) => setLevel(e.target.value)}>
              {["MICRO_GRID", "BLOCK", "CORRIDOR"].map((l) => (
                <option key={l} value={l}>
                  {t(`level.${l}`)}
                </option>
              ))}
            </select>
          }
        />
      ) : (
        <Progress text={t("progress.windows")} />
      )}
      <h3>
        <Term label={t("windows.elders")} explain={t("windows.eldersExplain")} />{" "}
        {elders && <span data-testid="window-elder-count">{elders.length}</span>}
      </h3>
      {elders ? (
        <SortableTable
          id="windowElders"
          columns={elderColumns}
          rows={elders}
          exportName="elders-by-window"
          empty={changing ? t("empty.windowChanging") : t("empty.underSupported")}
          extraFilter={
            <label>
              <input type="checkbox" data-testid="window-changing" checked={changing} onChange={(e) => setChanging(e.target.checked)} />{" "}
              {t("windows.onlyChanging")}
            </label>
          }
        />
      ) : (
        <Progress text={t("progress.windows")} />
      )}
    </section>
  );
}
