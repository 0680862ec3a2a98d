// The dashboard's "Returns" section: the 903 return (zip), Annex A List 8 (CSV and Excel) and the count of the
// 903 check's findings, for the year the dashboard shows. The shared dashboard.js announces each loaded year
// ("caretracking:report-loaded"); this file does the rest. The API needs returns:read: with a committee-only token
// the section says so. Files are fetched with the token and saved by sections.js.
(() => {
  "use strict";

  const { $, get, saveResponse, whenReady, onReportLoaded } = window.CareTracking;
  let shown = { year: null, knownAt: null };

  const knownAtQuery = (prefix) => shown.knownAt ? `${prefix}knownAt=${encodeURIComponent(shown.knownAt)}` : "";
  const annexAsAt = (year) => {
    const today = new Date().toISOString().slice(0, 10);
    const yearEnd = `${year}-03-31`;
    return yearEnd < today ? yearEnd : today;
  };

  function say(text, isError = false) {
    $("returns-status").textContent = text;
    $("returns-status").classList.toggle("error", isError);
  }

  async function download(path, fallbackName) {
    say("Preparing the download…");
    try {
      const name = await saveResponse(await get(path), fallbackName);
      say(`Downloaded ${name}.`);
    } catch (e) {
      say(e.status === 403 ? "This token does not carry the returns:read scope." : `The download failed: ${e.message}`, true);
    }
  }

  async function showCheck() {
    const check = $("returns-check");
    check.textContent = "Checking the 903 return…";
    try {
      const issues = await (await get(`/api/returns/903/${shown.year}/check${knownAtQuery("?")}`, "application/json")).json();
      check.dataset.count = String(issues.length);
      check.textContent = issues.length === 0
        ? "The 903 check finds no problem in the rows the suite produces."
        : `The 903 check finds ${issues.length} problem${issues.length === 1 ? "" : "s"} to correct before submission.`;
    } catch (e) {
      delete check.dataset.count;
      check.textContent = e.status === 403
        ? "The returns need a token with the returns:read scope."
        : `The 903 check could not be run: ${e.message}`;
    }
  }

  function show(year, knownAt) {
    shown = { year, knownAt };
    $("returns-year").textContent = `${year - 1}/${String(year).slice(-2)}`;
    $("returns-annex-as-at").textContent = annexAsAt(year);
    say("");
    showCheck();
  }

  whenReady("returns", () => {
    $("download-903").addEventListener("click", () =>
      download(`/api/returns/903/${shown.year}${knownAtQuery("?")}`, `ssda903-${shown.year}.zip`));
    $("download-annex-a-csv").addEventListener("click", () =>
      download(`/api/returns/annex-a/8?asAt=${annexAsAt(shown.year)}&format=csv`, "annex-a-list-8.csv"));
    $("download-annex-a-xlsx").addEventListener("click", () =>
      download(`/api/returns/annex-a/8?asAt=${annexAsAt(shown.year)}&format=xlsx`, "annex-a-list-8.xlsx"));
    onReportLoaded(show);
  });
})();
