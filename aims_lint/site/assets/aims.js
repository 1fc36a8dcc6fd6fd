// aims-lint site: filter the tables that follow a `.aims-filter` box (the SoA, the register).
// A text box matches any cell; one drop-down per column named in data-columns matches a cell
// exactly. Values are read with textContent and written with Option(), never as HTML.
(function () {
  "use strict";

  function headerIndex(table, name) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return -1;
    for (var i = 0; i < head.cells.length; i++) {
      if (head.cells[i].textContent.trim() === name) return i;
    }
    return -1;
  }

  function bodyRows(table) {
    return table.tBodies.length ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  }

  function cellText(row, index) {
    var cell = index >= 0 ? row.cells[index] : null;
    return cell ? cell.textContent.trim() : "";
  }

  function followingTables(box) {
    var scope = box.closest("article") || document.body;
    return Array.prototype.filter.call(scope.querySelectorAll("table"), function (table) {
      return box.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
  }

  function makeSelect(name, tables) {
    var values = {};
    tables.forEach(function (table) {
      var index = headerIndex(table, name);
      bodyRows(table).forEach(function (row) { if (index >= 0) values[cellText(row, index)] = true; });
    });
    var names = Object.keys(values).sort();
    if (!names.length) return null;
    var select = document.createElement("select");
    select.setAttribute("aria-label", "Filter by " + name);
    select.dataset.column = name;
    select.add(new Option(name + ": all", ""));
    names.forEach(function (value) { select.add(new Option(value || "(empty)", value)); });
    return select;
  }

  function setup(box) {
    var tables = followingTables(box);
    if (!tables.length) return;
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Filter rows";
    input.setAttribute("aria-label", "Filter rows");
    box.appendChild(input);
    var selects = (box.dataset.columns || "").split(",").map(function (s) { return s.trim(); })
      .filter(Boolean).map(function (name) { return makeSelect(name, tables); }).filter(Boolean);
    selects.forEach(function (select) { box.appendChild(select); });
    var count = document.createElement("span");
    count.className = "aims-filter__count";
    box.appendChild(count);

    function apply() {
      var needle = input.value.trim().toLowerCase();
      var shown = 0, total = 0;
      tables.forEach(function (table) {
        bodyRows(table).forEach(function (row) {
          var ok = !needle || row.textContent.toLowerCase().indexOf(needle) >= 0;
          selects.forEach(function (select) {
            if (ok && select.value) ok = cellText(row, headerIndex(table, select.dataset.column)) === select.value;
          });
          row.hidden = !ok;
          total += 1;
          if (ok) shown += 1;
        });
      });
      count.textContent = shown + " of " + total + " rows";
    }

    input.addEventListener("input", apply);
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll(".aims-filter"), setup);
})();
