// baocao: a little progressive enhancement. Every page works without it
// (the ingest form is a plain form POST).
"use strict";

// Sortable tables: click a column header; numbers sort as numbers (the
// cell's data-value when it has one, since shown numbers are grouped the
// Vietnamese way: 1.286.032).
function initSortable(table) {
  const heads = Array.from(table.tHead.rows[0].cells);
  const value = (cell) => (cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim());
  heads.forEach((th, col) => {
    const btn = th.querySelector("button");
    if (!btn) return;
    btn.addEventListener("click", () => {
      const asc = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      const num = th.dataset.type === "num";
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const x = value(a.cells[col]), y = value(b.cells[col]);
        // Blank cells — a value not stated — go last either way.
        if (num && (x === "" || y === "")) return (x === "") - (y === "");
        const c = num ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, document.documentElement.lang || "vi");
        return asc ? c : -c;
      });
      rows.forEach((r) => body.appendChild(r));
    });
  });
}

// The ingest form: keep the token for the session, so it need not be
// typed again after the page comes back.
function initIngest(form) {
  const token = document.getElementById("token");
  token.value = sessionStorage.getItem("baocao-token") || "";
  form.addEventListener("submit", () => sessionStorage.setItem("baocao-token", token.value));
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.sortable").forEach(initSortable);
  const f = document.getElementById("ingest-form");
  if (f) initIngest(f);
});
