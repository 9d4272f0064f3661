// Progressive enhancement only: every action works without this file.
// After a refused form, move the focus to its error summary so that screen reader and
// keyboard users hear what went wrong first (RGAA 11.10).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }

  // The new wording of a paragraph only serves a rewording proposal: hide it for the other
  // kinds. Without this script it stays visible, its label saying when it is used.
  document.querySelectorAll("[data-rewording-field]").forEach(function (field) {
    var form = field.closest("form");
    function update() {
      var kind = form.querySelector('input[name="kind"]:checked');
      field.hidden = !(kind && kind.value === "rewording");
    }
    form.addEventListener("change", function (event) {
      if (event.target.name === "kind") {
        update();
      }
    });
    update();
  });
});
