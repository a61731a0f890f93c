// Sortable comparison table: each column header becomes a button; aria-sort tells
// screen readers the order. Without JavaScript the table keeps its built order.
(function () {
  "use strict";
  var table = document.getElementById("compare-table");
  if (!table) return;
  var heads = table.querySelectorAll("thead th");
  var body = table.tBodies[0];
  function value(row, i, type) {
    var cell = row.children[i];
    var v = cell.getAttribute("data-v");
    if (v === null) v = cell.textContent.trim();
    return type === "number" ? parseFloat(v) || 0 : v;
  }
  heads.forEach(function (th, i) {
    var type = th.getAttribute("data-type") || "text";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a, i, type), y = value(b, i, type);
        var c = type === "number" ? x - y : String(x).localeCompare(String(y), "ja");
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
