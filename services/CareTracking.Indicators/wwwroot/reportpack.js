// The dashboard's "Report pack" section: the officer's narrative for the committee (typed here, kept in this tab only
// and printed with the report), the whole report as Excel or CSV (/api/indicators/report-pack, as known at the instant
// shown), and printing the page as the committee's paper. Follows the year and instant dashboard.js announces.
(() => {
  "use strict";

  const { $, get, saveResponse, reportQuery, whenReady, onReportLoaded } = window.CareTracking;
  let shown = { year: null, knownAt: null };
  const narrativeKey = () => `caretracking.indicators.narrative.${shown.year}.${shown.knownAt || "now"}`;

  async function download(format) {
    $("reportpack-status").textContent = "Preparing the download…";
    try {
      const response = await get(`/api/indicators/report-pack?${reportQuery(shown)}&format=${format}`);
      const name = await saveResponse(response, `committee-report.${format}`);
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

  whenReady("reportpack", () => {
    $("narrative").addEventListener("input", () => {
      sessionStorage.setItem(narrativeKey(), $("narrative").value);
      $("narrative-print").textContent = $("narrative").value;
    });
    $("download-pack-xlsx").addEventListener("click", () => download("xlsx"));
    $("download-pack-csv").addEventListener("click", () => download("csv"));
    $("print-pack").addEventListener("click", () => window.print());
    onReportLoaded(show);
  });
})();
