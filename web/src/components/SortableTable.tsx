import { useMemo, useState, type ReactNode } from "react";
import { downloadCsv, downloadXlsx, type Table } from "../exporting";
import { useI18n } from "../i18n";
import { installCardLabels } from "./Cards";
import { Empty } from "./Hints";

installCardLabels();

export type Column<R> = {
  key: string;
  label: string;
  value: (row: R) => string | number | null; // what is sorted, filtered and exported
  render?: (row: R) => ReactNode;
  nowrap?: boolean; // a name: one line, never a character per line on a phone
};

/** A table sortable by any column, filtered by a text box, exportable as shown; below 600 px
 * its rows are cards (the headers hidden, a select sorts instead). With no rows it says why:
 * `empty` when there are none to show, its own sentence when the text filter hides them all. */
export function SortableTable<R>(props: {
  id: string;
  columns: Column<R>[];
  rows: R[];
  exportName: string;
  extraFilter?: ReactNode;
  empty: string;
}) {
  const { t } = useI18n();
  const [sortKey, setSortKey] = useState<string | null>(null);
  const [descending, setDescending] = useState(false);
  const [filter, setFilter] = useState("");

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    let rows = props.rows;
    if (needle)
      rows = rows.filter((row) =>
        props.columns.some((c) => String(c.value(row) ?? "").toLowerCase().includes(needle)),
      );
    const column = props.columns.find((c) => c.key === sortKey);
    if (column) {
      rows = [...rows].sort((a, b) => {
        const x = column.value(a);
        const y = column.value(b);
        const order =
          typeof x === "number" && typeof y === "number"
            ? x - y
            : String(x ?? "").localeCompare(String(y ?? ""), "zh-CN");
        return descending ? -order : order;
      });
    }
    return rows;
  }, [props.rows, props.columns, filter, sortKey, descending]);

  const table = (): Table => ({
    name: props.exportName,
    columns: props.columns.map((c) => c.label),
    rows: shown.map((row) => props.columns.map((c) => c.value(row))),
  });

  const sortBy = (key: string) => {
    if (key === sortKey) setDescending(!descending);
    else {
      setSortKey(key);
      setDescending(false);
    }
  };

  return (
    <div className="table-block" data-testid={`table-${props.id}`}>
      <div className="row toolbar">
        <label>
          {t("gaps.filter")}{" "}
          <input
            data-testid={`filter-${props.id}`}
            value={filter}
            placeholder={t("gaps.filterPlaceholder")}
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
        {props.extraFilter}
        <select
          className="phone-only"
          data-testid={`sortby-${props.id}`}
          aria-label={t("gaps.sortBy")}
          value={sortKey ? `${sortKey}:${descending ? "desc" : "asc"}` : ""}
          onChange={(e) => {
            const [key, order] = e.target.value.split(":");
            setSortKey(key || null);
            setDescending(order === "desc");
          }}
        >
          <option value="">{t("gaps.sortNone")}</option>
          {props.columns.flatMap((c) => [
            <option key={`${c.key}:asc`} value={`${c.key}:asc`}>{c.label} ▲</option>,
            <option key={`${c.key}:desc`} value={`${c.key}:desc`}>{c.label} ▼</option>,
          ])}
        </select>
        <span data-testid={`shown-${props.id}`} className="muted">
          {t("gaps.shown")} {shown.length}
        </span>
        <button data-testid={`csv-${props.id}`} onClick={() => downloadCsv(table())}>
          {t("gaps.csv")}
        </button>
        <button data-testid={`xlsx-${props.id}`} onClick={() => void downloadXlsx(table())}>
          {t("gaps.xlsx")}
        </button>
      </div>
      {shown.length === 0 && (
        <Empty id={props.id} text={props.rows.length === 0 ? props.empty : t("empty.filtered")} />
      )}
      <div className="scroll" hidden={shown.length === 0}>
        <table className="cards">
          <thead>
            <tr>
              {props.columns.map((c) => (
                <th key={c.key} onClick={() => sortBy(c.key)} data-testid={`sort-${props.id}-${c.key}`}>
                  {c.label}
                  {sortKey === c.key ? (descending ? " ▼" : " ▲") : ""}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <tr key={i} data-testid={`row-${props.id}`}>
                {props.columns.map((c) => (
                  <td key={c.key} data-label={c.label} className={c.nowrap ? "nowrap" : undefined}><span className="value">{c.render ? c.render(row) : <CellValue value={c.value(row)} />}</span></td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function CellValue({ value }: { value: string | number | null }) {
  const { t } = useI18n();
  if (value === null)
    return (
      <span className="masked" title={t("app.masked")} data-masked="true">
        —
      </span>
    );
  return <>{value}</>;
}
