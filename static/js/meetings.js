// Live capture and the projector (templates/meetings/capture/). No inline scripts: the CSP forbids them.
// Everything here is an enhancement: with JavaScript off the pages post forms and reload.
(function () {
  "use strict";

  // --- placing point rows ----------------------------------------------------
  // The capture page's polls and actions send rows into the hidden #points-inbox;
  // each row says its question and order, and is put (or replaced) in its place.

  function sortKey(row) {
    return [Number(row.getAttribute("data-order")), Number(row.getAttribute("data-point"))];
  }

  function comesBefore(a, b) {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  }

  function insertSorted(list, row) {
    var key = sortKey(row);
    var rows = list.querySelectorAll(":scope > [data-point]");
    for (var i = 0; i < rows.length; i++) {
      if (rows[i] !== row && comesBefore(key, sortKey(rows[i]))) {
        list.insertBefore(row, rows[i]);
        return;
      }
    }
    list.insertBefore(row, list.querySelector(":scope > .point-list-empty"));
  }

  function placeRow(row) {
    var pk = row.getAttribute("data-point");
    var existing = null;
    document.querySelectorAll('.point-list > [data-point="' + pk + '"]').forEach(function (element) {
      if (element !== row) {
        existing = element;
      }
    });
    if (row.hasAttribute("data-deleted")) {
      // Someone deleted it; keep the local "undo" row if this page deleted it.
      if (existing && !existing.classList.contains("point-undo")) {
        existing.remove();
      }
      row.remove();
      return;
    }
    if (existing && existing.classList.contains("point-editing")) {
      existing.classList.add("point-changed-elsewhere");
      row.remove();
      return;
    }
    var list = document.getElementById("points-" + row.getAttribute("data-question"));
    if (!list) {
      row.remove();
      var notice = document.getElementById("points-reload");
      if (notice) {
        notice.hidden = false;
      }
      return;
    }
    var focused = existing && existing.contains(document.activeElement) ? document.activeElement : null;
    var action = focused ? focused.getAttribute("data-action") : null;
    if (existing) {
      existing.remove();
    } else {
      row.classList.add("point-new");
    }
    insertSorted(list, row);
    if (action) {
      var again = row.querySelector('[data-action="' + action + '"]');
      if (again) {
        again.focus();
      }
    }
  }

  function drainInbox() {
    var inbox = document.getElementById("points-inbox");
    if (!inbox) {
      return;
    }
    Array.prototype.slice.call(inbox.querySelectorAll(":scope > [data-point]")).forEach(placeRow);
    inbox.textContent = "";
  }

  // A row saved in place with another lead question moves to that question's list.
  function settleRows() {
    document.querySelectorAll(".point-list > [data-point]").forEach(function (row) {
      if (row.parentElement.getAttribute("data-question") !== row.getAttribute("data-question")) {
        var list = document.getElementById("points-" + row.getAttribute("data-question"));
        if (list) {
          insertSorted(list, row);
        }
      }
    });
  }

  // --- row buttons -----------------------------------------------------------------
  // One listener for the whole list; without JavaScript the buttons post #row-actions
  // and the edit link opens the point's edit page.

  var refocus = null; // after a row's answer: the point and the button to put the focus back on

  document.addEventListener("click", function (event) {
    var control = event.target.closest ? event.target.closest(".point-list [data-action]") : null;
    if (!control || !window.htmx) {
      return;
    }
    var row = control.closest("[data-point]");
    var action = control.getAttribute("data-action");
    var url = control.getAttribute("formaction") || control.getAttribute("href");
    event.preventDefault();
    refocus = { point: row.getAttribute("data-point"), action: action === "up" || action === "down" ? action : "edit" };
    if (action === "edit") {
      htmx.ajax("GET", url, { source: control, target: row, swap: "outerHTML" });
    } else if (action === "cancel") {
      htmx.ajax("GET", control.getAttribute("data-cancel"), { source: control, target: row, swap: "outerHTML" });
    } else if (action === "up" || action === "down") {
      htmx.ajax("POST", url, { source: control, target: "#points-inbox", swap: "innerHTML", values: { direction: action } });
    } else if (action === "delete" || action === "restore") {
      refocus = action === "restore" ? refocus : null; // the undo button has autofocus
      htmx.ajax("POST", url, { source: control, target: row, swap: "outerHTML" });
    }
  });

  function restoreFocus() {
    if (!refocus || (document.activeElement && document.activeElement !== document.body)) {
      return;
    }
    var button = document.querySelector(
      '.point-list > [data-point="' + refocus.point + '"] [data-action="' + refocus.action + '"]'
    );
    if (button) {
      button.focus();
    }
    refocus = null;
  }

  // --- the capture form --------------------------------------------------------

  var captureForm = document.getElementById("capture-form");
  var sentText = null; // the text of the point being saved
  var typedText = null; // the text box when the answer arrived (the note-taker may have typed on)

  function textBox(form) {
    return form.querySelector("textarea[name=text]");
  }

  function focusText(form) {
    var text = textBox(form);
    if (text) {
      text.focus();
      text.setSelectionRange(text.value.length, text.value.length);
    }
  }

  function afterCaptureAnswer(form) {
    var text = textBox(form);
    var invalid = form.querySelector(".is-invalid");
    var typedOn = text && typedText !== null && sentText !== null && typedText !== sentText;
    if (invalid) {
      if (typedOn) {
        text.value = typedText;
      }
      invalid.focus();
    } else if (text) {
      if (typedOn) {
        // Keep what was typed after pressing Enter: it is the start of the next point.
        text.value = typedText.indexOf(sentText) === 0 ? typedText.slice(sentText.length).replace(/^\s+/, "") : typedText;
      }
      focusText(form);
    }
    sentText = typedText = null;
  }

  function setSelect(form, name, value) {
    var select = form.querySelector('select[name="' + name + '"]');
    if (select && value !== null) {
      select.value = value;
    }
  }

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.id === "capture-form") {
      var text = textBox(elt);
      sentText = text ? text.value : null;
    } else if (elt && elt.closest && elt.closest(".point-editing")) {
      refocus = { point: elt.closest("[data-point]").getAttribute("data-point"), action: "edit" };
    }
  });

  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "capture-form") {
      var text = textBox(event.detail.target);
      typedText = text ? text.value : null;
    }
  });

  document.body.addEventListener("htmx:afterSettle", function () {
    drainInbox();
    settleRows();
    restoreFocus();
    var form = document.getElementById("capture-form");
    if (form && form !== captureForm) {
      captureForm = form;
      afterCaptureAnswer(form);
    }
  });

  // Saved: the form stays as it is (agency, question and kind kept); only the text is cleared,
  // keeping whatever was typed after pressing Enter, and the focus goes back to it.
  document.body.addEventListener("point-captured", function () {
    var form = document.getElementById("capture-form");
    var text = form ? textBox(form) : null;
    if (text) {
      var typed = text.value;
      if (sentText !== null && typed.indexOf(sentText) === 0) {
        text.value = typed.slice(sentText.length).replace(/^\s+/, "");
      }
      focusText(form);
    }
    sentText = null;
  });

  // A coverage cell chooses its agency and question for the next point.
  document.addEventListener("click", function (event) {
    var pick = event.target.closest ? event.target.closest("a.coverage-pick") : null;
    var form = document.getElementById("capture-form");
    if (!pick || !form) {
      return;
    }
    event.preventDefault();
    setSelect(form, "agency", pick.getAttribute("data-agency"));
    setSelect(form, "lead_question", pick.getAttribute("data-question"));
    focusText(form);
  });

  // --- keyboard ------------------------------------------------------------------
  // event.code, not event.key: with the Thai layout on, Alt+1 gives "ๅ" as its key.

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var form;
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && target.matches("textarea[data-enter-submits]")) {
      event.preventDefault();
      form = target.form;
      if (form && !form.classList.contains("htmx-request")) {
        form.requestSubmit ? form.requestSubmit() : form.submit();
      }
      return;
    }
    if (event.key === "Escape" && target.closest) {
      var editing = target.closest(".point-editing");
      var cancel = editing ? editing.querySelector('[data-action="cancel"]') : null;
      if (cancel) {
        event.preventDefault();
        cancel.click();
      }
      return;
    }
    form = document.getElementById("capture-form");
    if (!form || !event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
    if (digit) {
      var kind = form.querySelector('[data-kind-shortcut="' + digit[1] + '"]');
      if (kind) {
        event.preventDefault();
        kind.checked = true;
      }
      return;
    }
    var field = form.querySelector('[data-shortcut="' + event.code + '"]');
    if (field) {
      event.preventDefault();
      field.focus();
    }
  });

  // --- the projector -----------------------------------------------------------------

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen();
    }
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-fullscreen]")) {
      toggleFullscreen();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (!document.body.classList.contains("projector-page") || event.target.matches("input, select, textarea")) {
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (event.code === "KeyF") {
      toggleFullscreen();
      return;
    }
    var link = document.querySelector('[data-key="' + event.key + '"]');
    if (link) {
      link.click();
    }
  });

  // The capture page opened with an error (JavaScript path or not): start at the field to fix.
  if (captureForm) {
    var invalid = captureForm.querySelector(".is-invalid");
    if (invalid) {
      invalid.focus();
    }
  }
})();
