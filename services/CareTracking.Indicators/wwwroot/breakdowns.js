// The dashboard's "Breakdowns" section: the profile of the children looked after at the as-at date, the placement mix
// by legal status, where the children are placed (PL_LA), the missing analysis of the year (by placement, provider,
// found area, risk level and exploitation, and return interviews within 72 hours) and the IRO caseloads
// against the guidance figure, from /api/indicators/breakdowns (counts only). Follows the year and instant
// dashboard.js announces; the loading and the CSV are sections.js's.
(() => {
  "use strict";

  const { $, element: cell, reportSection, WITHHELD, withheldIn } = window.CareTracking;
  const pct = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const DIMENSIONS = [["ageBand", "Age"], ["sex", "Sex"], ["ethnicGroup", "Ethnic group"], ["legalStatus", "Legal status"],
    ["categoryOfNeed", "Category of need"], ["uasc", "Unaccompanied asylum-seeking"]];

  // A small table in its own scrolling box, so a phone never scrolls sideways.
  function table(id, caption, headings, rows) {
    const t = document.createElement("table");
    t.dataset.breakdown = id;
    t.append(cell("caption", caption));
    const head = document.createElement("tr");
    headings.forEach((h) => head.append(cell("th", h, { scope: "col" })));
    t.append(Object.assign(document.createElement("thead")), document.createElement("tbody"));
    t.tHead.append(head);
    for (const row of rows) {
      const tr = document.createElement("tr");
      tr.dataset.group = row[0];
      row.forEach((v, i) => tr.append(i === 0 ? cell("th", v, { scope: "row" }) : cell("td", v)));
      t.tBodies[0].append(tr);
    }
    // Focusable, so a keyboard can scroll a table wider than the screen (axe-core: scrollable-region-focusable).
    const box = Object.assign(document.createElement("div"), { className: "table-scroll", tabIndex: 0 });
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", caption);
    box.append(t);
    return box;
  }

  function render(b) {
    const p = b.profile, m = b.missing, iro = b.iroCaseloads;
    // With "Withhold counts of 1–2" on, each count the JSON lists in `withheld` (its key is the CSV's table.dimension.group)
    // shows as c with its percentage, secondary suppression included, as the CSV prints it.
    const withheld = withheldIn(b);
    const count = (key, n) => (withheld.has(key) ? WITHHELD : String(n));
    const groups = (prefix, list) => list.map((g) => withheld.has(`${prefix}.${g.group}`) ? [g.group, WITHHELD, WITHHELD]
      : [g.group, String(g.count), g.pct === null ? "–" : `${pct.format(g.pct)}%`]);
    const parts = [cell("p", `${count("profile.lookedAfter", p.lookedAfter)} children looked after on ${p.asAt}.`, { id: "breakdowns-cla" })];
    for (const [key, label] of DIMENSIONS)
      parts.push(table(key, label, [label, "Children", "%"], groups(`profile.${key}`, p.dimensions[key] || [])));
    parts.push(table("placementByLegalStatus", "Placement by legal status", ["Placement", "Legal status", "Children"],
      p.placementByLegalStatus.map((x) => [x.placementGroup, x.legalStatusGroup,
        count(`placementByLegalStatus.${x.placementGroup}.${x.legalStatusGroup}`, x.count)])));
    parts.push(table("placedIn", "Where the children are placed (placing area, PL_LA)", ["Area", "Children", "%"],
      groups("placedIn.placingAuthority", p.placedIn)));
    parts.push(table("missing", `Missing incidents ${m.from} to ${m.to}`, ["", "Count"], [
      ["Incidents", count("missing.incidents", m.incidents)], ["Children", count("missing.children", m.children)],
      ["Incidents of the fifth of children missing most", count("missing.incidentsOfTheMostMissingFifth", m.incidentsOfTheMostMissingFifth)],
      ["Incidents under 10 hours", count("missing.underTenHours", m.underTenHours)], ["Returns", count("missing.returns", m.returns)],
      ["Returns without a completed return interview", count("missing.returnsWithoutCompletedInterview", m.returnsWithoutCompletedInterview)],
      ["Returns with the interview completed within 72 hours",
        count("missing.returnsWithInterviewCompletedIn72Hours", m.returnsWithInterviewCompletedIn72Hours)]]));
    parts.push(table("missingByPlacement", "Missing incidents by placement", ["Placement", "Incidents", "%"], groups("missing.byPlacement", m.byPlacement)));
    parts.push(table("missingByProvider", "Missing incidents by provider", ["Provider", "Incidents", "%"], groups("missing.byProvider", m.byProvider)));
    parts.push(table("missingByFoundArea", "Missing incidents by where the child was found", ["Area", "Incidents", "%"],
      groups("missing.byFoundArea", m.byFoundArea)));
    parts.push(table("missingByRiskLevel", "Missing incidents by highest risk level", ["Risk level", "Incidents", "%"],
      groups("missing.byRiskLevel", m.byRiskLevel)));
    parts.push(table("missingByExploitation", "Missing incidents by exploitation risk", ["Exploitation risk", "Incidents", "%"],
      groups("missing.byExploitation", m.byExploitation)));
    parts.push(table("childrenByIncidents", "Children by number of incidents", ["Incidents", "Children", "%"],
      groups("missing.childrenByIncidents", m.childrenByIncidents)));
    parts.push(table("iroCaseloads", `IRO caseloads against the guidance of ${iro.guidance} (${count("iroCaseloads.childrenWithoutIro", iro.childrenWithoutIro)} without an IRO)`,
      ["IRO", "Team", "Children", "Above guidance"],
      iro.iros.map((i) => [i.iroId, i.team, count(`iroCaseloads.${i.team}.${i.iroId}`, i.children), i.overGuidance ? "Yes" : "No"])));
    $("breakdowns-body").replaceChildren(...parts);
  }

  reportSection({ id: "breakdowns", path: "/api/indicators/breakdowns", noun: "breakdowns", render });
})();
