// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Forms marked data-submit-once ignore a second press of the button, so a
  // resident who double-clicks sends one request. The server refuses
  // duplicates on its own as well (a one-time form token or a unique rule).
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.submitted === "true") {
        event.preventDefault();
        return;
      }
      form.dataset.submitted = "true";
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.setAttribute("aria-disabled", "true");
        button.classList.add("is-submitting");
      });
    });
  });

  // Buttons marked data-print open the browser's print dialog.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
