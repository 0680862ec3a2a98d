// Fixed answers for the Indicators API, shaped as the service answers (camelCase JSON), for preview.html.
(() => {
  const realFetch = window.fetch.bind(window);
  const years = { 2021: 0, 2022: 1, 2023: 2, 2024: 3, 2025: 4, 2026: 5 };
  const series = {
    cla: [560, 585, 612, 640, 655, 648], ratePer10k: [72.1, 75.2, 78.4, 81.6, 83.0, 82.1],
    started: [240, 255, 262, 270, 251, 244], ceased: [228, 231, 240, 246, 236, 250],
    ceasedAdoptedPct: [11.8, 10.4, 9.6, 8.9, 9.3, 8.4], uasc: [31, 44, 58, 66, 61, 52],
    threePlusPlacementsPct: [10.2, 9.8, 11.1, 10.6, 9.9, 9.2], longTermStabilityPct: [66.0, 67.5, 65.2, 68.3, 70.1, 71.4],
    missingIncidents: [410, 452, 498, 520, 544, 512], childrenMissing: [61, 66, 70, 74, 77, 72],
    awayIncidents: [120, 133, 140, 151, 139, 128], childrenAway: [30, 34, 36, 38, 35, 31],
    returnInterviewOfferedIn72hPct: [71.0, 74.2, 78.5, 80.3, 83.6, 86.1], returnInterviewCompletedPct: [52.4, 55.0, 57.3, 60.8, 62.0, 64.9],
    reviewsOnTimePct: [88.0, 89.4, 91.2, 90.1, 92.6, 93.8], iroAllocatedIn5DaysPct: [79.0, 82.5, 85.0, 87.9, 90.2, 91.5],
    childParticipatedPct: [90.1, 91.0, 92.4, 91.8, 93.0, 94.2],
  };
  const national = {
    cla: [80780, 82090, 83750, 83530, 81770, null], ratePer10k: [69, 70, 70, 69, 67, null],
    longTermStabilityPct: [null, null, null, 68, 69, null], ceasedAdoptedPct: [null, null, null, 8.9, 8.8, null],
    missingIncidents: [null, 76890, null, 83920, 86900, null],
  };
  const comparator = { ratePer10k: [65.3, 66.8, 68.0, 69.2, 70.5, null], longTermStabilityPct: [null, null, 66.0, 67.1, 68.4, null] };
  const mix = [["fosterRelativeFriend", 14.0], ["fosterOther", 52.5], ["placedForAdoption", 3.1], ["placedWithParents", 6.8],
    ["secureChildrensHomes", 10.6], ["supportedIndependent", 8.2], ["otherResidential", 1.4], ["residentialSchool", 0.9], ["other", 2.5]];
  const fostering = [["inHouse", 58.4], ["otherLa", 3.2], ["agency", 36.9], ["otherOrUnknown", 1.5]];

  const pct = (v, d) => ({ value: v, numerator: Math.round(v * d / 100), denominator: d });
  function report(year) {
    const i = years[year];
    if (i === undefined) return { asAt: `${year}-03-31`, from: `${year - 1}-04-01`, to: `${year}-03-31`, knownAt: null, measures: {}, definitions: {}, switches: [], benchmarks: {} };
    const measures = {};
    for (const [k, s] of Object.entries(series)) {
      measures[k] = /Pct$/.test(k) ? pct(s[i], 200 + i * 10) : k === "ratePer10k" ? { value: s[i], numerator: series.cla[i], denominator: 78900 } : { value: s[i], numerator: s[i], denominator: null };
    }
    const cla = series.cla[i];
    for (const [k, v] of mix) measures["placementMix." + k] = pct(v, cla);
    for (const [k, v] of fostering) measures["fosteringByProvider." + k] = pct(v, Math.round(cla * 0.665));
    return {
      asAt: `${year}-03-31`, from: `${year - 1}-04-01`, to: `${year}-03-31`, knownAt: null, measures,
      definitions: Object.fromEntries([
        { key: "cla", text: "Children looked after at the as-at date: an episode open that day. Short breaks (LS V3/V4) excluded." },
        { key: "ratePer10k", text: "Children looked after at the as-at date per 10,000 of the LA's population aged 0–17, one decimal." },
        { key: "started", text: "Children with a period of care starting in the window; each child once." },
        { key: "ceased", text: "Children with a period of care ending in the window; each child once." },
        { key: "ceasedAdoptedPct", text: "Ceased by adoption (E11, E12) ÷ ceased, %." },
        { key: "placementMix.*", text: "Children looked after at the as-at date by placement, % of CLA." },
        { key: "fosteringByProvider.*", text: "Foster placements (U1–U6) at the as-at date by provider, % of foster placements." },
        { key: "threePlusPlacementsPct", text: "Of children looked after at the end of the window: % with 3 or more placements open on some day of the window." },
        { key: "longTermStabilityPct", text: "Under 16s looked after for 2.5 years or more: % in the same placement for 2 years or placed for adoption." },
        { key: "missingIncidents", text: "Missing (M) episodes starting in the window of children looked after that day." },
        { key: "returnInterviewOfferedIn72hPct", text: "Of missing episodes whose return falls in the window: % offered a return interview within 72 hours." },
        { key: "reviewsOnTimePct", text: "Reviews held in the window on or before their statutory due date ÷ reviews held, %." },
        { key: "iroAllocatedIn5DaysPct", text: "Periods of care started in the window whose IRO was allocated by the 5th working day, %." },
      ].map((d) => [d.key, d.text])),
      benchmarks: Object.fromEntries(Object.keys(measures)
        .filter((k) => national[k]?.[i] != null || comparator[k]?.[i] != null)
        .map((k) => [k, { national: national[k]?.[i] ?? null, comparator: comparator[k]?.[i] ?? null, source: "fixture" }])),
      switches: [
        "Same-carer changes (RNE T/U) count as new placements: off (default); they continue the placement.",
        "Short-break (V3/V4) reviews left out of reviews on time and participation: off (default); they count.",
        "Away (A) episodes included in return-interview measures: off (default); missing (M) episodes only.",
      ],
    };
  }
  // As known at an instant: a few entries to care and missing episodes not yet recorded.
  function provisional(final, knownAt) {
    const late = { cla: 4, started: 3, missingIncidents: 11 };
    const measures = { ...final.measures };
    for (const [k, n] of Object.entries(late)) if (measures[k]) measures[k] = { ...measures[k], value: measures[k].value - n, numerator: measures[k].numerator - n };
    return { ...final, knownAt, measures };
  }
  const today = new Date().toISOString().slice(0, 10);
  const due = { asAt: today, withinWorkingDays: 20, dueBy: "2026-12-21", children: [
    { childId: "C-10421", reviewNumber: 2, dueDate: "2026-11-27", iroId: "IRO-07", team: "North" },
    { childId: "C-10877", reviewNumber: 5, dueDate: "2026-12-02", iroId: "IRO-02", team: "City" },
    { childId: "C-11230", reviewNumber: 1, dueDate: "2026-12-15", iroId: null, team: null },
  ] };
  const overdue = { asAt: today, withinWorkingDays: null, dueBy: null, children: [
    { childId: "C-09981", reviewNumber: 4, dueDate: "2026-11-12", iroId: "IRO-04", team: "South" },
  ] };

  window.fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input.url, location.href);
    if (!url.pathname.startsWith("/api/")) return realFetch(input, init);
    const q = url.searchParams;
    const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    switch (url.pathname) {
      case "/api/indicators/committee": return json(q.get("knownAt") ? provisional(report(Number(q.get("year"))), q.get("knownAt")) : report(Number(q.get("year"))));
      case "/api/indicators/reviews/due": return json(due);
      case "/api/indicators/reviews/overdue": return json(overdue);
      default: return json({ title: "Not Found", status: 404 }, 404);
    }
  };
})();
