/* Every staff page: give the admin's autocomplete boxes (select2) the name of their
   label, so screen readers announce them (select2 points its name at its own, often empty,
   text). Runs after Django's autocomplete.js, and again for inline rows added later. */
(function () {
  "use strict";
  function nameAutocompletes(root) {
    (root || document).querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
      if (!container || !container.classList.contains("select2") || !label) {
        return;
      }
      if (!label.id) {
        label.id = select.id + "_label";
      }
      container.querySelectorAll(".select2-selection, .select2-selection__rendered").forEach(function (node) {
        var ids = (node.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
        if (ids.indexOf(label.id) === -1) {
          node.setAttribute("aria-labelledby", [label.id].concat(ids).join(" "));
        }
      });
    });
  }
  // Tabular inlines put their labels in the table's column headings: give each field the
  // heading's words as its name, and the empty corner heading a name too.
  function nameTabularFields() {
    document.querySelectorAll(".inline-group .tabular table").forEach(function (table) {
      var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("thead th").forEach(function (th) {
        if (!th.textContent.trim() && !th.querySelector(".visually-hidden")) {
          var hidden = document.createElement("span");
          hidden.className = "visually-hidden";
          hidden.textContent = table.dataset.recordLabel || "—";
          th.appendChild(hidden);
        }
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
            var labelled = field.id && document.querySelector('label[for="' + field.id + '"]');
            if (!labelled && !field.getAttribute("aria-label") && headings[index]) {
              field.setAttribute("aria-label", headings[index]);
            }
          });
        });
      });
    });
  }
  // The admin's date-and-time field writes 日付: and 時刻: as plain text: make them the names.
  function nameSplitDateTimes() {
    document.querySelectorAll("p.datetime input").forEach(function (field) {
      if (field.getAttribute("aria-label") || (field.id && document.querySelector('label[for="' + field.id + '"]'))) {
        return;
      }
      var text = field.previousSibling;
      while (text && text.nodeType !== Node.TEXT_NODE) {
        text = text.previousSibling;
      }
      var row = field.closest(".form-row");
      var label = row ? row.querySelector("label") : null;
      var words = [label ? label.textContent : "", text ? text.textContent : ""]
        .map(function (part) { return part.replace(/[:：]\s*$/, "").trim(); })
        .filter(Boolean);
      if (words.length) {
        field.setAttribute("aria-label", words.join(" "));
      }
    });
  }
  // The two-box chooser (filter_horizontal) puts aria-label on a bare <span> icon: say it is an image.
  function nameFilterIcons() {
    document.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }
  // select2 builds its boxes after jQuery's ready (asynchronously) and for each new inline row:
  // name them whenever one appears.
  var pending = false;
  function soon() {
    if (pending) {
      return;
    }
    pending = true;
    window.setTimeout(function () {
      pending = false;
      nameAutocompletes();
      nameTabularFields();
      nameSplitDateTimes();
      nameFilterIcons();
    }, 0);
  }
  document.addEventListener("DOMContentLoaded", function () {
    nameAutocompletes();
    nameTabularFields();
    nameSplitDateTimes();
    nameFilterIcons();
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  });
})();
