/* Grid target dan pendanaan: spreadsheet keys, paste from Excel, marks for unsaved rows.
 *
 * Each row of the grid is a <tbody class="grid-row-group"> with hx-post and
 * hx-trigger="grid-save"; this file only moves the focus, fills inputs and triggers that event.
 * htmx swaps the row the server sends back (saved, refused with a per-cell error, or in
 * conflict). No framework; everything is delegated on the document, so swapped rows need no
 * setup.
 */
(function () {
  "use strict";

  var ROW = "tbody.grid-row-group";
  var CELL = "input.grid-cell";
  // Rows whose save is in flight and whose inputs were changed meanwhile: {row id: {name: value}}
  // and whether they must be saved again once the answer is in.
  var pending = {};

  function toArray(list) {
    return Array.prototype.slice.call(list);
  }

  function isCell(el) {
    return el && el.matches && el.matches(CELL);
  }

  function rowOf(el) {
    return el.closest(ROW);
  }

  function cellsOf(row) {
    return toArray(row.querySelectorAll(CELL));
  }

  function editableRows() {
    return toArray(document.querySelectorAll(ROW)).filter(function (row) {
      return row.querySelector(CELL) !== null;
    });
  }

  function valuesOf(row) {
    var values = {};
    cellsOf(row).forEach(function (input) {
      values[input.name] = input.value;
    });
    return values;
  }

  // --- marks ------------------------------------------------------------------------------------

  function refresh(row) {
    var dirty = false;
    cellsOf(row).forEach(function (input) {
      var changed = input.value !== input.getAttribute("data-stored");
      input.classList.toggle("is-changed", changed);
      dirty = dirty || changed;
    });
    row.classList.toggle("is-dirty", dirty);
    return dirty;
  }

  function anyDirty() {
    return document.querySelector(ROW + ".is-dirty") !== null;
  }

  function say(text) {
    var box = document.getElementById("grid-message");
    if (!box) return;
    box.textContent = "";
    if (!text) return;
    var p = document.createElement("p");
    p.className = "grid-error";
    p.setAttribute("role", "alert");
    p.textContent = text;
    box.appendChild(p);
  }

  // --- saving -----------------------------------------------------------------------------------

  function save(row) {
    if (row.classList.contains("htmx-request")) {
      // Its previous save is still on its way; saving now would send the old token and meet
      // our own change as a conflict. Save again when the answer (with the new token) is in.
      pending[row.id] = pending[row.id] || { values: {}, save: false };
      pending[row.id].save = true;
      return;
    }
    htmx.trigger(row, "grid-save");
  }

  document.addEventListener("htmx:configRequest", function (e) {
    var row = e.detail.elt;
    if (row.matches && row.matches(ROW)) row._gridSent = valuesOf(row);
  });

  document.addEventListener("htmx:beforeSwap", function (e) {
    var status = e.detail.xhr.status;
    // A conflict (409), a refused cell (422) and a refusal (403) carry a message to show.
    if (status === 409 || status === 422 || status === 403) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
    var row = e.detail.elt;
    if (!row.matches || !row.matches(ROW) || status === 403 || !e.detail.shouldSwap) return;
    if (status === 200) say("");
    // Keep what was typed into the row while its save was on its way.
    var sent = row._gridSent || {};
    var now = valuesOf(row);
    var later = pending[row.id] || { values: {}, save: false };
    Object.keys(now).forEach(function (name) {
      if (now[name] !== sent[name]) later.values[name] = now[name];
    });
    if (status !== 200) later.save = false;  // a conflict or an error needs the person first
    if (Object.keys(later.values).length || later.save) pending[row.id] = later;
  });

  document.addEventListener("htmx:load", function (e) {
    var row = e.detail.elt;
    if (!row || !row.matches || !row.matches(ROW) || !pending[row.id]) return;
    var later = pending[row.id];
    delete pending[row.id];
    cellsOf(row).forEach(function (input) {
      if (Object.prototype.hasOwnProperty.call(later.values, input.name)) {
        input.value = later.values[input.name];
      }
    });
    if (refresh(row) && later.save) save(row);
  });

  document.addEventListener("htmx:responseError", function (e) {
    if (!e.detail.elt.matches || !e.detail.elt.matches(ROW)) return;
    say(
      "Baris belum tersimpan: server menjawab dengan kode " + e.detail.xhr.status +
        ". Muat ulang halaman, lalu isi dan simpan lagi."
    );
  });

  document.addEventListener("htmx:sendError", function (e) {
    if (!e.detail.elt.matches || !e.detail.elt.matches(ROW)) return;
    say("Baris belum tersimpan: server tidak dapat dihubungi. Periksa jaringan, lalu tekan Enter lagi.");
  });

  // --- keys -------------------------------------------------------------------------------------

  function focusCell(input) {
    if (!input) return false;
    input.focus();
    input.select();
    return true;
  }

  function vertical(row, column, step) {
    var rows = editableRows();
    var next = rows[rows.indexOf(row) + step];
    return next ? cellsOf(next)[column] || null : null;
  }

  document.addEventListener("keydown", function (e) {
    var input = e.target;
    if (!isCell(input) || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.isComposing) return;
    var row = rowOf(input);
    var cells = cellsOf(row);
    var column = cells.indexOf(input);
    var start = input.selectionStart;
    var end = input.selectionEnd;
    var moved = false;
    switch (e.key) {
      case "ArrowUp":
        moved = focusCell(vertical(row, column, -1));
        break;
      case "ArrowDown":
        moved = focusCell(vertical(row, column, 1));
        break;
      case "ArrowLeft":
        if (start === 0 && end === 0) moved = focusCell(cells[column - 1]);
        break;
      case "ArrowRight":
        if (start === input.value.length && end === input.value.length) {
          moved = focusCell(cells[column + 1]);
        }
        break;
      case "Enter":
        e.preventDefault();
        if (refresh(row)) save(row);
        focusCell(vertical(row, column, 1));
        return;
      default:
        return;
    }
    if (moved) e.preventDefault();
  });

  document.addEventListener("input", function (e) {
    if (isCell(e.target)) refresh(rowOf(e.target));
  });

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button.grid-save, button.grid-resave, button.grid-reload");
    if (!button) return;
    var row = rowOf(button);
    if (button.classList.contains("grid-reload")) {
      // Take the stored values the server sent with the conflict; the row's token is already
      // the current one, so the row is clean again.
      cellsOf(row).forEach(function (input) {
        input.value = input.getAttribute("data-stored");
      });
      var conflict = row.querySelector("tr.grid-conflict");
      if (conflict) conflict.remove();
      row.classList.remove("outcome-conflict");
      refresh(row);
      focusCell(cellsOf(row)[0]);
      return;
    }
    save(row);
  });

  // --- paste from Excel -------------------------------------------------------------------------

  // Excel and LibreOffice copy cells as tab-separated lines; a cell holding a tab, a line break
  // or a quote is quoted, with quotes doubled.
  function parseClipboard(text) {
    var rows = [];
    var row = [];
    var cell = "";
    var quoted = false;
    text = text.replace(/\r\n?/g, "\n");
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (quoted) {
        if (ch === '"' && text.charAt(i + 1) === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') {
          quoted = false;
        } else {
          cell += ch;
        }
      } else if (ch === '"' && cell === "") {
        quoted = true;
      } else if (ch === "\t") {
        row.push(cell);
        cell = "";
      } else if (ch === "\n") {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = "";
      } else {
        cell += ch;
      }
    }
    if (cell !== "" || row.length) {
      row.push(cell);
      rows.push(row);
    }
    return rows;
  }

  document.addEventListener("paste", function (e) {
    var input = e.target;
    if (!isCell(input)) return;
    var clipboard = e.clipboardData || window.clipboardData;
    var text = clipboard ? clipboard.getData("text") : "";
    if (!/[\t\n\r]/.test(text)) return;  // one plain value: the browser pastes it
    e.preventDefault();
    var rows = editableRows();
    var first = rows.indexOf(rowOf(input));
    var column = cellsOf(rowOf(input)).indexOf(input);
    parseClipboard(text).forEach(function (values, offset) {
      var row = rows[first + offset];
      if (!row) return;
      var cells = cellsOf(row);
      values.forEach(function (value, i) {
        var target = cells[column + i];
        if (target) target.value = value.replace(/\s*\n\s*/g, " ").trim();
      });
      refresh(row);
    });
  });

  window.addEventListener("beforeunload", function (e) {
    if (!anyDirty()) return;
    e.preventDefault();
    e.returnValue = "";  // browsers show their own text: "changes you made may not be saved"
  });
})();
