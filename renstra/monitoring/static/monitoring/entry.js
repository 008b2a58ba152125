/* The realization grid (monitoring/entry.html): each <tr data-row-save> is saved by htmx when a
 * cell is left (hx-trigger="change") and swapped for the row the server sends back.
 *
 * - A conflict (409: someone changed a cell since it was shown) answers with the row showing
 *   both values and the typed one still in its cell; htmx swaps only 2xx answers by default, so
 *   this one is let in too.
 * - What is typed into a row while its save is on its way would be lost when the answer
 *   replaces the row (and the second save, queued on the old row, is dropped with it): it is
 *   put back into the new row and saved then, with the new row's tokens.
 */
(function () {
  "use strict";

  var ROW = "tr[data-row-save]";
  var sent = {}; // row id -> {input name: value} as posted
  var later = {}; // row id -> {input name: value} typed while the save was on its way

  function isRow(el) {
    return el && el.matches && el.matches(ROW);
  }

  function valuesOf(row) {
    var values = {};
    row.querySelectorAll("input[name]:not([type=hidden])").forEach(function (input) {
      values[input.name] = input.value;
    });
    return values;
  }

  document.addEventListener("htmx:configRequest", function (e) {
    if (isRow(e.detail.elt)) sent[e.detail.elt.id] = valuesOf(e.detail.elt);
  });

  document.addEventListener("htmx:beforeSwap", function (e) {
    var row = e.detail.elt;
    if (!isRow(row)) return;
    if (e.detail.xhr.status === 409) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
    if (!e.detail.shouldSwap) return;
    var before = sent[row.id] || {};
    var now = valuesOf(row);
    var typed = {};
    var any = false;
    Object.keys(now).forEach(function (name) {
      if (now[name] !== before[name]) {
        typed[name] = now[name];
        any = true;
      }
    });
    delete sent[row.id];
    if (any) later[row.id] = typed;
  });

  document.addEventListener("htmx:load", function (e) {
    var row = e.detail.elt;
    if (!isRow(row) || !later[row.id]) return;
    var typed = later[row.id];
    delete later[row.id];
    var changed = null;
    Object.keys(typed).forEach(function (name) {
      var input = row.querySelector('input[name="' + name + '"]');
      if (input && input.value !== typed[name]) {
        input.value = typed[name];
        changed = input;
      }
    });
    if (changed) changed.dispatchEvent(new Event("change", { bubbles: true }));
  });

  document.addEventListener("htmx:responseError", function (e) {
    if (!isRow(e.detail.elt)) return;
    var cell = e.detail.elt.querySelector("td");
    if (cell) cell.setAttribute("title", "Baris belum tersimpan: server menjawab " + e.detail.xhr.status);
    e.detail.elt.classList.add("has-unsaved");
  });
})();
