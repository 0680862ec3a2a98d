// The dashboard's "Month by month" section: one measure as at each month end (GET /api/indicators/trend/monthly), so
// a committee can read "as at 31 July" figures between year ends. It follows the year and instant dashboard.js
// announces (caretracking:report-loaded): by default the 12 months of the report's year, as known at the instant.
(() => {
  "use strict";

  const { $, get, whenReady, onReportLoaded, WITHHELD, withheldIn } = window.CareTracking;
  // The measures offered; any committee key works in the API.
  const MEASURES = [
    ["cla", "Children looked after"],
    ["ratePer10k", "Children looked after per 10,000 children"],
    ["started", "Started to be looked after (12 months to the month end)"],
    ["ceased", "Ceased to be looked after (12 months to the month end)"],
    ["threePlusPlacementsPct", "3 or more placements (%)"],
    ["missingIncidents", "Missing incidents (12 months to the month end)"],
    ["reviewsOnTimePct", "Reviews held on time (%)"],
  ];
  const monthName = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
  const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
  let shown = { year: null, knownAt: null };
  let chart = null;

  const label = (isoDate) => monthName.format(new Date(isoDate + "T00:00:00Z"));
  const text = (tag, content, attributes = {}) => Object.assign(document.createElement(tag), { textContent: content }, attributes);
  const isPercent = (key) => key.endsWith("Pct");
  const format = (key, v) => (v === null || v === undefined ? "–" : typeof v === "string" ? v : number.format(v) + (isPercent(key) ? "%" : ""));

  function section() {
    let node = $("monthly");
    if (node) return node;
    node = document.createElement("section");
    node.id = "monthly";
    node.setAttribute("aria-labelledby", "monthly-title");
    const select = text("select", "", { id: "monthly-measure", name: "measure" });
    for (const [key, name] of MEASURES) select.append(text("option", name, { value: key }));
    const field = (id, caption, input) => { const wrap = text("p", "", { className: "monthly-field" }); wrap.append(text("label", caption, { htmlFor: id }), input); return wrap; };
    const form = text("form", "", { className: "monthly-controls", id: "monthly-form" });
    form.append(
      field("monthly-measure", "Measure", select),
      field("monthly-from", "From", text("input", "", { type: "month", id: "monthly-from", name: "from", required: true })),
      field("monthly-to", "To", text("input", "", { type: "month", id: "monthly-to", name: "to", required: true })),
      text("button", "Show", { type: "submit", className: "secondary" }));
    const figure = text("figure", "", { className: "chart-card monthly-card", id: "monthly-chart" });
    node.append(
      text("h2", "Month by month", { id: "monthly-title" }),
      text("p", "A measure as at the last day of each month: counts on that day, flows and percentages over the 12 months " +
        "ending it. England's figure is published for 31 March only.", { className: "lede" }),
      form, figure, text("p", "", { id: "monthly-status", role: "status" }));
    // After the five-year trends.
    const trends = $("trends").closest("section");
    trends.parentNode.insertBefore(node, trends.nextSibling);
    form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
    return node;
  }

  function render(report) {
    const key = report.measure;
    // With "Withhold counts of 1–2" on, a month end the JSON lists in `withheld` shows as c and leaves the chart.
    const withheld = withheldIn(report);
    const points = (report.points || []).map((p) => withheld.has(p.asAt)
      ? { ...p, value: WITHHELD, numerator: p.numerator === null ? null : WITHHELD, denominator: p.denominator === null ? null : WITHHELD }
      : p);
    const canvas = text("canvas", "", {});
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", `${report.measure} at each month end, ${points.length ? label(points[0].asAt) : ""} to ` +
      `${points.length ? label(points[points.length - 1].asAt) : ""}; the table below gives the figures.`);
    const box = text("div", "", { className: "chart-box" });
    box.append(canvas);
    const rows = points.map((p) => {
      const tr = text("tr", "");
      tr.dataset.asAt = p.asAt;
      tr.append(text("th", label(p.asAt), { scope: "row" }), text("td", format(key, p.value), { className: "num" }),
        text("td", p.numerator === null || p.numerator === undefined ? "" : format("", p.numerator), { className: "num" }),
        text("td", p.denominator === null || p.denominator === undefined ? "" : format("", p.denominator), { className: "num" }),
        text("td", format(key, p.national), { className: "num" }));
      return tr;
    });
    const head = text("tr", "");
    for (const h of ["Month end", "This authority", "Numerator", "Denominator", "England"]) head.append(text("th", h, { scope: "col" }));
    const table = text("table", "", { id: "monthly-table" });
    const thead = document.createElement("thead");
    thead.append(head);
    const tbody = document.createElement("tbody");
    tbody.append(...rows);
    table.append(thead, tbody);
    const details = text("details", "", {});
    const scroll = text("div", "", { className: "table-scroll" });
    scroll.append(table);
    details.append(text("summary", "Show the figures as a table"), scroll);
    const caption = text("figcaption", "");
    caption.append(text("h3", MEASURES.find(([k]) => k === key)?.[1] ?? key),
      text("p", report.definition, { className: "definition", title: report.definition }));
    $("monthly-chart").replaceChildren(caption, box, details);

    if (chart) chart.destroy();
    chart = null;
    if (window.Chart) {
      chart = new Chart(canvas, {
        type: "line",
        data: {
          labels: points.map((p) => label(p.asAt)),
          datasets: [{ label: "This authority", data: points.map((p) => (typeof p.value === "number" ? p.value : null)), borderColor: "#1d4f91", backgroundColor: "#1d4f91",
            borderWidth: 3, pointRadius: 3, tension: 0, spanGaps: true }],
        },
        options: {
          maintainAspectRatio: false, animation: false,
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { grid: { display: false } } },
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => format(key, c.parsed.y) } } },
        },
      });
    }
  }

  async function load() {
    const measure = $("monthly-measure").value;
    const from = $("monthly-from").value;
    const to = $("monthly-to").value;
    const status = $("monthly-status");
    status.textContent = "Loading the monthly figures…";
    try {
      const query = `measure=${encodeURIComponent(measure)}&from=${from}&to=${to}` + (shown.knownAt ? `&knownAt=${encodeURIComponent(shown.knownAt)}` : "");
      render(await (await get(`/api/indicators/trend/monthly?${query}`, "application/json")).json());
      status.textContent = "";
    } catch (e) {
      status.textContent = `The monthly figures could not be loaded: ${e.message}`;
    }
  }

  function show(year, knownAt) {
    shown = { year, knownAt };
    section();
    // The report's collection year: April of the year before to March.
    $("monthly-from").value = `${year - 1}-04`;
    $("monthly-to").value = `${year}-03`;
    load();
  }

  whenReady("report", () => onReportLoaded(show));
})();
