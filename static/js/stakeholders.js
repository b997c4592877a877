// Stakeholder groups: small conveniences on top of htmx. Every page works without them.
(function () {
  "use strict";
  // "Close" in a group's editing panel: empty the panel instead of reloading the page.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-close-panel]");
    if (!link) { return; }
    var panel = link.closest("[id^='manage-']");
    if (panel) {
      event.preventDefault();
      panel.innerHTML = "";
    }
  });
  // After the tree is swapped in, bring keyboard focus back to it so that screen readers hear the message.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    var tree = document.getElementById("group-tree");
    // The target of an outerHTML swap is the element replaced; its id still tells what was swapped.
    if (target && target.id === "group-tree" && tree) {
      tree.setAttribute("tabindex", "-1");
      tree.focus({ preventScroll: true });
    }
  });
  // An opened editing panel gets focus on its first field.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id && target.id.indexOf("manage-") === 0) {
      var field = target.querySelector("input:not([type=hidden]), select");
      if (field) { field.focus(); }
    }
  });
})();
