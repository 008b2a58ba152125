// Behaviour of every page, bound by data attributes so that no page needs inline script
// (the Content-Security-Policy allows scripts from this site only).
(function () {
  "use strict";
  // <select data-submit-on-change>: choosing an option sends its form (the language choice).
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-submit-on-change]");
    if (field && field.form) field.form.submit();
  });
  // <button data-details="open|close|print">: open or close every <details class="node">,
  // or open them all and print (the performance tree).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-details]");
    if (!button) return;
    var action = button.getAttribute("data-details");
    document.querySelectorAll("details.node").forEach(function (node) {
      node.open = action !== "close";
    });
    if (action === "print") window.print();
  });
  // <sup><a href="#catatan-N">N</a></sup> in the version page's table: a transcription note
  // numbered under the table; pointing at the number shows the note itself.
  document.addEventListener("mouseover", function (event) {
    var link = event.target.closest && event.target.closest("table.cascade sup a[href^='#']");
    if (!link || link.title) return;
    var note = document.getElementById(link.getAttribute("href").slice(1));
    if (note) link.title = note.textContent;
  });
})();
