// The export job page (a file of this site: the Content-Security-Policy allows no inline
// script). A job still running asks for its progress every second and moves the bar; when the
// job has ended the page is loaded again to show the download link or the reason.
(function () {
  "use strict";

  var job = document.querySelector("#tugas-ekspor[data-status-url]");
  if (!job || !window.fetch) return;
  var bar = document.getElementById("kemajuan"), note = document.getElementById("keterangan");
  var poll = function () {
    fetch(job.dataset.statusUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && state.finished) { location.reload(); return; }
        if (state && state.text !== job.dataset.text) {
          job.dataset.text = state.text;
          bar.max = state.steps;
          bar.value = state.done;
          note.textContent = state.text;
        }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  };
  setTimeout(poll, 1000);
})();
