// What the dashboard's section scripts (returns.js, comparisons.js, breakdowns.js, reportpack.js)
// share: the token-carrying fetch, saving a fetched file as a download (a plain link cannot carry the Authorization
// header), the year-and-instant query, and a section that follows the report dashboard.js announces. Loaded before
// them; it draws nothing itself.
window.CareTracking = (() => {
  "use strict";

  const TOKEN_KEY = "caretracking.indicators.token";
  const $ = (id) => document.getElementById(id);

  // The scopes the tab's token claims (a JWT's payload, read for display only; it is not verified here). Sections a
  // token's scopes do not reach are not asked for: the API would refuse them, and audits every refusal.
  function tokenScopes() {
    try {
      const payload = (sessionStorage.getItem(TOKEN_KEY) || "").split(".")[1];
      if (!payload) return [];
      const json = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "=")));
      const scope = json.scope ?? json.scp ?? [];
      return (Array.isArray(scope) ? scope : String(scope).split(" ")).flatMap((s) => String(s).split(" ")).filter(Boolean);
    } catch {
      return [];
    }
  }

  // GET with the tab's token; a failed answer throws with its status and the problem's detail where there is one.
  async function get(path, accept = "*/*") {
    const response = await fetch(path, { headers: { Authorization: "Bearer " + sessionStorage.getItem(TOKEN_KEY), Accept: accept } });
    if (!response.ok) {
      let detail = response.statusText;
      try { const p = await response.json(); detail = p.detail || p.title || detail; } catch { /* not JSON */ }
      throw Object.assign(new Error(detail), { status: response.status });
    }
    return response;
  }

  // Hands a fetched file to the browser as a download, under the name the service gave (Content-Disposition) or the
  // fallback; answers the name used.
  async function saveResponse(response, fallbackName) {
    const disposition = response.headers.get("Content-Disposition") || "";
    const name = (/filename="?([^";]+)"?/i.exec(disposition) || [])[1] || fallbackName;
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement("a"), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return name;
  }

  // "Withhold counts of 1–2 as c" (dashboard.js keeps it in the address as withhold=1): each section shows the keys its
  // report lists in `withheld` as c, as the CSV files print them.
  const WITHHELD = "c";
  const withholding = () => new URLSearchParams(location.search).get("withhold") === "1";
  const withheldIn = (report) => new Set(withholding() ? report.withheld || [] : []);

  const reportQuery = ({ year, knownAt }) => `year=${year}${knownAt ? `&knownAt=${encodeURIComponent(knownAt)}` : ""}`;
  const element = (tag, text, attributes = {}) => Object.assign(document.createElement(tag), { textContent: text ?? "–" }, attributes);

  // Runs start() once the page is read, if the section is on it.
  function whenReady(sectionId, start) {
    const go = () => { if ($(sectionId)) start(); };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
    else go();
  }

  const onReportLoaded = (show) =>
    document.addEventListener("caretracking:report-loaded", (e) => show(e.detail.year, e.detail.knownAt));

  // A section that shows one JSON report of the year and instant shown, with a CSV download of the same query:
  // its status line is #<id>-status, its button #download-<id>-csv.
  function reportSection({ id, path, noun, render }) {
    let shown = { year: null, knownAt: null };
    const status = (text) => { $(`${id}-status`).textContent = text; };

    async function show(year, knownAt) {
      shown = { year, knownAt };
      status(`Loading the ${noun}…`);
      try {
        const report = await (await get(`${path}?${reportQuery(shown)}`, "application/json")).json();
        status("");
        render(report, shown);
      } catch (e) {
        status(`The ${noun} could not be loaded: ${e.message}`);
      }
    }

    async function download() {
      try {
        await saveResponse(await get(`${path}?${reportQuery(shown)}&format=csv`, "text/csv"), `${id}.csv`);
      } catch (e) {
        status(`The download failed: ${e.message}`);
      }
    }

    whenReady(id, () => {
      $(`download-${id}-csv`).addEventListener("click", download);
      onReportLoaded(show);
    });
  }

  return { TOKEN_KEY, $, get, tokenScopes, saveResponse, reportQuery, element, whenReady, onReportLoaded, reportSection, WITHHELD, withheldIn };
})();
