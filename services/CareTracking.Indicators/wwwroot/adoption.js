// The "Adoption and permanence" section of the committee dashboard: the DfE adoption scorecard (A1, A2, A10
// against their thresholds, for the year and three years), decisions waiting and reversed, adoptions and
// SGOs, and social-worker changes. It registers with dashboard.js, which calls render after each load.
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
      el("h3", { text: "Decisions, matches and orders" }),
      el("ul", { className: "tiles compact", id: "adoption-flow" }),
      el("div", { id: "adoption-reversals" }),
      el("h3", { text: "Social workers" }),
      el("ul", { className: "tiles compact", id: "social-worker-tiles" }));
    const definitions = document.querySelector("section.definitions");
    definitions.parentNode.insertBefore(node, definitions);
    return node;
  }

  function render({ measures, trends, year, definitions, finalMeasures, el, renderTile, formatValue }) {
    section(el);
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
  }

  // "3 years: 366 days; threshold 426 (−60)" and the children each average is over.
  function thresholdNote(el, formatValue, key, measures, threshold) {
    const year = measures[key];
    const three = measures[key + "3y"];
    const gap = (v) => (v === null || v === undefined ? "" : ` (${v > 0 ? "+" : v < 0 ? "−" : "±"}${formatValue(key, Math.abs(v))})`);
    const parts = [];
    if (year?.denominator) parts.push(`${formatValue(key, year.denominator)} children; threshold ${threshold}${gap(measures[key + "VsThreshold"]?.value)}`);
    else parts.push(`Threshold ${threshold} days`);
    if (three) parts.push(`3 years: ${formatValue(key, three.value)} over ${formatValue(key, three.denominator ?? 0)} children${gap(measures[key + "3yVsThreshold"]?.value)}`);
    return el("p", { className: "tile-detail", "data-threshold": threshold, text: parts.join("; ") });
  }

  const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function renderReversals(el, measures) {
    const container = document.getElementById("adoption-reversals");
    const total = measures.adoptionDecisionsReversed?.value ?? 0;
    if (!total) {
      container.replaceChildren();
      return;
    }
    const rows = REVERSAL_REASONS.map(([code, label]) => {
      const m = measures[`adoptionDecisionsReversedByReason.${code}`];
      return el("tr", { "data-reason": code }, el("th", { scope: "row", text: `${label} (${code})` }),
        el("td", { text: m?.value === null || m?.value === undefined ? "–" : oneDecimal.format(m.value) + "%" }),
        el("td", { text: String(m?.numerator ?? 0) }));
    });
    container.replaceChildren(el("div", { className: "table-scroll" },
      el("table", { className: "worklist-table" },
        el("caption", { text: "Decisions reversed in the year, by reason" }),
        el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Reason" }), el("th", { scope: "col", text: "Share" }), el("th", { scope: "col", text: "Decisions" }))),
        el("tbody", {}, rows))));
  }

  (window.CareTrackingDashboard ??= { sections: [] }).sections.push({
    trendKeys: ["adoptionA1Days", "adoptionA10Days", "adoptionA2Days", "adoptions", "adoptionDecisionNotPlaced", "socialWorkerThreePlusPct"],
    render,
  });
})();
