// Exports of a table as shown (filtered and sorted). CSV is made here; XLSX by the service's
// /export/xlsx route, which only turns the rows the page sends into a workbook (openpyxl) and
// reads no data itself, so the page still gets every figure from /graphql.

import { token } from "./api";

export type Table = { name: string; columns: string[]; rows: (string | number | null)[][] };

/** A cell that a spreadsheet would run as a formula is prefixed with ' (CSV injection). */
export function csvCell(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: Table): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(","));
  return `\ufeff${lines.join("\r\n")}\r\n`; // the BOM makes Excel read the Chinese as UTF-8
}

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadCsv(table: Table): void {
  download(new Blob([toCsv(table)], { type: "text/csv;charset=utf-8" }), `${table.name}.csv`);
}

export async function downloadXlsx(table: Table): Promise<void> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const bearer = token.get();
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const response = await fetch("/export/xlsx", {
    method: "POST",
    headers,
    body: JSON.stringify({ sheet: table.name, columns: table.columns, rows: table.rows }),
  });
  if (!response.ok) throw new Error(`export failed: HTTP ${response.status}`);
  download(await response.blob(), `${table.name}.xlsx`);
}
