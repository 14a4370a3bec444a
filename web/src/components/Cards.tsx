// Tables become cards below 600 px by CSS alone (styles.css, `table.cards`): each cell shows its
// column's name from its data-label attribute. The page's own tables set data-label as they
// render; for tables that only carry the class (trends, report) this fills in the missing
// labels from the table's header, once, whenever rows are added.

function labelTables(root: ParentNode): void {
  for (const table of root.querySelectorAll<HTMLTableElement>("table.cards")) {
    const heads = Array.from(table.tHead?.rows[0]?.cells ?? [], (th) => th.textContent?.trim() ?? "");
    if (heads.length === 0) continue;
    for (const body of Array.from(table.tBodies))
      for (const row of Array.from(body.rows)) {
        let column = 0;
        for (const cell of Array.from(row.cells)) {
          if (!cell.hasAttribute("data-label") && heads[column]) cell.setAttribute("data-label", heads[column]);
          column += cell.colSpan;
        }
      }
  }
}

let installed = false;

/** Watch the document for card tables (attributes set here are not watched: no loop). */
export function installCardLabels(): void {
  if (installed || typeof document === "undefined" || typeof MutationObserver === "undefined") return;
  installed = true;
  const start = () => {
    labelTables(document);
    new MutationObserver(() => labelTables(document)).observe(document.body, { childList: true, subtree: true });
  };
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start, { once: true });
}
