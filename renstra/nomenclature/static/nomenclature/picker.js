// Picker of nomenclature codes, bound by data attributes (no inline script: the
// Content-Security-Policy allows scripts from this site only).
//
// <input data-nomenclature="/nomenklatur/cari/?tingkat=…" list="ID">: as a person types a code
// ("5.03.01.2") or words of a name ("administrasi kepegawaian"), the <datalist id="ID"> is filled
// with the matching codes of the nomenclature (value: the code, label: its name). Choosing one
// puts its code in the field and its name in the form's [data-nomenclature-name] field, unless
// the person has written a name of their own there.
(function () {
  "use strict";
  var WAIT_MS = 200;

  function datalistFor(input) {
    var id = input.getAttribute("list");
    var list = document.getElementById(id);
    if (!list) {
      list = document.createElement("datalist");
      list.id = id;
      input.parentNode.insertBefore(list, input.nextSibling);
    }
    return list;
  }

  function fill(input, results) {
    var list = datalistFor(input);
    input._nomenclature = {};
    list.textContent = "";
    results.forEach(function (entry) {
      var option = document.createElement("option");
      option.value = entry.code;
      option.label = entry.name;
      option.textContent = entry.name;
      list.appendChild(option);
      input._nomenclature[entry.code] = entry.name;
    });
  }

  function takeName(input, name) {
    var field = input.form && input.form.querySelector("[data-nomenclature-name]");
    if (!field) return;
    var ours = field.getAttribute("data-nomenclature-filled");
    if (field.value.trim() === "" || field.value === ours) {
      field.value = name;
      field.setAttribute("data-nomenclature-filled", name);
    }
  }

  function ask(input) {
    var url = input.getAttribute("data-nomenclature") + "&q=" + encodeURIComponent(input.value);
    var asked = input.value;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : { results: [] };
      })
      .then(function (data) {
        if (input.value === asked) fill(input, data.results || []);
      })
      .catch(function () {
        // No answer (offline, server busy): the field stays a plain text field.
      });
  }

  document.addEventListener("input", function (event) {
    var input = event.target.closest && event.target.closest("input[data-nomenclature]");
    if (!input) return;
    var chosen = input._nomenclature && input._nomenclature[input.value];
    if (chosen !== undefined) {
      takeName(input, chosen);
      return;
    }
    clearTimeout(input._nomenclatureTimer);
    input._nomenclatureTimer = setTimeout(function () {
      ask(input);
    }, WAIT_MS);
  });

  document.addEventListener("focusin", function (event) {
    var input = event.target.closest && event.target.closest("input[data-nomenclature]");
    if (input && !input._nomenclature) ask(input);
  });
})();
