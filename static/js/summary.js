// Summary, minutes and action items: small behaviours, no inline scripts (the CSP forbids them).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-print]") : null;
    if (target) {
      event.preventDefault();
      window.print();
    }
  });
  // Copy "their" text into the textarea when the user chooses to start the merge from it.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy-into]") : null;
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy-from"));
    var field = document.getElementById(button.getAttribute("data-copy-into"));
    if (source && field) {
      field.value = source.textContent;
      field.focus();
    }
  });
})();
