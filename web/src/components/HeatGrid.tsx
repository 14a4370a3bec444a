// The at-a-glance heat grid drawn by Apache ECharts: one panel per micro-grid, a row per block,
// a cell per corridor coloured by its band. Imported piece by piece (echarts/core and only the
// heatmap, its grid, titles, tooltip, piecewise visual map and the canvas renderer) to keep the
// bundle small.
import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { HeatmapChart, type HeatmapSeriesOption } from "echarts/charts";
import {
  GridComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  type GridComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { BAND_COLOURS, BANDS, type Band } from "../colour";

echarts.use([HeatmapChart, GridComponent, TitleComponent, TooltipComponent, VisualMapPiecewiseComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<
  HeatmapSeriesOption | GridComponentOption | TitleComponentOption | TooltipComponentOption | VisualMapComponentOption
>;

export type HeatCell = { code: string; name: string; band: Band; marks: string[]; tooltip: string };
export type HeatRow = { code: string; label: string; sub: string; marks: string[]; cells: HeatCell[] };
export type HeatGroup = { code: string; title: string; rows: HeatRow[] };

const ROW = 58; // px per block row
const TITLE = 30; // px above each micro-grid's panel
const LEFT = 120; // px for the block labels
const CELL = 130; // px: a cell's widest
const GAP = 24; // px between panels
const SEP = "\u0001"; // joins a block label's parts inside an axis category

/** Text for ECharts rich-text labels: its markup characters taken out. */
const plain = (s: string) => s.replace(/[{}|]/g, " ");

/** Micro-grids as panels side by side, as many as fit in ``width``, like a site plan. */
function layout(groups: HeatGroup[], width: number): { option: Option; height: number } {
  const columns = Math.max(1, ...groups.flatMap((g) => g.rows.map((r) => r.cells.length)));
  const cell = Math.max(64, Math.min(CELL, (width - LEFT - 8) / columns));
  const panel = LEFT + columns * cell;
  const perRow = Math.max(1, Math.floor((width + GAP) / (panel + GAP)));
  const grids: GridComponentOption[] = [];
  const titles: TitleComponentOption[] = [];
  const xAxis: Option["xAxis"] = [];
  const yAxis: Option["yAxis"] = [];
  const series: HeatmapSeriesOption[] = [];
  let top = 0;
  let rowHeight = 0;
  groups.forEach((g, i) => {
    const k = i % perRow;
    if (k === 0 && i > 0) {
      top += rowHeight + 12;
      rowHeight = 0;
    }
    const left = k * (panel + GAP);
    const height = g.rows.length * ROW;
    rowHeight = Math.max(rowHeight, TITLE + height);
    titles.push({ text: g.title, top, left, textStyle: { fontSize: 14, fontWeight: "bold" } });
    grids.push({ top: top + TITLE, left: left + LEFT, width: columns * cell, height, containLabel: false });
    (xAxis as object[]).push({
      type: "category",
      gridIndex: i,
      data: Array.from({ length: columns }, (_, c) => String(c + 1)),
      show: false,
    });
    (yAxis as object[]).push({
      type: "category",
      gridIndex: i,
      inverse: true,
      data: g.rows.map((r) => [plain(r.label), r.sub === r.label ? "" : plain(r.sub), plain(r.marks.join(" "))].join(SEP)),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: {
        width: LEFT - 12,
        overflow: "truncate",
        formatter: (value: string) => {
          const [label, sub, marks] = value.split(SEP);
          return `{n|${label}}${sub ? `\n{c|${sub}}` : ""}${marks ? `\n{m|${marks}}` : ""}`;
        },
        rich: {
          n: { fontSize: 13, color: "#212529" },
          m: { fontSize: 11, color: "#c92a2a" },
          c: { fontSize: 11, color: "#868e96" },
        },
      },
    });
    series.push({
      type: "heatmap",
      xAxisIndex: i,
      yAxisIndex: i,
      data: g.rows.flatMap((r, y) =>
        r.cells.map((c, x) => ({
          value: [x, y, BANDS.indexOf(c.band)],
          name: c.name,
          code: c.code,
          tooltip: c.tooltip,
          marks: c.marks.join(" "),
          label: { color: c.band === "red" || c.band === "green" ? "#fff" : "#212529" },
        })),
      ),
      label: {
        show: true,
        formatter: (p) => {
          const d = p.data as { name: string; marks: string };
          return `{n|${plain(d.name)}}${d.marks ? `\n{m|${plain(d.marks)}}` : ""}`;
        },
        rich: { n: { fontSize: 12, fontWeight: "bold" }, m: { fontSize: 11 } },
      },
      itemStyle: { borderColor: "#fff", borderWidth: 3, borderRadius: 4 },
      emphasis: { itemStyle: { borderColor: "#1971c2", borderWidth: 3 } },
    });
  });
  const option: Option = {
    animation: false,
    title: titles,
    grid: grids,
    xAxis,
    yAxis,
    series,
    tooltip: {
      trigger: "item",
      confine: true,
      formatter: (p) => (p as unknown as { data: { tooltip: string } }).data.tooltip,
    },
    visualMap: {
      type: "piecewise",
      show: false, // the page draws the legend (with the thresholds) itself
      dimension: 2,
      seriesIndex: series.map((_, i) => i),
      pieces: BANDS.map((b, i) => ({ value: i, color: BAND_COLOURS[b] })),
    },
  };
  return { option, height: top + rowHeight + 8 };
}

export function HeatGrid(props: { groups: HeatGroup[]; onOpen: (code: string) => void; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const open = useRef(props.onOpen);
  open.current = props.onOpen;
  const groups = useRef(props.groups);
  groups.current = props.groups;

  const width = useRef(0);
  const draw = (force: boolean) => {
    const c = chart.current;
    if (!c || !box.current) return;
    const w = box.current.clientWidth;
    if (!force && w === width.current) return; // a change of height only (ours)
    width.current = w;
    const { option, height } = layout(groups.current, w);
    box.current.style.height = `${height}px`;
    c.setOption(option, { notMerge: true });
    c.resize();
  };

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer: "canvas" });
    chart.current = c;
    c.on("click", (p) => {
      const code = (p.data as { code?: string } | undefined)?.code;
      if (code) open.current(code);
    });
    const resize = new ResizeObserver(() => draw(false));
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => draw(true), [props.groups]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={props.label}
      data-testid="glance-chart"
      style={{ width: "100%", minHeight: 120, background: "#fff", border: "1px solid #dee2e6", borderRadius: 6 }}
    />
  );
}
