// The dashboard's "Health" and "Care leavers" sections (issue 11), registered in window.CareTrackingDashboard.sections:
// dashboard.js loads their trends with the others and calls render after each load, handing over its own tiles and
// trend charts; this file adds each section's table of every figure with its numerator, denominator and England's
// figure. Kept apart from dashboard.js so that sections can be added without editing it.
(() => {
  "use strict";

  const HEALTH = [
    { key: "oc2Cohort", label: "Looked after for 12 months at 31 March (OC2)", better: null },
    { key: "oc2HealthAssessmentPct", label: "Annual health assessment", better: "up" },
    { key: "oc2ImmunisationsPct", label: "Immunisations up to date", better: "up" },
    { key: "oc2DentalCheckPct", label: "Dental check", better: "up" },
    { key: "oc2DevelopmentCheckPct", label: "Development check (under 5)", better: "up" },
    { key: "sdqAverage", label: "Average SDQ score (lower is better)", better: "down" },
    { key: "sdqScoredPct", label: "SDQ score recorded (aged 4–16)", better: "up" },
    { key: "substanceMisusePct", label: "Substance misuse identified", better: null },
    { key: "substanceMisuseInterventionOfferedPct", label: "Substance misuse: intervention offered", better: "up" },
    { key: "substanceMisuseInterventionReceivedPct", label: "Substance misuse: intervention received", better: "up" },
    { key: "convictedPct", label: "Convicted or cautioned (aged 10+)", better: "down" },
    { key: "initialHealthAssessmentRequestedIn48hPct", label: "Initial health assessment requested within 48 hours", better: "up" },
    { key: "initialHealthAssessmentIn20WorkingDaysPct", label: "Initial health assessment within 20 working days", better: "up" },
    { key: "healthAssessmentsUpToDatePct", label: "Health assessments up to date at 31 March", better: "up" },
    { key: "healthAssessmentsOverdue", label: "Health assessments overdue at 31 March", better: "down" },
  ];
  const HEALTH_TRENDS = [
    { key: "oc2HealthAssessmentPct", title: "Annual health assessment (%)" },
    { key: "oc2ImmunisationsPct", title: "Immunisations up to date (%)" },
    { key: "oc2DentalCheckPct", title: "Dental check (%)" },
    { key: "initialHealthAssessmentIn20WorkingDaysPct", title: "Initial health assessment within 20 working days (%)" },
  ];
  const CARE_LEAVERS = [
    { key: "oc3Cohort", label: "Care leavers with a 17th–21st birthday in the year (OC3)", better: null },
    { key: "careLeaversInTouchPct", label: "In touch", better: "up" },
    { key: "careLeaversEetPct", label: "In education, employment or training", better: "up" },
    { key: "careLeaversSuitableAccommodationPct", label: "In suitable accommodation", better: "up" },
    { key: "careLeaversStayingPutPct", label: "Staying put (aged 18–21)", better: "up" },
    { key: "careLeaversWithPersonalAdviserPct", label: "With a personal adviser", better: "up" },
  ];
  const CARE_LEAVER_TRENDS = [
    { key: "careLeaversInTouchPct", title: "Care leavers in touch (%)" },
    { key: "careLeaversEetPct", title: "Care leavers in education, employment or training (%)" },
    { key: "careLeaversSuitableAccommodationPct", title: "Care leavers in suitable accommodation (%)" },
  ];

  const dashboard = (window.CareTrackingDashboard ??= { sections: [] });

  // The section's element, made once and placed before the definitions; redrawn on every load.
  function sectionNode(id, title, el) {
    let node = document.getElementById(id);
    if (node) return node;
    node = el("section", { id, "aria-labelledby": id + "-title" });
    const definitions = document.querySelector("section.definitions");
    definitions.parentNode.insertBefore(node, definitions);
    return node;
  }

  function section(id, title, tileSpecs, trendSpecs) {
    return {
      trendKeys: [...new Set(tileSpecs.map((t) => t.key).concat(trendSpecs.map((t) => t.key)))],
      render(context) {
        const { el, renderTile, renderTrend, measures, trends, year, definitions, finalMeasures } = context;
        const shown = tileSpecs.filter((s) => s.key in measures);
        const list = el("ul", { className: "tiles compact", "data-section-tiles": id }, shown.length
          ? shown.map((spec) => renderTile(spec, measures[spec.key], trends[spec.key] || [], year, definitions,
              finalMeasures ? finalMeasures[spec.key] ?? null : undefined))
          : [el("li", { className: "muted", text: "No figures for this year." })]);
        const charted = trendSpecs.filter((t) => (trends[t.key] || []).some((p) => p.value !== null && p.value !== undefined));
        sectionNode(id, title, el).replaceChildren(
          el("h2", { id: id + "-title", text: title }),
          list,
          el("div", { className: "charts" }, charted.length
            ? charted.map((t) => renderTrend(t, trends[t.key], definitions))
            : [el("p", { className: "muted", text: "No figures for these years." })]),
          figuresTable(id, title, tileSpecs, context));
      },
    };
  }

  // Every figure of the section with what it counts over and England's figure for the year, as the printed report has it.
  function figuresTable(id, title, specs, context) {
    const { el, formatValue, definitionFor, anchorOf } = context;
    const shown = specs.filter((s) => s.key in context.measures);
    const england = (key) => (context.trends[key] || []).find((p) => p.year === context.year)?.national ?? null;
    const count = (n) => n === null || n === undefined ? "–" : formatValue("count", n);
    return el("details", { className: "section-table", open: true },
      el("summary", { text: `${title}: every figure as a table` }),
      el("div", { className: "table-scroll" },
        el("table", { "data-section-table": id },
          el("thead", {}, el("tr", {},
            el("th", { scope: "col", text: "Figure" }),
            el("th", { scope: "col", className: "num", text: "Value" }),
            el("th", { scope: "col", className: "num", text: "Numerator" }),
            el("th", { scope: "col", className: "num", text: "Denominator" }),
            el("th", { scope: "col", className: "num", text: "England" }))),
          el("tbody", {}, shown.map((spec) => {
            const m = context.measures[spec.key];
            const definition = definitionFor(context.definitions, spec.key);
            return el("tr", { "data-measure": spec.key },
              el("th", { scope: "row" }, definition ? el("a", { href: "#" + anchorOf(definition.key), title: definition.text, text: spec.label }) : spec.label),
              el("td", { className: "num", "data-value": m?.value ?? "", text: formatValue(spec.key, m?.value) }),
              el("td", { className: "num", text: count(m?.numerator) }),
              el("td", { className: "num", text: m?.denominator === null || m?.denominator === undefined ? "" : count(m.denominator) }),
              el("td", { className: "num", text: formatValue(spec.key, england(spec.key)) }));
          })))));
  }

  dashboard.sections.push(
    section("health", "Health", HEALTH, HEALTH_TRENDS),
    section("care-leavers", "Care leavers", CARE_LEAVERS, CARE_LEAVER_TRENDS));
})();
