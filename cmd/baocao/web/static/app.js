// baocao: a little progressive enhancement. Every page works without it.
"use strict";

// Sortable tables: click a column header; numbers sort as numbers.
function initSortable(table) {
  const heads = Array.from(table.tHead.rows[0].cells);
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
        const x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
        const c = num ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "vi");
        return asc ? c : -c;
      });
      rows.forEach((r) => body.appendChild(r));
    });
  });
}

// Ingest page: upload files or scan the inbox, with the token.
function initIngest(form) {
  const out = document.getElementById("ingest-result");
  const token = document.getElementById("token");
  token.value = sessionStorage.getItem("baocao-token") || "";
  async function send(body) {
    sessionStorage.setItem("baocao-token", token.value);
    out.textContent = "Đang nạp…";
    try {
      const res = await fetch("/api/ingest", { method: "POST", headers: { "X-Baocao-Token": token.value }, body });
      const data = await res.json();
      if (!res.ok) {
        out.textContent = "Lỗi: " + (data.error ? data.error.message : res.status);
        return;
      }
      out.textContent = `${data.files} tệp: ${data.indexed} mới, ${data.replaced} thay thế, ${data.unchanged} không đổi, ${data.duplicate} trùng, ${data.failed} lỗi` +
        (data.quarantined.length ? `\nCách ly: ${data.quarantined.map((q) => q.file + " (" + q.reason + ")").join(", ")}` : "");
      setTimeout(() => location.reload(), 1500);
    } catch (e) {
      out.textContent = "Lỗi mạng: " + e;
    }
  }
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const files = document.getElementById("file").files;
    if (!files.length) { out.textContent = "Chọn ít nhất một tệp."; return; }
    const fd = new FormData();
    for (const f of files) fd.append("file", f, f.name);
    send(fd);
  });
  document.getElementById("ingest-now").addEventListener("click", () => {
    if (!token.reportValidity()) return;
    send(null);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.sortable").forEach(initSortable);
  const f = document.getElementById("ingest-form");
  if (f) initIngest(f);
});
