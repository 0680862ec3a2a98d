// The dashboard's child-level missing list (GET /api/indicators/missing/children): the children behind the missing
// analysis's counts, by case id, most incidents first. Only a token carrying missing:read may read it (the committee's
// indicators:read may not: docs/security.md), so the section exists only for such a token, decided from the token's
// own scope claim; the API still decides (a 403 hides the section again). Every child listed is recorded in the read
// audit, so the list is fetched when the user asks for it, not on every load.
(() => {
  "use strict";

  const { $, get, whenReady, onReportLoaded, tokenScopes } = window.CareTracking;
  const SCOPE = "missing:read";
  let shown = { year: null, knownAt: null };
  const text = (tag, content, attributes = {}) => Object.assign(document.createElement(tag), { textContent: content }, attributes);

  function section() {
    let node = $("missing-children");
    if (node) return node;
    node = document.createElement("section");
    node.id = "missing-children";
    node.setAttribute("aria-labelledby", "missing-children-title");
    node.append(
      text("h2", "Children who went missing", { id: "missing-children-title" }),
      text("p", "The children behind the missing counts for the year, by case id, most incidents first. Listing them " +
        "records each child in the read audit, so the list is fetched only when you ask.", { className: "lede" }),
      text("p", "", { className: "reportpack-actions" }),
      text("div", "", { id: "missing-children-list" }),
      text("p", "", { id: "missing-children-status", role: "status" }));
    const button = text("button", "List the children", { type: "button", id: "show-missing-children", className: "secondary" });
    button.addEventListener("click", load);
    node.children[2].append(button);
    // After "Missing from care and return interviews".
    const missing = $("missing-tiles").closest("section");
    missing.parentNode.insertBefore(node, missing.nextSibling);
    return node;
  }

  const yes = (flag) => (flag ? "Yes" : "No");

  function render(list) {
    const head = text("tr", "");
    for (const h of ["Child", "Incidents", "Highest risk", "Criminal exploitation risk", "Sexual exploitation risk",
      "Returns without a completed interview", "Interviews completed after 72 hours"]) head.append(text("th", h, { scope: "col" }));
    const body = document.createElement("tbody");
    for (const c of list.children) {
      const tr = text("tr", "");
      tr.dataset.child = c.childId;
      tr.append(text("th", c.childId, { scope: "row" }), text("td", String(c.incidents), { className: "num" }),
        text("td", c.highestRiskLevel ?? "–"), text("td", yes(c.criminalExploitation)), text("td", yes(c.sexualExploitation)),
        text("td", String(c.returnsWithoutCompletedInterview), { className: "num" }),
        text("td", String(c.returnsWithInterviewLate), { className: "num" }));
      body.append(tr);
    }
    const table = text("table", "", { className: "worklist-table", id: "missing-children-table" });
    const thead = document.createElement("thead");
    thead.append(head);
    table.append(text("caption", `Children with a missing incident from ${list.from} to ${list.to}` +
      (list.knownAt ? `, as known at ${list.knownAt}` : "")), thead, body);
    const scroll = text("div", "", { className: "table-scroll", tabIndex: 0 });
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-labelledby", "missing-children-title");
    scroll.append(table);
    $("missing-children-list").replaceChildren(list.children.length ? scroll : text("p", "No child went missing in the year.", { className: "muted" }));
  }

  async function load() {
    const status = $("missing-children-status");
    status.textContent = "Loading the children…";
    try {
      const query = `year=${shown.year}` + (shown.knownAt ? `&knownAt=${encodeURIComponent(shown.knownAt)}` : "");
      render(await (await get(`/api/indicators/missing/children?${query}`, "application/json")).json());
      status.textContent = "";
    } catch (e) {
      if (e.status === 403) { $("missing-children").hidden = true; return; }
      status.textContent = `The children could not be listed: ${e.message}`;
    }
  }

  function show(year, knownAt) {
    shown = { year, knownAt };
    const allowed = tokenScopes().includes(SCOPE);
    const existing = $("missing-children");
    if (!allowed) { if (existing) existing.hidden = true; return; }
    const node = section();
    node.hidden = false;
    // A new year or instant: the list shown was another report's.
    $("missing-children-list").replaceChildren();
    $("missing-children-status").textContent = "";
  }

  whenReady("report", () => onReportLoaded(show));
})();
