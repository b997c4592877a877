// Small behaviours shared by every page. No inline scripts: the CSP forbids them.
(function () {
  "use strict";
  // Submit a form as soon as its select changes (language switch, filters).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("[data-autosubmit]")) {
      target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
    }
  });
})();
