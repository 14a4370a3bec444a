import { useMemo, useState, type ReactNode } from "react";
import { downloadCsv, downloadXlsx, type Table } from "../exporting";
import { useI18n } from "../i18n";

export type Column<R> = {
  key: string;
  label: string;
  value: (row: R) => string | number | null; // what is sorted, filtered and exported
  render?: (row: R) => ReactNode;
};

/** A table sortable by any column, filtered by a text box, exportable as shown. */
export function SortableTable<R>(props: {
  id: string;
  columns: Column<R>[];
  rows: R[];
  exportName: string;
  extraFilter?: ReactNode;
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
      <div className="scroll">
        <table>
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
                  <td key={c.key}>{c.render ? c.render(row) : <CellValue value={c.value(row)} />}</td>
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
