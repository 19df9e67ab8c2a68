// After a booking form comes back with errors, move focus to the summary at its top
// so screen reader and keyboard users hear what to fix and can follow its links.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
