// The HTML report's script: sorts, filters and pages long tables, and opens the
// folded evidence a link points into. Everything it shows is already in the HTML;
// PAGE (rows per page) is defined just before this file.
(function () {
  "use strict";
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function sortKey(cell) {
    return cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
  }

  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a && String(y) === b) { return x - y; }
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  // One table with data-pageable: its controls and pager are found by data-for.
  function Table(table) {
    var self = this;
    this.body = table.tBodies[0];
    this.rows = Array.prototype.slice.call(this.body.rows);
    this.matched = this.rows;
    this.page = 0;
    this.touched = false; // rows keep their server-side "later" class until first use
    this.controls = document.querySelector('.controls[data-for="' + table.id + '"]');
    this.pager = document.querySelector('.pager[data-for="' + table.id + '"]');
    if (this.controls) {
      this.controls.hidden = false;
      each(this.controls.querySelectorAll("[data-filter]"), function (el) {
        el.addEventListener("input", function () { self.page = 0; self.filter(); });
      });
    }
    each(table.tHead.rows[0].cells, function (th, col) {
      if (!th.hasAttribute("data-sortable")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () { self.sort(th, col); });
    });
    if (this.pager) {
      this.pager.hidden = false;
      this.prev = this.pager.querySelector("[data-prev]");
      this.next = this.pager.querySelector("[data-next]");
      this.status = this.pager.querySelector("[data-status]");
      this.prev.addEventListener("click", function () { self.go(self.page - 1); });
      this.next.addEventListener("click", function () { self.go(self.page + 1); });
      this.updatePager();
    }
  }

  Table.prototype.filter = function () {
    var tests = [];
    if (this.controls) {
      each(this.controls.querySelectorAll("[data-filter]"), function (el) {
        var wanted = el.value.trim().toLowerCase(), key = el.getAttribute("data-filter");
        if (!wanted) { return; }
        tests.push(key === "text"
          ? function (row) { return row.textContent.toLowerCase().indexOf(wanted) >= 0; }
          : function (row) { return (row.getAttribute("data-" + key) || "").toLowerCase() === wanted; });
      });
    }
    this.matched = this.rows.filter(function (row) {
      return tests.every(function (test) { return test(row); });
    });
    this.show();
  };

  Table.prototype.sort = function (th, col) {
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var sign = dir === "ascending" ? 1 : -1;
    each(th.parentNode.cells, function (cell) {
      if (cell.hasAttribute("data-sortable")) { cell.setAttribute("aria-sort", "none"); }
    });
    th.setAttribute("aria-sort", dir);
    var keyed = this.rows.map(function (row, i) { return [sortKey(row.cells[col]), i, row]; });
    keyed.sort(function (a, b) { return sign * compare(a[0], b[0]) || a[1] - b[1]; });
    this.rows = keyed.map(function (k) { return k[2]; });
    var fragment = document.createDocumentFragment();
    this.rows.forEach(function (row) { fragment.appendChild(row); });
    this.body.appendChild(fragment);
    this.page = 0;
    this.filter();
  };

  Table.prototype.show = function () {
    var start = this.page * PAGE, end = start + PAGE, matched = new Set(this.matched);
    if (!this.touched) {
      this.rows.forEach(function (row) { row.classList.remove("later"); });
      this.touched = true;
    }
    this.rows.forEach(function (row) { if (!matched.has(row)) { row.hidden = true; } });
    this.matched.forEach(function (row, i) { row.hidden = i < start || i >= end; });
    this.updatePager();
  };

  Table.prototype.go = function (page) {
    var last = Math.max(0, Math.ceil(this.matched.length / PAGE) - 1);
    this.page = Math.min(Math.max(page, 0), last);
    this.show();
  };

  Table.prototype.updatePager = function () {
    if (!this.pager) { return; }
    var n = this.matched.length, start = this.page * PAGE;
    this.status.textContent = n
      ? "Rows " + (start + 1) + "\u2013" + Math.min(n, start + PAGE) + " of " + n
      : "No rows match";
    this.prev.disabled = this.page === 0;
    this.next.disabled = start + PAGE >= n;
  };

  // Show the page holding `row`, clearing the filters if they hide it.
  Table.prototype.reveal = function (row) {
    var i = this.matched.indexOf(row);
    if (i < 0) {
      if (this.controls) {
        each(this.controls.querySelectorAll("[data-filter]"), function (el) { el.value = ""; });
      }
      this.matched = this.rows;
      i = this.rows.indexOf(row);
    }
    this.page = Math.floor(i / PAGE);
    this.show();
  };

  var tables = [];
  each(document.querySelectorAll("table[data-pageable]"), function (table) {
    tables.push(new Table(table));
  });

  // A link to a row on another page, or into folded evidence: show it, open it.
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    var row = target.closest("tr");
    if (row && (row.hidden || row.classList.contains("later"))) {
      tables.forEach(function (t) { if (t.rows.indexOf(row) >= 0) { t.reveal(row); } });
    }
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    var details = row && row.querySelector("details");
    if (details) { details.open = true; }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", follow);
  follow();

  // Print what is folded too (rows on every page are printed by the style sheet).
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // Milliseconds from navigation to a working page: read by the tests and benchmarks.
  document.documentElement.setAttribute("data-ready", String(Math.round(performance.now())));
})();
