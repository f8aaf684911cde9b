// recouvre — a little comfort on top of pages that work without it:
// filters (and an import's column mapping) that apply as soon as they
// change, keyboard shortcuts, rows of a table one can walk with j/k and
// open with Enter, and forms that are not sent twice.
(function () {
  "use strict";

  // Filters: a select or checkbox marked data-autosubmit submits its form.
  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () {
      if (el.form) el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    });
  });

  // A text field marked data-enter="id" sends its form with that button
  // on Enter: the form's default button is another one.
  document.querySelectorAll("input[data-enter]").forEach(function (el) {
    el.addEventListener("keydown", function (e) {
      var b = document.getElementById(el.getAttribute("data-enter"));
      if (e.key !== "Enter" || !b) return;
      e.preventDefault();
      b.click();
    });
  });

  // A form marked data-once is sent once: a second click while the page
  // loads would run the import twice. Coming back to the page (the
  // browser's back button) makes it usable again.
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (form.getAttribute("data-sent")) { e.preventDefault(); return; }
      form.setAttribute("data-sent", "1");
      if (e.submitter) e.submitter.setAttribute("aria-busy", "true");
    });
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      form.removeAttribute("data-sent");
      form.querySelectorAll("[aria-busy]").forEach(function (b) { b.removeAttribute("aria-busy"); });
    });
  });

  // « Tout sélectionner »: a checkbox marked data-select-all="name",
  // hidden without a script (the « Approuver tout » button does the same),
  // ticks every box of that name in its form.
  document.querySelectorAll("input[data-select-all]").forEach(function (all) {
    var name = all.getAttribute("data-select-all");
    all.hidden = false;
    all.addEventListener("change", function () {
      all.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (b) { b.checked = all.checked; });
    });
  });

  // The scenario editor: a step's template select offers the templates
  // of its channel only, when the channel changes (the server checks).
  var stepTable = document.querySelector("table[data-templates]");
  if (stepTable) {
    var byChannel = {};
    try { byChannel = JSON.parse(stepTable.getAttribute("data-templates")); } catch (e) { byChannel = {}; }
    stepTable.querySelectorAll("select[data-channel-for]").forEach(function (ch) {
      ch.addEventListener("change", function () {
        var sel = document.getElementById(ch.getAttribute("data-channel-for"));
        if (!sel || !byChannel[ch.value]) return;
        var keep = sel.value;
        sel.textContent = "";
        byChannel[ch.value].forEach(function (t) {
          var o = document.createElement("option");
          o.value = t[0];
          o.textContent = t[1];
          o.selected = t[0] === keep;
          sel.appendChild(o);
        });
      });
    });
  }

  // The template editor: the preview follows the words typed, a moment
  // after the last key (the « Aperçu » button does it without a script).
  var live = document.querySelector("form[data-live-preview]");
  var pane = document.getElementById("preview");
  if (live && pane && window.fetch && window.URLSearchParams && window.FormData) {
    var timer = null, seq = 0;
    var refresh = function () {
      var n = ++seq;
      var body = new URLSearchParams(new FormData(live));
      body.delete("op");
      var open = !!pane.querySelector("details[open]");
      fetch(live.getAttribute("data-live-preview"), { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null || n !== seq) return;
          pane.innerHTML = html;
          var d = pane.querySelector("details");
          if (open && d) d.open = true;
        })
        .catch(function () {});
    };
    var later = function (ms) { return function () { clearTimeout(timer); timer = setTimeout(refresh, ms); }; };
    live.addEventListener("input", later(500));
    live.addEventListener("change", later(50));
  }

  function typing(e) {
    var t = e.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  // Rows: j/k (or ↓/↑ once a row has focus) move between the rows of the
  // first table marked data-rows; Enter follows the row's first link.
  var rows = [];
  var table = document.querySelector("table[data-rows]");
  if (table) {
    rows = Array.prototype.slice.call(table.tBodies[0] ? table.tBodies[0].rows : []);
    rows.forEach(function (row) {
      var link = row.querySelector("a[href]");
      if (!link) return;
      row.tabIndex = -1;
      row.classList.add("clickable");
      row.addEventListener("click", function (e) {
        if (e.target.closest("a, button, input, select") || window.getSelection().toString()) return;
        if (e.ctrlKey || e.metaKey) { window.open(link.href, "_blank"); return; }
        window.location.href = link.href;
      });
    });
  }

  function moveRow(step) {
    if (!rows.length) return;
    var i = rows.indexOf(document.activeElement);
    var next = i < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, i + step));
    rows[next].focus();
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) {
      if (e.key === "Escape" && typing(e)) e.target.blur();
      return;
    }
    var inRow = rows.indexOf(document.activeElement) >= 0;
    switch (e.key) {
      case "/":
        var search = document.querySelector("[data-focus-key='/']");
        if (search) { e.preventDefault(); search.focus(); search.select(); }
        return;
      case "j": moveRow(1); return;
      case "k": moveRow(-1); return;
      case "ArrowDown": if (inRow) { e.preventDefault(); moveRow(1); } return;
      case "ArrowUp": if (inRow) { e.preventDefault(); moveRow(-1); } return;
      case "Enter":
        if (inRow) {
          var link = document.activeElement.querySelector("a[href]");
          if (link) { e.preventDefault(); window.location.href = link.href; }
        }
        return;
      case "g":
        var home = document.querySelector("a[data-key='p']");
        if (home) window.location.href = home.href;
        return;
    }
    var pager = document.querySelector("a[data-key='" + e.key + "']");
    if (pager && (e.key === "ArrowLeft" || e.key === "ArrowRight")) window.location.href = pager.href;
  });
})();
