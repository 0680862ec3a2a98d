// The dashboard's "Returns" section: the 903 return (zip of CSV, or XML), Annex A Lists 8, 9 and 10 (CSV and Excel)
// and the 903 check's findings, for the year the dashboard shows; the rules comparing with last year's return run
// when the officer says when it was exported. The shared dashboard.js announces each loaded year
// ("caretracking:report-loaded"); this file does the rest. The API needs returns:read: with a committee-only token
// the section says so. Files are fetched with the token and saved by sections.js.
(() => {
  "use strict";

  const { $, get, tokenScopes, saveResponse, element, whenReady, onReportLoaded } = window.CareTracking;
  let shown = { year: null, knownAt: null };
  let lastYearKnownAt = null;
  const SHOWN_ISSUES = 100;

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

  function checkPath() {
    const query = [knownAtQuery(""), lastYearKnownAt ? `lastYearKnownAt=${encodeURIComponent(lastYearKnownAt)}` : ""].filter(Boolean);
    return `/api/returns/903/${shown.year}/check${query.length ? "?" + query.join("&") : ""}`;
  }

  function showIssues(issues) {
    const table = $("returns-issues");
    const body = table.querySelector("tbody");
    body.replaceChildren(...issues.slice(0, SHOWN_ISSUES).map((i) => {
      const row = document.createElement("tr");
      row.append(element("td", i.rule), element("td", i.table), element("td", String(i.row)), element("td", i.child), element("td", i.message));
      return row;
    }));
    $("returns-issues-box").hidden = issues.length === 0;
  }

  async function showCheck() {
    const check = $("returns-check");
    check.textContent = "Checking the 903 return…";
    $("returns-not-run").textContent = "";
    showIssues([]);
    // Not asked without the scope: the refusal would only add a denial to the read audit on every view.
    if (!tokenScopes().includes("returns:read")) {
      delete check.dataset.count;
      check.textContent = "The returns need a token with the returns:read scope.";
      return;
    }
    try {
      const response = await get(checkPath(), "application/json");
      const issues = await response.json();
      const notRun = response.headers.get("X-Checks-Not-Run");
      check.dataset.count = String(issues.length);
      check.textContent = issues.length === 0
        ? "The 903 check finds no problem in the rows the suite produces."
        : `The 903 check finds ${issues.length} problem${issues.length === 1 ? "" : "s"} to correct before submission`
          + (issues.length > SHOWN_ISSUES ? `; the first ${SHOWN_ISSUES} are listed.` : ".");
      $("returns-not-run").textContent = notRun
        ? `Not run without last year's return: rules ${notRun.split(" ").join(", ")}. Give the date it was exported above to run them.`
        : "";
      showIssues(issues);
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

  // The datetime-local input has no offset: it is read as the officer's local time and sent as an instant.
  const instantOf = (local) => local ? new Date(local).toISOString() : null;

  whenReady("returns", () => {
    const annexList = () => $("annex-a-list").value;
    $("download-903").addEventListener("click", () =>
      download(`/api/returns/903/${shown.year}${knownAtQuery("?")}`, `ssda903-${shown.year}.zip`));
    $("download-903-xml").addEventListener("click", () =>
      download(`/api/returns/903/${shown.year}?format=xml${knownAtQuery("&")}`, `ssda903-${shown.year}.xml`));
    $("download-annex-a-csv").addEventListener("click", () =>
      download(`/api/returns/annex-a/${annexList()}?asAt=${annexAsAt(shown.year)}&format=csv`, `annex-a-list-${annexList()}.csv`));
    $("download-annex-a-xlsx").addEventListener("click", () =>
      download(`/api/returns/annex-a/${annexList()}?asAt=${annexAsAt(shown.year)}&format=xlsx`, `annex-a-list-${annexList()}.xlsx`));
    $("returns-last-year").addEventListener("submit", (event) => {
      event.preventDefault();
      lastYearKnownAt = instantOf($("returns-last-year-at").value);
      showCheck();
    });
    $("returns-last-year-clear").addEventListener("click", () => {
      $("returns-last-year-at").value = "";
      lastYearKnownAt = null;
      showCheck();
    });
    onReportLoaded(show);
  });
})();
