// The committee dashboard: reads the Indicators API with the user's bearer token and draws the report.
// The page itself holds no data; the token never leaves this tab (sessionStorage) except as the
// Authorization header of the API calls.
(() => {
  "use strict";

  const TOKEN_KEY = "caretracking.indicators.token";
  const TREND_YEARS = 5;
  const DUE_WITHIN_WORKING_DAYS = 20;

  // How each headline reads: which way is better colours the change (null: neither).
  const HEADLINES = [
    { key: "cla", label: "Children looked after", better: null },
    { key: "ratePer10k", label: "Rate per 10,000 children", better: null },
    { key: "started", label: "Started to be looked after", better: null },
    { key: "ceased", label: "Ceased to be looked after", better: null },
    { key: "ceasedAdoptedPct", label: "Ceased through adoption", better: "up" },
    { key: "threePlusPlacementsPct", label: "3 or more placements in the year", better: "down" },
    { key: "longTermStabilityPct", label: "Long-term placement stability", better: "up" },
    { key: "missingIncidents", label: "Missing incidents", better: "down" },
    { key: "returnInterviewOfferedIn72hPct", label: "Return interview offered within 72 hours", better: "up" },
    { key: "reviewsOnTimePct", label: "Reviews held on time", better: "up" },
  ];
  const MISSING = [
    { key: "missingIncidents", label: "Missing incidents", better: "down" },
    { key: "childrenMissing", label: "Children who went missing", better: "down" },
    { key: "awayIncidents", label: "Away-without-authorisation incidents", better: "down" },
    { key: "childrenAway", label: "Children who were away", better: "down" },
    { key: "returnInterviewOfferedIn72hPct", label: "Return interview offered within 72 hours", better: "up" },
    { key: "returnInterviewCompletedPct", label: "Return interview completed", better: "up" },
  ];
  // Distance and area: each percentage is of the children whose value is recorded; the unknown beside it.
  const PLACEMENT_LOCATION = [
    { key: "placedOver20MilesPct", label: "Placed more than 20 miles from home", better: "down" },
    { key: "placedOver20MilesUnknown", label: "Distance from home not known", better: "down" },
    { key: "outOfAreaPct", label: "Placed outside the authority", better: "down" },
    { key: "outOfAreaUnknown", label: "Area of placement not known or confidential", better: null },
  ];
  const REVIEWS = [
    { key: "reviewsOnTimePct", label: "Reviews held on time", better: "up" },
    { key: "iroAllocatedIn5DaysPct", label: "IRO allocated within 5 working days", better: "up" },
    { key: "childParticipatedPct", label: "Child participated in the review (age 4+)", better: "up" },
  ];
  const TRENDS = [
    { key: "cla", title: "Children looked after at 31 March" },
    { key: "ratePer10k", title: "Children looked after per 10,000 children" },
    { key: "longTermStabilityPct", title: "Long-term placement stability (%)" },
    { key: "threePlusPlacementsPct", title: "Children with 3 or more placements in the year (%)" },
    { key: "missingIncidents", title: "Missing incidents in the year" },
    { key: "returnInterviewOfferedIn72hPct", title: "Return interview offered within 72 hours (%)" },
  ];
  const PLACEMENT_MIX = [
    ["placementMix.fosterRelativeFriend", "Foster: relative or friend"],
    ["placementMix.fosterOther", "Foster: other"],
    ["placementMix.placedForAdoption", "Placed for adoption"],
    ["placementMix.placedWithParents", "Placed with parents"],
    ["placementMix.secureChildrensHomes", "Secure units and children's homes"],
    ["placementMix.supportedIndependent", "Supported and independent living"],
    ["placementMix.otherResidential", "Other residential settings"],
    ["placementMix.residentialSchool", "Residential schools"],
    ["placementMix.other", "Other placements"],
  ];
  const FOSTERING = [
    ["fosteringByProvider.inHouse", "The authority's own carers"],
    ["fosteringByProvider.otherLa", "Another authority's carers"],
    ["fosteringByProvider.agency", "Agency carers"],
    ["fosteringByProvider.otherOrUnknown", "Other or not recorded"],
  ];
  // Work-list columns shown first, in this order, when the API gives them; others follow.
  const WORKLIST_COLUMNS = [
    ["childId", "Child"], ["dueDate", "Due"], ["due", "Due"], ["reviewDue", "Due"],
    ["daysOverdue", "Days overdue"], ["workingDaysOverdue", "Working days overdue"],
    ["workingDaysUntilDue", "Working days left"], ["daysUntilDue", "Days left"],
    ["reviewKind", "Review"], ["kind", "Review"], ["reviewNumber", "Review no."],
    ["iro", "IRO"], ["iroId", "IRO"], ["iroName", "IRO"], ["team", "Team"], ["teamId", "Team"],
  ];
  // Personal data never reaches the page's tables even if an API were to send it.
  const PERSONAL = /^(child)?(name|firstName|lastName|surname|forename|givenName|familyName|dateOfBirth|dob|birthDate)$/i;

  const COLOURS = { la: "#1d4f91", england: "#505a5f", comparator: "#b45309", grid: "#d8dde3" };
  const MIX_COLOURS = ["#1d4f91", "#4c7cc2", "#8eb0e0", "#0b7a75", "#b45309", "#7b3f98", "#a23b72", "#5b6770", "#9aa5b1"];

  // Sections kept in their own files (adoption.js, ...) register here, before or after this file runs:
  // { trendKeys: [...], render(context) }. Each draws its own element after the shared sections are drawn.
  const extraSections = (window.CareTrackingDashboard ??= { sections: [] }).sections;

  const $ = (id) => document.getElementById(id);

  // Small numbers (issue 14): with "Withhold counts of 1–2" on, every figure the report lists in `withheld` (a count of
  // 1 or 2, anything built on one, and the secondary suppression of a family of shares: Exports/SmallNumbers) shows
  // as the DfE's "c", as the CSV files print it; charts leave it out.
  const WITHHELD = "c";
  let withhold = false;
  function withholdSmall(report) {
    if (!withhold || !report?.measures) return report;
    const keys = new Set(report.withheld || []);
    const measures = {};
    for (const [key, m] of Object.entries(report.measures)) {
      measures[key] = keys.has(key)
        ? { value: WITHHELD, numerator: m.numerator === null ? null : WITHHELD, denominator: m.denominator === null ? null : WITHHELD, withheld: true }
        : m;
    }
    return { ...report, measures };
  }
  const plotted = (v) => (typeof v === "number" ? v : null);
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "className") node.className = v;
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
    return node;
  };

  class ApiError extends Error {
    constructor(status, detail) { super(detail); this.status = status; }
  }

  // ---- token ---------------------------------------------------------------------------------------------
  function takeTokenFromAddress() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const token = params.get("token");
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    params.delete("token");
    const rest = params.toString();
    history.replaceState(null, "", location.pathname + location.search + (rest ? "#" + rest : ""));
  }
  const token = () => sessionStorage.getItem(TOKEN_KEY);

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: "Bearer " + token(), Accept: "application/json" } });
    if (!response.ok) {
      let detail = response.statusText;
      try { const p = await response.json(); detail = p.detail || p.title || detail; } catch { /* not JSON */ }
      throw new ApiError(response.status, detail);
    }
    return response.json();
  }

  // ---- figures -------------------------------------------------------------------------------------------
  const isPercent = (key) => /Pct$/.test(key) || /^(placementMix|fosteringByProvider|ceasedByReason|participation|missingDuration|placementMovesByReason)\./.test(key);
  const isRate = (key) => key === "ratePer10k" || key === "sdqAverage" || /^incidentsPer/.test(key);
  const numberFormat = new Intl.NumberFormat("en-GB");
  const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function formatValue(key, value) {
    if (value === null || value === undefined) return "–";
    if (value === WITHHELD) return WITHHELD;
    if (isPercent(key)) return oneDecimal.format(value) + "%";
    if (isRate(key)) return oneDecimal.format(value);
    return numberFormat.format(value);
  }

  function formatChange(key, now, before) {
    if (typeof now !== "number" || typeof before !== "number") return null;
    const diff = Math.round((now - before) * 10) / 10;
    const sign = diff > 0 ? "+" : diff < 0 ? "−" : "±";
    const size = Math.abs(diff);
    if (isPercent(key)) return `${sign}${oneDecimal.format(size)} points`;
    if (isRate(key)) return `${sign}${oneDecimal.format(size)}`;
    const pct = before === 0 ? "" : ` (${sign}${Math.round(Math.abs(diff) / before * 100)}%)`;
    return `${sign}${numberFormat.format(size)}${pct}`;
  }

  // How the final figure differs from the provisional one; a count's rise is what was recorded after K.
  function formatRevision(key, provisional, final) {
    if (typeof provisional !== "number" || typeof final !== "number") return null;
    const diff = Math.round((final - provisional) * 10) / 10;
    if (diff === 0) return "unchanged since";
    const sign = diff > 0 ? "+" : "−";
    const size = Math.abs(diff);
    if (isPercent(key)) return `${sign}${oneDecimal.format(size)} points after later records`;
    if (isRate(key)) return `${sign}${oneDecimal.format(size)} after later records`;
    return `${sign}${numberFormat.format(size)} ${diff > 0 ? "recorded later" : "after later corrections"}`;
  }

  function definitionsOf(report) {
    const defs = report.definitions;
    const pairs = Array.isArray(defs) ? defs.map((d) => [d.key, d.text]) : Object.entries(defs || {});
    // Members of a family (placementMix.fosterOther, placementMix.other, ...) share one text: print it once.
    const byText = new Map();
    for (const [key, text] of pairs) {
      if (!text) continue;
      const family = key.includes(".") ? key.slice(0, key.indexOf(".")) + ".*" : key;
      const id = family + "\u0000" + text;
      if (!byText.has(id)) byText.set(id, { keys: [], family, text });
      byText.get(id).keys.push(key);
    }
    return [...byText.values()].map((g) => [g.keys.length > 1 || g.family.endsWith(".*") && g.keys[0].endsWith(".*") ? g.family : g.keys[0], g.text]);
  }

  function definitionFor(definitions, key) {
    for (const [k, text] of definitions) {
      if (k === key || (k.endsWith(".*") && key.startsWith(k.slice(0, -1)))) return { key: k, text };
    }
    return null;
  }

  // A caption-length start of a definition; the whole text is in the tooltip and the definitions below.
  function firstSentence(text) {
    const m = /^(.{40,}?[^.]\.)\s+[A-Z(]/.exec(text);
    const sentence = m ? m[1] : text;
    if (sentence.length <= 160) return sentence;
    return sentence.slice(0, sentence.lastIndexOf(" ", 150)) + "…";
  }

  const anchorOf = (definitionKey) => "def-" + definitionKey.replace(/[^A-Za-z0-9]+/g, "-");

  // ---- loading -------------------------------------------------------------------------------------------
  function defaultYear(today = new Date()) {
    // The latest collection year (to 31 March) that has ended.
    return today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1;
  }

  // Trend points per measure for the five years to `year`, from each year's committee report, which also
  // carries England's and the comparators' figures for its year. Five reports answer every measure at
  // once, where the trend endpoint would recompute the five years once per measure.
  async function loadTrends(keys, year, current) {
    const from = year - TREND_YEARS + 1;
    const earlier = [];
    for (let y = from; y < year; y++) earlier.push(api(committeePath(y, knownAt)).catch((e) => {
      if (e.status === 401 || e.status === 403) throw e;
      return null;
    }));
    const reports = [...(await Promise.all(earlier)).map(withholdSmall), current];
    const trends = {};
    for (const key of keys) {
      trends[key] = reports.map((r, i) => {
        const measure = r?.measures?.[key];
        const bench = r?.benchmarks?.[key];
        return {
          year: from + i,
          value: measure?.value ?? null,
          numerator: measure?.numerator ?? null,
          denominator: measure?.denominator ?? null,
          national: measure?.national ?? bench?.national ?? null,
          comparator: measure?.comparator ?? bench?.comparator ?? null,
          source: bench?.source ?? null,
        };
      });
    }
    return trends;
  }

  // The instant the report is reproduced as known at (ISO, UTC); null: everything recorded so far.
  let knownAt = null;

  const committeePath = (year, at) => `/api/indicators/committee?year=${year}` + (at ? `&knownAt=${encodeURIComponent(at)}` : "");

  let loadGeneration = 0;
  async function load(year) {
    const generation = ++loadGeneration;
    showStatus(`Loading the indicators for the year ending 31 March ${year}` + (knownAt ? ` as known at ${longInstant(knownAt)}…` : "…"));
    $("report").setAttribute("aria-busy", "true");
    try {
      // A report known at K is provisional; the same year known now is final, and the two are shown side by side.
      const [report, final] = (await Promise.all([api(committeePath(year, knownAt)), knownAt ? api(committeePath(year, null)) : null])).map(withholdSmall);
      const trendKeys = [...new Set([...HEADLINES, ...MISSING, ...REVIEWS].map((h) => h.key).concat(TRENDS.map((t) => t.key))
        .concat(extraSections.flatMap((section) => section.trendKeys || [])))];
      const trends = await loadTrends(trendKeys, year, report);
      if (generation !== loadGeneration) return;
      render(report, trends, year, final);
      showStatus("");
      loadWorklists();
      // Sections in their own files (e.g. returns.js) follow the year and instant shown.
      document.dispatchEvent(new CustomEvent("caretracking:report-loaded", { detail: { year, knownAt } }));
    } catch (e) {
      if (generation !== loadGeneration) return;
      if (e.status === 401) return askForToken("The token was not accepted (it may have expired). Paste a new one.");
      if (e.status === 403) return askForToken("This token does not carry the indicators:read scope. Paste one that does.");
      showStatus(`The indicators could not be loaded: ${e.message}`, true);
    } finally {
      $("report").removeAttribute("aria-busy");
    }
  }

  // ---- rendering -----------------------------------------------------------------------------------------
  let charts = [];

  function render(report, trends, year, final) {
    for (const chart of charts) chart.destroy();
    charts = [];
    const definitions = definitionsOf(report);
    const measures = report.measures || {};
    const finalMeasures = final ? final.measures || {} : null;

    $("period").textContent = `Year ending 31 March ${year}: ${longDate(report.from)} to ${longDate(report.to)}; ` +
      `children looked after at ${longDate(report.asAt)}` +
      (report.knownAt ? `; as known at ${longInstant(report.knownAt)} (provisional: only what had been recorded by then)` : "; as known now") + ".";
    renderKnownAt(report.knownAt);

    // A measure the service does not report is left out rather than shown as a blank.
    const tiles = (container, specs) => {
      const shown = specs.filter((s) => s.key in measures);
      container.replaceChildren(...(shown.length
        ? shown.map((spec) => renderTile(spec, measures[spec.key], trends[spec.key] || [], year, definitions, finalMeasures ? finalMeasures[spec.key] ?? null : undefined))
        : [el("li", { className: "muted", text: "No figures for this year." })]));
    };
    tiles($("tiles"), HEADLINES);
    tiles($("placement-tiles"), PLACEMENT_LOCATION);
    tiles($("missing-tiles"), MISSING);
    tiles($("review-tiles"), REVIEWS);
    for (const section of extraSections) section.render({ measures, trends, year, definitions, finalMeasures, el, renderTile, formatValue, renderTrend, definitionFor, anchorOf });

    const charted = TRENDS.filter((t) => (trends[t.key] || []).some((p) => p.value !== null && p.value !== undefined));
    $("trends").replaceChildren(...(charted.length
      ? charted.map((t) => renderTrend(t, trends[t.key], definitions))
      : [el("p", { className: "muted", text: "No figures for these years." })]));
    renderDistribution($("placement-mix"), "Placement of children looked after at 31 March", PLACEMENT_MIX, measures, definitions, "bar");
    renderDistribution($("fostering"), "Foster placements by provider", FOSTERING, measures, definitions, "doughnut");

    const switches = report.switchesInForce || report.switches || [];
    $("switches").replaceChildren(...(switches.length ? switches.map((s) => el("li", { text: s })) : [el("li", { text: "Not stated by this report." })]));
    $("definitions").replaceChildren(...definitions.flatMap(([key, text]) => [
      el("dt", { id: anchorOf(key) }, el("code", { text: key })),
      el("dd", { text }),
    ]));

    $("sign-in").hidden = true;
    $("controls").hidden = false;
    $("report").hidden = false;
  }

  function renderKnownAt(at) {
    const note = $("known-at-note");
    const reproduce = $("reproduce");
    note.hidden = reproduce.hidden = !at;
    if (!at) return;
    note.textContent = `Reproduced as known at ${longInstant(at)}. The large figures are provisional: they count only what ` +
      "had been recorded by then. Beside each is the final figure, counting everything recorded since (such as a child's " +
      "entry to care dated inside the year but recorded later), and the difference between the two. The review work lists are always today's.";
    reproduce.textContent = `To reproduce this report, open the dashboard at ${location.pathname}?year=${$("year").value}&knownAt=${knownAt}`;
  }

  function renderTile(spec, measure, points, year, definitions, final) {
    const value = measure?.value ?? null;
    const previous = points.find((p) => p.year === year - 1);
    const current = points.find((p) => p.year === year);
    const change = formatChange(spec.key, value, previous?.value);
    const definition = definitionFor(definitions, spec.key);
    const id = "tile-" + spec.key.replace(/\W+/g, "-");

    let direction = "same";
    if (change && previous.value !== value) direction = value > previous.value ? "up" : "down";
    const judgement = !spec.better || direction === "same" ? "neutral" : direction === spec.better ? "better" : "worse";

    const detail = [];
    if (isPercent(spec.key) && typeof measure?.denominator === "number" && measure.denominator) {
      detail.push(`${numberFormat.format(measure.numerator)} of ${numberFormat.format(measure.denominator)}`);
    }
    if (spec.key === "ratePer10k" && typeof measure?.numerator === "number") {
      detail.push(`${numberFormat.format(measure.numerator)} children`);
    }

    return el("li", { className: "tile", id, "data-measure": spec.key },
      el("h3", { className: "tile-label" },
        definition
          ? el("a", { href: "#" + anchorOf(definition.key), title: definition.text, text: spec.label })
          : spec.label),
      el("p", { className: "tile-value", "data-value": value ?? "" }, formatValue(spec.key, value)),
      detail.length ? el("p", { className: "tile-detail", text: detail.join("; ") }) : null,
      // Nothing to compare where neither report has a figure.
      final === undefined || (value === null && (final?.value ?? null) === null) ? null : renderRevision(spec.key, value, final?.value ?? null),
      el("p", { className: `tile-change ${judgement}` },
        change
          ? [el("span", { className: "arrow", "aria-hidden": "true", text: direction === "up" ? "▲" : direction === "down" ? "▼" : "●" }),
             ` ${change} on ${year - 1}`,
             judgement !== "neutral" ? el("span", { className: "visually-hidden", text: judgement === "better" ? " (better)" : " (worse)" }) : null]
          : "No figure for the year before"),
      el("dl", { className: "tile-benchmarks", title: current?.source ? `Source: ${current.source}` : null },
        benchmark("England", spec.key, current?.national),
        benchmark("Comparators", spec.key, current?.comparator)));
  }

  function renderRevision(key, provisional, final) {
    const revision = formatRevision(key, provisional, final);
    const changed = revision !== null && revision !== "unchanged since";
    return el("p", { className: "tile-revision" + (changed ? " changed" : ""), "data-provisional": provisional ?? "", "data-final": final ?? "" },
      el("span", {}, "Provisional ", el("strong", { text: formatValue(key, provisional) })),
      el("span", { "aria-hidden": "true", text: " · " }),
      el("span", {}, "Final ", el("strong", { text: formatValue(key, final) })),
      revision ? el("span", { className: "tile-revision-difference", text: ` (${revision})` }) : null);
  }

  function benchmark(label, key, value) {
    if (value === null || value === undefined) return [];
    return [el("dt", { text: label }), el("dd", { text: formatValue(key, value) })];
  }

  function renderTrend(spec, points, definitions) {
    const definition = definitionFor(definitions, spec.key);
    const hasNational = points.some((p) => p.national !== null && p.national !== undefined);
    const hasComparator = points.some((p) => p.comparator !== null && p.comparator !== undefined);
    // England's count is not on the scale of one authority's; only rates and percentages share an axis.
    const comparable = isPercent(spec.key) || isRate(spec.key);
    const labels = points.map((p) => yearLabel(p.year));
    const canvas = el("canvas", { role: "img", "aria-label": `${spec.title}, ${labels[0] ?? ""} to ${labels[labels.length - 1] ?? ""}; the table below gives the figures.` });
    const figure = el("figure", { className: "chart-card", "data-trend": spec.key },
      el("figcaption", {},
        el("h3", {}, spec.title),
        definition ? el("p", { className: "definition", title: definition.text, text: firstSentence(definition.text) }) : null),
      el("div", { className: "chart-box" }, canvas),
      el("details", {},
        el("summary", { text: "Show the figures as a table" }),
        el("table", {},
          el("thead", {}, el("tr", {},
            el("th", { scope: "col", text: "Year to 31 March" }),
            el("th", { scope: "col", text: "This authority" }),
            hasNational ? el("th", { scope: "col", text: "England" }) : null,
            hasComparator ? el("th", { scope: "col", text: "Comparators" }) : null)),
          el("tbody", {}, points.map((p) => el("tr", {},
            el("th", { scope: "row", text: String(p.year) }),
            el("td", { "data-series": "authority", text: formatValue(spec.key, p.value) }),
            hasNational ? el("td", { "data-series": "england", text: formatValue(spec.key, p.national) }) : null,
            hasComparator ? el("td", { "data-series": "comparators", text: formatValue(spec.key, p.comparator) }) : null))))));

    if (window.Chart) {
      const datasets = [{
        label: "This authority", data: points.map((p) => plotted(p.value)), borderColor: COLOURS.la, backgroundColor: COLOURS.la,
        borderWidth: 3, pointRadius: 4, tension: 0, spanGaps: true,
      }];
      if (hasNational && comparable) datasets.push({
        label: "England", data: points.map((p) => p.national ?? null), borderColor: COLOURS.england, backgroundColor: COLOURS.england,
        borderDash: [6, 4], borderWidth: 2, pointRadius: 3, pointStyle: "rect", spanGaps: true,
      });
      if (hasComparator && comparable) datasets.push({
        label: "Comparators", data: points.map((p) => p.comparator ?? null), borderColor: COLOURS.comparator, backgroundColor: COLOURS.comparator,
        borderDash: [2, 3], borderWidth: 2, pointRadius: 3, pointStyle: "triangle", spanGaps: true,
      });
      charts.push(new Chart(canvas, {
        type: "line",
        data: { labels, datasets },
        options: {
          maintainAspectRatio: false,
          animation: false,
          scales: {
            y: { beginAtZero: true, suggestedMax: isPercent(spec.key) ? 10 : 4, grid: { color: COLOURS.grid },
              ticks: { precision: 0, callback: (v) => numberFormat.format(v) + (isPercent(spec.key) ? "%" : "") } },
            x: { grid: { display: false } },
          },
          plugins: {
            legend: { display: datasets.length > 1, position: "bottom", labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8, padding: 16 } },
            tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatValue(spec.key, c.parsed.y)}` } },
          },
        },
      }));
    }
    return figure;
  }

  function renderDistribution(figure, title, parts, measures, definitions, type) {
    const rows = parts.filter(([key]) => key in measures).map(([key, label]) => ({ key, label, ...measures[key] }));
    const definition = definitionFor(definitions, parts[0][0]);
    const canvas = el("canvas", { role: "img", "aria-label": `${title}; the table below gives the figures.` });
    figure.setAttribute("data-distribution", parts[0][0].split(".")[0]);
    figure.replaceChildren(
      el("figcaption", {},
        el("h3", {}, title),
        definition ? el("p", { className: "definition", title: definition.text, text: firstSentence(definition.text) }) : null),
      rows.length ? el("div", { className: "chart-box " + type }, canvas) : el("p", { text: "No figures for this year." }),
      el("details", {},
        el("summary", { text: "Show the figures as a table" }),
        el("table", {},
          el("thead", {}, el("tr", {},
            el("th", { scope: "col", text: "Placement" }),
            el("th", { scope: "col", className: "num", text: "Children" }),
            el("th", { scope: "col", className: "num", text: "%" }))),
          el("tbody", {}, rows.map((r) => el("tr", {},
            el("th", { scope: "row", text: r.label }),
            el("td", { className: "num", text: formatValue("count", r.numerator) }),
            el("td", { className: "num", text: formatValue(r.key, r.value) })))))));
    if (!rows.length || !window.Chart) return;
    const data = {
      labels: rows.map((r) => r.label),
      datasets: [{ label: "% of children", data: rows.map((r) => plotted(r.value) ?? 0), backgroundColor: rows.map((_, i) => MIX_COLOURS[i % MIX_COLOURS.length]), borderWidth: type === "doughnut" ? 2 : 0 }],
    };
    const tooltip = { callbacks: { label: (c) => `${formatValue(rows[c.dataIndex].key, rows[c.dataIndex].value)} (${formatValue("count", rows[c.dataIndex].numerator)} children)` } };
    charts.push(new Chart(canvas, type === "bar"
      ? { type, data, options: { indexAxis: "y", maintainAspectRatio: false, animation: false,
          scales: { x: { beginAtZero: true, ticks: { callback: (v) => v + "%" }, grid: { color: COLOURS.grid } }, y: { grid: { display: false } } },
          plugins: { legend: { display: false }, tooltip } } }
      : { type, data, options: { maintainAspectRatio: false, animation: false, cutout: "55%",
          plugins: { legend: { position: "right", labels: { boxWidth: 14 } }, tooltip } } }));
  }

  // ---- IRO work lists ------------------------------------------------------------------------------------
  async function loadWorklists() {
    // Not asked without the scope (the committee's token): the refusals would only add denials to the read audit.
    if (!(window.CareTracking?.tokenScopes() ?? []).includes("reviews:read")) {
      const why = "Not shown: this token may not read the IRO work lists (they need reviews:read).";
      for (const id of ["due", "overdue"]) $(id).replaceChildren(el("p", { className: "muted", text: why }));
      return;
    }
    const today = isoDate(new Date());
    await Promise.all([
      loadWorklist($("due"), `/api/indicators/reviews/due?withinWorkingDays=${DUE_WITHIN_WORKING_DAYS}`, "No reviews are due in the next 20 working days."),
      loadWorklist($("overdue"), `/api/indicators/reviews/overdue?asAt=${today}`, `No review is overdue at ${longDate(today)}.`, true),
    ]);
  }

  async function loadWorklist(container, path, emptyText, overdue = false) {
    container.replaceChildren(el("p", { className: "muted", text: "Loading…" }));
    try {
      const body = await api(path);
      const rows = rowsOf(body);
      if (overdue && body?.asAt) {
        // The lists give the due date; how long ago that was is what an IRO manager sorts by.
        const asAt = Date.parse(body.asAt + "T00:00:00Z");
        for (const row of rows) {
          if (typeof row.dueDate === "string" && row.daysOverdue === undefined) row.daysOverdue = Math.round((asAt - Date.parse(row.dueDate + "T00:00:00Z")) / 86_400_000);
        }
      }
      container.replaceChildren(rows.length ? worklistTable(rows) : el("p", { text: emptyText }));
    } catch (e) {
      const why = e.status === 403 ? "this token may not read the IRO work lists (they need reviews:read)."
        : e.status === 404 ? "the work list is not available from this service yet."
        : e.message;
      container.replaceChildren(el("p", { className: "muted", text: `Not shown: ${why}` }));
    }
  }

  function rowsOf(body) {
    if (Array.isArray(body)) return body;
    for (const value of Object.values(body || {})) if (Array.isArray(value)) return value;
    return [];
  }

  function worklistTable(rows) {
    const present = new Set(rows.flatMap((r) => Object.keys(r)).filter((k) => !PERSONAL.test(k)));
    const columns = [];
    const seenLabels = new Set();
    for (const [key, label] of WORKLIST_COLUMNS) {
      if (!present.has(key)) continue;
      columns.push([key, seenLabels.has(label) ? humanise(key) : label]);
      seenLabels.add(label);
      present.delete(key);
    }
    for (const key of present) columns.push([key, humanise(key)]);
    const filter = el("input", { type: "search", placeholder: "Filter by child, IRO or team", "aria-label": "Filter the list" });
    const table = el("table", { className: "worklist-table" },
      el("caption", { className: "visually-hidden", text: `${rows.length} children` }),
      el("thead", {}, el("tr", {}, columns.map(([, label]) => el("th", { scope: "col", text: label })))),
      el("tbody", {}, rows.map((row) => el("tr", {}, columns.map(([key]) => el("td", { text: cell(key, row[key]) }))))));
    filter.addEventListener("input", () => {
      const q = filter.value.trim().toLowerCase();
      for (const tr of table.tBodies[0].rows) tr.hidden = q !== "" && !tr.textContent.toLowerCase().includes(q);
    });
    return el("div", {}, el("p", { className: "worklist-meta" }, el("strong", { text: `${rows.length} ${rows.length === 1 ? "child" : "children"}` }), " ", filter),
      el("div", { className: "table-scroll" }, table));
  }

  function cell(key, value) {
    if ((value === null || value === undefined) && /^iro/i.test(key)) return "Not allocated";
    if (value === null || value === undefined) return "";
    if (typeof value === "object") {
      return Object.entries(value).filter(([k]) => !PERSONAL.test(k)).map(([, v]) => String(v)).join(", ");
    }
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return longDate(value);
    if (typeof value === "number") return numberFormat.format(value);
    return String(value);
  }

  const humanise = (key) => key.replace(/([a-z])([A-Z0-9])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase()).replace(/\bIro\b/, "IRO");

  // ---- dates and status ----------------------------------------------------------------------------------
  const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  // Known-at instants are entered and stated in UTC, so the printed instant is the one in the address.
  const instantFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "medium", timeZone: "UTC" });
  const longDate = (iso) => iso ? dateFormat.format(new Date(iso + "T00:00:00Z")) : "";
  const longInstant = (iso) => instantFormat.format(new Date(iso)) + " UTC";
  // An instant as the API takes it; a time without an offset is read as UTC, as the API reads it.
  function instantOf(text) {
    if (!text) return null;
    const withOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : text + "Z";
    const ms = Date.parse(withOffset);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(".000Z", "Z");
  }
  // The committee sees the year's report in its summer meeting: the end of 31 July after the year end.
  const asPrintedFor = (year) => `${year}-07-31T23:59:59Z`;
  const isoDate = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  const yearLabel = (y) => `${y - 1}/${String(y).slice(-2)}`;

  function showStatus(text, isError = false) {
    $("status").textContent = text;
    $("status").classList.toggle("error", isError);
  }

  function askForToken(reason) {
    if (reason) $("sign-in-reason").textContent = reason;
    $("report").hidden = true;
    $("controls").hidden = true;
    $("sign-in").hidden = false;
    showStatus("");
    $("token").focus();
  }

  // ---- start ---------------------------------------------------------------------------------------------
  function start() {
    takeTokenFromAddress();
    if (window.Chart) {
      Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
      Chart.defaults.font.size = 13;
      Chart.defaults.color = "#1f2933";
    }
    const query = new URLSearchParams(location.search);
    const latest = defaultYear();
    const requested = Number.parseInt(query.get("year") || "", 10);
    const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : latest;
    const select = $("year");
    for (let y = Math.max(latest, year); y >= Math.min(latest, year) - 9; y--) {
      select.append(el("option", { value: String(y), text: `${y} (${yearLabel(y)})`, selected: y === year }));
    }
    const knownAtInput = $("known-at");
    const asPrinted = $("as-printed");
    // The address holds the year and the known-at instant, so a printed report can be reproduced from it.
    const showChoice = () => {
      const params = new URLSearchParams(location.search);
      params.set("year", select.value);
      if (knownAt) params.set("knownAt", knownAt); else params.delete("knownAt");
      if (withhold) params.set("withhold", "1"); else params.delete("withhold");
      // Colons left readable: the address is printed on the report for whoever reproduces it.
      history.replaceState(null, "", `${location.pathname}?${params.toString().replace(/%3A/gi, ":")}${location.hash}`);
      knownAtInput.value = knownAt ? knownAt.slice(0, 19) : "";
      asPrinted.textContent = `As printed for the committee (31 July ${select.value})`;
    };
    const reload = () => { showChoice(); load(Number(select.value)); };
    withhold = query.get("withhold") === "1";
    $("withhold-small").checked = withhold;
    $("withhold-small").addEventListener("change", () => { withhold = $("withhold-small").checked; reload(); });
    const requestedKnownAt = instantOf(query.get("knownAt"));
    knownAt = requestedKnownAt ?? null;
    showChoice();
    select.addEventListener("change", reload);
    knownAtInput.addEventListener("change", () => {
      const chosen = instantOf(knownAtInput.value);
      if (chosen === undefined) return;
      knownAt = chosen;
      reload();
    });
    asPrinted.addEventListener("click", () => { knownAt = asPrintedFor(select.value); reload(); });
    $("known-now").addEventListener("click", () => { knownAt = null; reload(); });
    $("print").addEventListener("click", () => window.print());
    $("forget-token").addEventListener("click", () => {
      sessionStorage.removeItem(TOKEN_KEY);
      askForToken("The token has been forgotten. Paste one to show the indicators again.");
    });
    $("token-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const value = $("token").value.trim().replace(/^Bearer\s+/i, "");
      if (!value) return;
      sessionStorage.setItem(TOKEN_KEY, value);
      $("token").value = "";
      load(Number(select.value));
    });
    if (token()) load(year).then(() => {
      if (requestedKnownAt === undefined) showStatus("The knownAt in the address is not an instant (e.g. 2025-07-31T23:59:59Z); the figures are as known now.", true);
    });
    else askForToken();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
