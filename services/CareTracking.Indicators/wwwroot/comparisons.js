// The dashboard's "Comparisons" section: each measure beside England, the authority's region and its statistical
// neighbours as the DfE published them by the instant shown, and its target (met or not), from
// /api/indicators/comparisons. The loading and the CSV are sections.js's.
(() => {
  "use strict";

  const { $, element: text, reportSection, WITHHELD, withheldIn } = window.CareTracking;
  const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

  const value = (v) => (v === null || v === undefined ? "–" : numberFormat.format(v));
  const yearOf = (year) => `${year - 1}/${String(year).slice(-2)}`;

  // A set's cell: its mean, the year when it is not the report's, and how many members had a figure.
  function setCell(set, reportYear) {
    const td = document.createElement("td");
    if (!set) { td.textContent = "–"; return td; }
    td.append(text("span", value(set.value), { className: "comparison-value" }));
    const notes = [`${set.membersWithFigure} of ${set.members}`];
    if (set.year !== reportYear) notes.push(yearOf(set.year));
    td.append(" ", text("small", `(${notes.join(", ")})`));
    return td;
  }

  function render(report) {
    const table = $("comparisons-table");
    const caption = [`England, ${report.region ? `region ${report.region}` : "no region known"} and statistical neighbours`,
      report.knownAt ? `as published by ${report.knownAt}` : "as last published"].join(", ");
    $("comparisons-caption").textContent = caption;
    const body = document.createElement("tbody");
    const withheld = withheldIn(report);
    for (const row of report.rows) {
      const tr = document.createElement("tr");
      tr.dataset.measure = row.measure;
      const ours = text("td", withheld.has(row.measure) ? WITHHELD : value(row.value));
      ours.dataset.series = "ours";
      tr.append(text("th", row.measure, { scope: "row" }), ours);
      const england = document.createElement("td");
      england.dataset.series = "england";
      if (row.england) {
        england.append(text("span", value(row.england.value), { className: "comparison-value" }));
        england.append(" ", text("small", `(${yearOf(row.england.year)}, ${row.england.release})`));
      } else england.textContent = "–";
      const region = setCell(row.region, report.year);
      region.dataset.series = "region";
      const neighbours = setCell(row.neighbours, report.year);
      neighbours.dataset.series = "neighbours";
      const target = text("td", row.target === null || row.target === undefined ? "–"
        : `${row.higherIsBetter ? "≥" : "≤"} ${value(row.target)}`);
      // A withheld figure's mark would say which side of the target it fell, so it is withheld with it.
      const met = withheld.has(row.measure) ? text("td", WITHHELD)
        : text("td", row.met === null || row.met === undefined ? "–" : row.met ? "Met" : "Not met",
          { className: row.met === false ? "not-met" : row.met ? "met" : "" });
      met.dataset.series = "met";
      tr.append(england, region, neighbours, target, met);
      body.append(tr);
    }
    table.querySelector("tbody").replaceWith(body);
    $("comparisons-status").textContent = report.rows.length === 0
      ? "No published figures or targets have been loaded for this year."
      : "";
  }

  reportSection({ id: "comparisons", path: "/api/indicators/comparisons", noun: "comparisons", render });
})();
