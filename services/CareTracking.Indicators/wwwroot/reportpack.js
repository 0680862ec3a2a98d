// The dashboard's "Report pack" section: the officer's narrative for the committee (typed here, kept in this tab only
// and printed with the report), the whole report as Excel or CSV (/api/indicators/report-pack, as known at the instant
// shown), and printing the page as the committee's paper. Follows the year and instant dashboard.js announces.
(() => {
  "use strict";

  const TOKEN_KEY = "caretracking.indicators.token";
  const $ = (id) => document.getElementById(id);
  let shown = { year: null, knownAt: null };
  const narrativeKey = () => `caretracking.indicators.narrative.${shown.year}.${shown.knownAt || "now"}`;
  const query = () => `year=${shown.year}${shown.knownAt ? `&knownAt=${encodeURIComponent(shown.knownAt)}` : ""}`;

  async function download(format) {
    $("reportpack-status").textContent = "Preparing the download…";
    try {
      const response = await fetch(`/api/indicators/report-pack?${query()}&format=${format}`,
        { headers: { Authorization: "Bearer " + sessionStorage.getItem(TOKEN_KEY) } });
      if (!response.ok) throw new Error(response.statusText);
      const disposition = response.headers.get("Content-Disposition") || "";
      const name = (/filename="?([^";]+)"?/i.exec(disposition) || [])[1] || `committee-report.${format}`;
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement("a"), { href: url, download: name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      $("reportpack-status").textContent = `Downloaded ${name}.`;
    } catch (e) {
      $("reportpack-status").textContent = `The download failed: ${e.message}`;
    }
  }

  function show(year, knownAt) {
    shown = { year, knownAt };
    // The narrative belongs to one report (year and instant); it stays in this tab, never sent to the service.
    $("narrative").value = sessionStorage.getItem(narrativeKey()) || "";
    $("narrative-print").textContent = $("narrative").value;
  }

  function start() {
    if (!$("reportpack")) return;
    $("narrative").addEventListener("input", () => {
      sessionStorage.setItem(narrativeKey(), $("narrative").value);
      $("narrative-print").textContent = $("narrative").value;
    });
    $("download-pack-xlsx").addEventListener("click", () => download("xlsx"));
    $("download-pack-csv").addEventListener("click", () => download("csv"));
    $("print-pack").addEventListener("click", () => window.print());
    document.addEventListener("caretracking:report-loaded", (e) => show(e.detail.year, e.detail.knownAt));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
