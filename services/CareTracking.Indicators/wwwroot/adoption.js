// The "Adoption and permanence" section of the committee dashboard: the DfE adoption scorecard (A1, A2, A10
// against their thresholds, for the year and three years), each scorecard measure's trend, the three-year
// averages beside the region and statistical neighbours, decisions waiting and reversed, adoptions and SGOs, and
// social-worker changes. It registers with dashboard.js, which calls render after each load.
(() => {
  "use strict";

  const THRESHOLDS = { adoptionA1Days: 426, adoptionA2Days: 121, adoptionA10Days: 426 };
  const SCORECARD = [
    { key: "adoptionA1Days", label: "A1: days from entering care to moving in with the adoptive family", better: "down" },
    { key: "adoptionA10Days", label: "A10: as A1, from moving in with foster carers who adopt", better: "down" },
    { key: "adoptionA2Days", label: "A2: days from court authority to place to the match", better: "down" },
    { key: "adoptionWithin426DaysPct", label: "Moved in with the adoptive family within 426 days", better: "up" },
    { key: "adoptionMinorityEthnicPct", label: "A6: adopted children from Black and minority ethnic backgrounds", better: null },
    { key: "adoptionAgedFivePlusPct", label: "A7: adopted aged 5 or over", better: null },
  ];
  const FLOW = [
    { key: "adoptions", label: "Children adopted", better: null },
    { key: "specialGuardianshipOrders", label: "Special guardianship orders", better: null },
    { key: "adoptionDecisions", label: "Decisions: should be placed for adoption", better: null },
    { key: "adoptionMatches", label: "Matches with adopters", better: null },
    { key: "adoptionDecisionNotPlaced", label: "Decision made, not yet placed, at 31 March", better: "down" },
    { key: "adoptionDecisionNotPlacedAvgDays", label: "Average days waiting since the decision", better: "down" },
    { key: "adoptionDecisionsReversed", label: "Decisions reversed", better: null },
  ];
  const SOCIAL_WORKERS = [
    { key: "socialWorkerThreePlusPct", label: "Children with 3 or more social workers in the year", better: "down" },
    { key: "socialWorkerChangesPerChild", label: "Social-worker changes per child", better: "down" },
    { key: "socialWorkerNoneAtAsAt", label: "Children without a social worker at 31 March", better: "down" },
  ];
  // The trend of each scorecard measure over the years shown, for the year and for its three-year average.
  const TRENDS = [
    { key: "adoptionA1Days", title: "A1: days from entering care to moving in with the adoptive family" },
    { key: "adoptionA1Days3y", title: "A1, three-year average (days)" },
    { key: "adoptionA10Days", title: "A10: as A1, with the foster-carer adjustment (days)" },
    { key: "adoptionA10Days3y", title: "A10, three-year average (days)" },
    { key: "adoptionA2Days", title: "A2: days from court authority to place to the match" },
    { key: "adoptionA2Days3y", title: "A2, three-year average (days)" },
    { key: "adoptionWithin426DaysPct", title: "Moved in with the adoptive family within 426 days (%)" },
    { key: "adoptionMinorityEthnicPct", title: "A6: adopted children from Black and minority ethnic backgrounds (%)" },
    { key: "adoptionAgedFivePlusPct", title: "A7: adopted aged 5 or over (%)" },
    { key: "adoptions", title: "Children adopted in the year" },
  ];
  // The three-year averages the DfE's scorecard compares between authorities; region and neighbours come from
  // /api/indicators/comparisons (the members' published figures the admin loaded).
  const COMPARED = [
    { key: "adoptionA1Days3y", label: "A1, three-year average" },
    { key: "adoptionA10Days3y", label: "A10, three-year average" },
    { key: "adoptionA2Days3y", label: "A2, three-year average" },
  ];
  const REVERSAL_REASONS = [
    ["RD1", "Child's needs changed"], ["RD2", "Court did not make a placement order"],
    ["RD3", "Adopters could not be found"], ["RD4", "Other reason"],
  ];

  function section(el) {
    let node = document.getElementById("adoption");
    if (node) return node;
    node = el("section", { id: "adoption", "aria-labelledby": "adoption-title" },
      el("h2", { id: "adoption-title", text: "Adoption and permanence" }),
      el("p", { className: "lede", text: "The adoption scorecard for the year, with the three-year average beside each " +
        "timeliness figure and how far it is from the threshold (days over, or under with a minus sign)." }),
      el("ul", { className: "tiles compact", id: "adoption-scorecard" }),
      el("h3", { text: "Trends" }),
      el("div", { className: "charts", id: "adoption-trends" }),
      el("h3", { id: "adoption-comparators-title", text: "Three-year averages beside the region and statistical neighbours" }),
      el("div", { id: "adoption-comparators" }),
      el("p", { id: "adoption-comparators-status", role: "status" }),
      el("h3", { text: "Decisions, matches and orders" }),
      el("ul", { className: "tiles compact", id: "adoption-flow" }),
      el("div", { id: "adoption-reversals" }),
      el("h3", { text: "Social workers" }),
      el("ul", { className: "tiles compact", id: "social-worker-tiles" }));
    const definitions = document.querySelector("section.definitions");
    definitions.parentNode.insertBefore(node, definitions);
    return node;
  }

  function render({ measures, trends, year, definitions, finalMeasures, el, renderTile, formatValue, renderTrend }) {
    section(el);
    shownMeasures = measures;
    const tiles = (id, specs) => {
      const shown = specs.filter((s) => s.key in measures);
      document.getElementById(id).replaceChildren(...(shown.length
        ? shown.map((spec) => {
            const tile = renderTile(spec, measures[spec.key], trends[spec.key] || [], year, definitions,
              finalMeasures ? finalMeasures[spec.key] ?? null : undefined);
            const threshold = THRESHOLDS[spec.key];
            if (threshold !== undefined) tile.insertBefore(thresholdNote(el, formatValue, spec.key, measures, threshold), tile.querySelector(".tile-change"));
            return tile;
          })
        : [el("li", { className: "muted", text: "No figures for this year." })]));
    };
    tiles("adoption-scorecard", SCORECARD);
    tiles("adoption-flow", FLOW);
    tiles("social-worker-tiles", SOCIAL_WORKERS);
    renderReversals(el, measures);
    const charted = TRENDS.filter((t) => (trends[t.key] || []).some((p) => p.value !== null && p.value !== undefined));
    document.getElementById("adoption-trends").replaceChildren(...(charted.length
      ? charted.map((t) => renderTrend(t, trends[t.key], definitions))
      : [el("p", { className: "muted", text: "No adoption figures for these years." })]));
  }

  // ---- region and statistical neighbours (loaded after each report, as the Comparisons section is) ----------
  let shownMeasures = {};
  const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
  const shortYear = (y) => `${y - 1}/${String(y).slice(-2)}`;

  function setText(set, reportYear) {
    if (!set) return "–";
    const notes = [`${set.membersWithFigure} of ${set.members} authorities with a figure`];
    if (set.year !== reportYear) notes.push(shortYear(set.year));
    return `${set.value === null || set.value === undefined ? "–" : number.format(set.value)} (${notes.join(", ")})`;
  }

  function renderComparators(report) {
    const cell = (tag, text, attributes = {}) => Object.assign(document.createElement(tag), { textContent: text }, attributes);
    const rows = COMPARED.map((c) => ({ ...c, row: report.rows.find((r) => r.measure === c.key) }));
    const status = document.getElementById("adoption-comparators-status");
    const container = document.getElementById("adoption-comparators");
    if (!rows.some((r) => r.row?.region || r.row?.neighbours || r.row?.england)) {
      container.replaceChildren();
      status.textContent = "No scorecard figures of other authorities have been loaded for this year (Reference data: published figures).";
      return;
    }
    status.textContent = "";
    const head = cell("tr", "");
    for (const h of ["Measure", "Ours", "England", `Region${report.region ? ` ${report.region}` : ""}`, "Statistical neighbours"])
      head.append(cell("th", h, { scope: "col" }));
    const body = document.createElement("tbody");
    for (const { key, label, row } of rows) {
      const ours = shownMeasures[key];
      const region = cell("td", setText(row?.region, report.year));
      region.dataset.series = "region";
      const neighbours = cell("td", setText(row?.neighbours, report.year));
      neighbours.dataset.series = "neighbours";
      const tr = cell("tr", "");
      tr.dataset.measure = key;
      tr.append(cell("th", label, { scope: "row" }),
        cell("td", ours?.value === null || ours?.value === undefined ? "–"
          : typeof ours.value !== "number" ? ours.value : `${number.format(ours.value)} (${ours.denominator ?? 0} children)`),
        cell("td", row?.england ? `${number.format(row.england.value)} (${shortYear(row.england.year)})` : "–"),
        region, neighbours);
      body.append(tr);
    }
    const table = cell("table", "", { className: "worklist-table", id: "adoption-comparators-table" });
    const thead = document.createElement("thead");
    thead.append(head);
    table.append(cell("caption", "Three-year averages in days: ours beside the mean of each set's members' published figures" +
      (report.knownAt ? `, as published by ${report.knownAt}` : ", as last published")), thead, body);
    const scroll = cell("div", "", { className: "table-scroll", tabIndex: 0, role: "region" });
    scroll.setAttribute("aria-labelledby", "adoption-comparators-title");
    scroll.append(table);
    container.replaceChildren(scroll);
  }

  async function loadComparators(year, knownAt) {
    const ct = window.CareTracking;
    const status = document.getElementById("adoption-comparators-status");
    if (!ct || !status) return;
    try {
      const report = await (await ct.get(`/api/indicators/comparisons?${ct.reportQuery({ year, knownAt })}`, "application/json")).json();
      renderComparators(report);
    } catch (e) {
      status.textContent = `The region and neighbour figures could not be loaded: ${e.message}`;
    }
  }
  document.addEventListener("caretracking:report-loaded", (e) => loadComparators(e.detail.year, e.detail.knownAt));

  // "3 years: 366 days; threshold 426 (−60)" and the children each average is over.
  function thresholdNote(el, formatValue, key, measures, threshold) {
    const year = measures[key];
    const three = measures[key + "3y"];
    // A withheld figure (small numbers) is the string "c": shown as it is, never signed.
    const gap = (v) => (v === null || v === undefined ? "" : typeof v !== "number" ? ` (${v})` : ` (${v > 0 ? "+" : v < 0 ? "−" : "±"}${formatValue(key, Math.abs(v))})`);
    const parts = [];
    if (year?.denominator) parts.push(`${formatValue(key, year.denominator)} children; threshold ${threshold}${gap(measures[key + "VsThreshold"]?.value)}`);
    else parts.push(`Threshold ${threshold} days`);
    if (three) parts.push(`3 years: ${formatValue(key, three.value)} over ${formatValue(key, three.denominator ?? 0)} children${gap(measures[key + "3yVsThreshold"]?.value)}`);
    return el("p", { className: "tile-detail", "data-threshold": threshold, text: parts.join("; ") });
  }

  const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function renderReversals(el, measures) {
    const container = document.getElementById("adoption-reversals");
    const total = measures.adoptionDecisionsReversed?.value ?? 0; // "c" when withheld: the table still shows, withheld
    if (!total) {
      container.replaceChildren();
      return;
    }
    const rows = REVERSAL_REASONS.map(([code, label]) => {
      const m = measures[`adoptionDecisionsReversedByReason.${code}`];
      return el("tr", { "data-reason": code }, el("th", { scope: "row", text: `${label} (${code})` }),
        el("td", { text: m?.value === null || m?.value === undefined ? "–" : typeof m.value !== "number" ? m.value : oneDecimal.format(m.value) + "%" }),
        el("td", { text: String(m?.numerator ?? 0) }));
    });
    container.replaceChildren(el("div", { className: "table-scroll" },
      el("table", { className: "worklist-table" },
        el("caption", { text: "Decisions reversed in the year, by reason" }),
        el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Reason" }), el("th", { scope: "col", text: "Share" }), el("th", { scope: "col", text: "Decisions" }))),
        el("tbody", {}, rows))));
  }

  (window.CareTrackingDashboard ??= { sections: [] }).sections.push({
    trendKeys: [...new Set(["adoptionA1Days", "adoptionA10Days", "adoptionA2Days", "adoptions", "adoptionDecisionNotPlaced", "socialWorkerThreePlusPct"]
      .concat(TRENDS.map((t) => t.key)))],
    render,
  });
})();
