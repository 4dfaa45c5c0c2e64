// Progressive enhancement for the diary form. Without JavaScript the form
// still works: "None of these today" is also applied on the server.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form) return;

  // After a failed save, start at the list of problems, so that screen reader
  // and keyboard users learn at once that nothing was saved, and why; but
  // urgent guidance, when the answers given raise it, comes before them.
  var first = document.getElementById("guidance") || document.getElementById("error-summary");
  if (first) {
    // The box can be taller than the screen: show its top (the condition and
    // the call buttons), not wherever focus() alone would scroll to.
    first.focus({ preventScroll: true });
    first.scrollIntoView({ block: "start" });
  }

  // "None of these today": answer every yes/no in the section "No" at once.
  form.querySelectorAll(".none-today input[type=checkbox]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (!box.checked) return;
      var section = box.closest("fieldset");
      section.querySelectorAll("input[data-answer=yes-no][value=no]").forEach(function (r) { r.checked = true; });
      section.querySelectorAll("input[name=numbness]").forEach(function (c) { c.checked = c.value === "none"; });
      saveDraft();
    });
  });
  // Answering "yes" in a section unticks its "None of these today".
  form.querySelectorAll("input[data-answer=yes-no][value=yes], input[name=numbness]").forEach(function (input) {
    input.addEventListener("change", function () {
      if (!input.checked || input.value === "none") return;
      var none = input.closest("fieldset").querySelector(".none-today input");
      if (none) none.checked = false;
    });
  });

  // Keep a draft in this browser so an interruption loses nothing. The saved
  // page clears it (clear-draft.js), so a failed or expired submit keeps it.
  var key = form.dataset.draftKey;
  function saveDraft() {
    try {
      var data = {};
      new FormData(form).forEach(function (value, name) {
        if (name === "csrfmiddlewaretoken") return;
        (data[name] = data[name] || []).push(value);
      });
      localStorage.setItem(key, JSON.stringify(data));
    } catch (e) { /* private browsing: drafts are a convenience only */ }
  }
  function restoreDraft() {
    var raw;
    try { raw = localStorage.getItem(key); } catch (e) { return; }
    if (!raw || form.querySelector(".is-invalid")) return;
    var data = JSON.parse(raw);
    Object.keys(data).forEach(function (name) {
      form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
        if (el.type === "radio" || el.type === "checkbox") {
          el.checked = data[name].indexOf(el.value) !== -1;
        } else {
          el.value = data[name][0];
        }
      });
    });
    var note = document.createElement("p");
    note.className = "alert alert-info";
    note.setAttribute("role", "status");
    note.textContent = "We have put back the answers you had not saved yet.";
    form.parentNode.insertBefore(note, form);
  }
  restoreDraft();
  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);
})();
