// The dashboard's "Report pack" section: the officer's narrative for the committee (typed here, kept in this tab only
// and printed with the report), the whole report as Excel or CSV (/api/indicators/report-pack, as known at the instant
// shown), the committee paper as a PDF with the narrative in it, and printing the page as the committee's paper.
// Follows the year and instant dashboard.js announces.
(() => {
  "use strict";

  const { TOKEN_KEY, $, get, saveResponse, reportQuery, whenReady, onReportLoaded } = window.CareTracking;
  let shown = { year: null, knownAt: null };
  const narrativeKey = () => `caretracking.indicators.narrative.${shown.year}.${shown.knownAt || "now"}`;

  // The committee paper as the service makes it (/api/indicators/committee/report.pdf): the narrative typed here goes
  // in the body of a POST, so it is printed in the PDF without the service keeping it.
  async function downloadPdf() {
    $("reportpack-status").textContent = "Preparing the PDF…";
    try {
      const response = await fetch(`/api/indicators/committee/report.pdf?${reportQuery(shown)}`, {
        method: "POST",
        headers: { Authorization: "Bearer " + sessionStorage.getItem(TOKEN_KEY), "Content-Type": "text/plain; charset=utf-8", Accept: "application/pdf" },
        body: $("narrative").value,
      });
      if (!response.ok) {
        let detail = response.statusText;
        try { const p = await response.json(); detail = p.detail || p.title || detail; } catch { /* not JSON */ }
        throw new Error(detail);
      }
      const name = await saveResponse(response, "committee-report.pdf");
      $("reportpack-status").textContent = `Downloaded ${name}.`;
    } catch (e) {
      $("reportpack-status").textContent = `The PDF failed: ${e.message}`;
    }
  }

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
    // The narrative belongs to one report (year and instant); it stays in this tab, sent only with "Download PDF".
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
    $("download-pack-pdf").addEventListener("click", downloadPdf);
    $("print-pack").addEventListener("click", () => window.print());
    onReportLoaded(show);
  });
})();
