// Progressive enhancement only: every action works without this file.
// After a refused form, move the focus to its error summary so that screen reader and
// keyboard users hear what went wrong first (RGAA 11.10).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
});
