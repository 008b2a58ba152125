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
})();
