// The import page and the import job page (a file of this site: the Content-Security-Policy
// allows no inline script).
(function () {
  "use strict";

  // <form data-upload-progress>: upload with a progress bar (a 20 MB workbook takes a while on
  // a slow line), then go where the server sends us: the job page, or this form with its errors.
  var form = document.querySelector("form[data-upload-progress]");
  if (form && window.XMLHttpRequest && window.FormData) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var bar = document.getElementById("kemajuan"), note = document.getElementById("keterangan");
      var xhr = new XMLHttpRequest();
      bar.hidden = false;
      xhr.upload.onprogress = function (e) {
        if (!e.lengthComputable) return;
        bar.value = Math.round(e.loaded / e.total * 100);
        note.textContent = form.dataset.uploading + " " + bar.value + "%";
      };
      xhr.upload.onload = function () {
        bar.removeAttribute("value");
        note.textContent = form.dataset.uploaded;
      };
      xhr.onload = function () {
        if (xhr.status < 400 && xhr.responseURL) { location.href = xhr.responseURL; return; }
        document.open(); document.write(xhr.responseText); document.close();
      };
      xhr.onerror = function () { note.textContent = form.dataset.uploadFailed; };
      xhr.open("POST", form.action || location.href);
      xhr.send(new FormData(form));
    });
  }

  // <div data-status-url>: a job still running asks for its stage every second and moves the
  // bar; when the job has ended the page is loaded again to show the result or the errors.
  var job = document.querySelector("[data-status-url]");
  if (job && window.fetch) {
    var bar = document.getElementById("kemajuan"), note = document.getElementById("keterangan");
    var poll = function () {
      fetch(job.dataset.statusUrl, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
          if (state && state.finished) { location.reload(); return; }
          if (state && state.stage !== job.dataset.stage) {
            job.dataset.stage = state.stage;
            bar.max = state.steps;
            bar.value = state.step;
            note.textContent = state.text;
          }
          setTimeout(poll, 1000);
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    setTimeout(poll, 1000);
  }
})();
