// Sortable tables and the per-split filter. The page reads fully without this script:
// it only adds behaviour (controls it needs are marked `hidden` in the HTML).
"use strict";

const collator = new Intl.Collator(undefined, { numeric: true });

// The number a cell shows ("97.33%", "1.3e-10", "95.1% – 97.2%", "18 of 18"), or NaN.
function cellKey(cell) {
  const text = (cell.dataset.sort ?? cell.textContent).trim().replace(/[−–]/g, "-");
  const match = text.match(/^[-+]?(\d[\d,]*\.?\d*|\.\d+)(e[-+]?\d+)?/i);
  return match ? parseFloat(match[0].replace(/,/g, "")) : NaN;
}

function sortBy(table, column, header) {
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const cells = rows.map((row) => row.cells[column]);
  const numbers = cells.map((cell) => (cell ? cellKey(cell) : NaN));
  // Columns marked as text (names, versions such as 3.11.2) sort as text; others as
  // numbers when every cell that is not empty or "–" holds one.
  const numeric = !header.classList.contains("text") && cells.every((cell, i) =>
    !cell || ["", "-", "–"].includes(cell.textContent.trim()) || !isNaN(numbers[i]));
  const ascending = header.getAttribute("aria-sort") !== "ascending";
  const order = rows.map((row, i) => i);
  order.sort((a, b) => {
    let diff;
    if (numeric) {
      const x = numbers[a], y = numbers[b];
      diff = isNaN(x) ? (isNaN(y) ? 0 : 1) : isNaN(y) ? -1 : ascending ? x - y : y - x;
    } else {
      const x = cells[a] ? cells[a].textContent.trim() : "";
      const y = cells[b] ? cells[b].textContent.trim() : "";
      diff = ascending ? collator.compare(x, y) : collator.compare(y, x);
    }
    return diff || a - b; // stable: ties keep their order
  });
  for (const th of table.tHead.rows[0].cells) th.removeAttribute("aria-sort");
  header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const fragment = document.createDocumentFragment();
  for (const i of order) fragment.appendChild(rows[i]);
  body.appendChild(fragment);
}

function makeSortable(table) {
  if (!table.tHead || !table.tBodies.length || table.tBodies[0].rows.length < 2) return;
  Array.from(table.tHead.rows[0].cells).forEach((header, column) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.title = "Sort by this column";
    while (header.firstChild) button.appendChild(header.firstChild);
    header.appendChild(button);
    button.addEventListener("click", () => sortBy(table, column, header));
  });
}

// The per-split table: show only the rows of one case and/or one verdict.
function makeFilterable(table, controls) {
  const caseSelect = controls.querySelector("select[name=case]");
  const verdictSelect = controls.querySelector("select[name=verdict]");
  const count = controls.querySelector("output");
  const rows = Array.from(table.tBodies[0].rows);
  const details = table.closest("details"); // the large study's compact table is folded
  function apply() {
    if (details && (caseSelect.value || verdictSelect.value)) details.open = true;
    let shown = 0;
    for (const row of rows) {
      const keep = (!caseSelect.value || row.dataset.case === caseSelect.value) &&
        (!verdictSelect.value || row.dataset.verdict === verdictSelect.value);
      row.hidden = !keep;
      shown += keep;
    }
    count.textContent = `${shown} of ${rows.length} splits shown`;
  }
  caseSelect.addEventListener("change", apply);
  verdictSelect.addEventListener("change", apply);
  // Links from a case's verdict to its splits set the filter on the way.
  for (const link of document.querySelectorAll("a[data-case]")) {
    link.addEventListener("click", () => {
      caseSelect.value = link.dataset.case;
      verdictSelect.value = "";
      apply();
    });
  }
  controls.hidden = false;
  apply();
}

function makeCopyable(button) {
  const source = document.getElementById(button.dataset.copy);
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(source.textContent);
    button.textContent = "Copied";
  });
  button.hidden = false;
}

document.querySelectorAll("main table, footer table").forEach((table) => {
  if (!table.classList.contains("matrix")) makeSortable(table);
});
const splitTable = document.getElementById("split-table");
if (splitTable) makeFilterable(splitTable, document.getElementById("split-filter"));
document.querySelectorAll("button[data-copy]").forEach(makeCopyable);

// A link to a section scrolls it to just below the sticky contents bar, however many lines
// the bar takes at this window's width.
const contentsBar = document.querySelector("nav.toc");
function clearContentsBar() {
  document.documentElement.style.scrollPaddingTop = `${contentsBar.offsetHeight + 8}px`;
}
if (contentsBar) {
  clearContentsBar();
  window.addEventListener("resize", clearContentsBar);
}

// Files stored gzip-compressed in the page are saved unpacked, under their own name.
for (const link of document.querySelectorAll("a[data-gunzip]")) {
  link.addEventListener("click", async (event) => {
    if (!("DecompressionStream" in window)) return; // the .gz file is saved as it is
    event.preventDefault();
    const packed = await (await fetch(link.href)).blob();
    const unpacked = packed.stream().pipeThrough(new DecompressionStream("gzip"));
    const url = URL.createObjectURL(await new Response(unpacked).blob());
    const save = document.createElement("a");
    save.href = url;
    save.download = link.dataset.gunzip;
    document.body.appendChild(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  });
}
