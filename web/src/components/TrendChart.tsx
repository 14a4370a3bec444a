// The key figures of a scope week by week, as lines: one per chosen figure, as a share (0–100%)
// so that figures of different sizes read on one axis. Apache ECharts, imported piece by piece
// like the heat grid (the line chart, its grid, legend and tooltip, the canvas renderer).
import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { LineChart, type LineSeriesOption } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export type TrendLine = { name: string; values: (number | null)[] };

export function TrendChart(props: { days: string[]; lines: TrendLine[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current);
    const option: Option = {
      tooltip: { trigger: "axis", valueFormatter: (v) => (v == null ? "—" : `${v}%`) },
      legend: { top: 0, type: "scroll" },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: "category", data: props.days, boundaryGap: false },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: props.lines.map((l) => ({ type: "line", name: l.name, data: l.values, connectNulls: false, symbolSize: 6 })),
    };
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [props.days, props.lines]);
  return <div ref={box} data-testid="trend-chart" style={{ width: "100%", height: 320 }} />;
}
