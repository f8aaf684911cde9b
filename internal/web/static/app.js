// recouvre — a little comfort on top of pages that work without it:
// filters that apply as soon as they change, keyboard shortcuts, and rows
// of a table one can walk with j/k and open with Enter.
(function () {
  "use strict";

  // Filters: a select or checkbox marked data-autosubmit submits its form.
  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () {
      if (el.form) el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    });
  });

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
