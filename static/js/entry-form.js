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
  // A draft remembers which saved state of the day it began over ("base", the
  // page's loaded_version): it is never put back over an entry saved after it
  // began (e.g. by a nurse after a phone call), only offered for comparison.
  var key = form.dataset.draftKey;
  var pageVersion = form.dataset.loadedVersion || "";
  var SKIP = ["csrfmiddlewaretoken", "loaded_version", "entry_date"];
  var offered = false;

  function readDraft() {
    var raw;
    try { raw = localStorage.getItem(key); } catch (e) { return null; }
    if (!raw) return null;
    try { raw = JSON.parse(raw); } catch (e) { return null; }
    // Drafts kept before versions were: their base is unknown.
    if (!raw.answers) return { base: null, started: null, answers: raw };
    return raw;
  }
  function writeDraft(draft) {
    try { localStorage.setItem(key, JSON.stringify(draft)); } catch (e) { /* private browsing: drafts are a convenience only */ }
  }
  function forgetDraft() {
    try { localStorage.removeItem(key); } catch (e) { /* no storage */ }
  }
  function saveDraft() {
    var answers = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      (answers[name] = answers[name] || []).push(value);
    });
    var earlier = offered ? null : readDraft();
    // Typing more keeps the base the draft began over, so the clash still
    // shows. Typing over the saved entry while an older draft is offered
    // begins a new draft over it (the offered answers stay in memory).
    var begun = earlier && earlier.base !== null;
    writeDraft({
      base: begun ? earlier.base : pageVersion,
      started: begun ? earlier.started : new Date().toISOString(),
      answers: answers
    });
  }
  function putBack(answers) {
    Object.keys(answers).forEach(function (name) {
      if (SKIP.indexOf(name) !== -1) return;
      form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
        if (el.type === "radio" || el.type === "checkbox") {
          el.checked = answers[name].indexOf(el.value) !== -1;
        } else {
          el.value = answers[name][0];
        }
      });
    });
  }
  function notice(text) {
    var note = document.createElement("p");
    note.className = "alert alert-info";
    note.setAttribute("role", "status");
    note.tabIndex = -1;
    note.textContent = text;
    form.parentNode.insertBefore(note, form);
    return note;
  }

  // The answers to compare, as words: the question and the chosen labels.
  function text(el) { return el ? el.textContent.replace(/\*/g, "").replace(/\s+/g, " ").trim() : ""; }
  function question(name) {
    var box = document.getElementById("div_id_" + name);
    return box ? text(box.querySelector("legend, label")) : "";
  }
  function answerWords(name, values) {
    var words = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        if (values.indexOf(el.value) !== -1) words.push(text(form.querySelector('label[for="' + el.id + '"]')));
      } else if (values.length && values[0].trim()) {
        words.push(values[0].trim());
      }
    });
    return words.join(", ") || "Not answered";
  }
  function formValues(name) {
    var values = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") { if (el.checked) values.push(el.value); } else { values.push(el.value); }
    });
    return values;
  }
  function compareRows(answers) {
    var rows = [];
    var seen = {};
    form.querySelectorAll("[name]").forEach(function (el) {
      var name = el.name;
      if (seen[name] || SKIP.indexOf(name) !== -1 || !question(name)) return;
      seen[name] = true;
      var saved = answerWords(name, formValues(name));
      var kept = answerWords(name, answers[name] || []);
      if (saved !== kept) rows.push([question(name), saved, kept]);
    });
    return rows;
  }

  function offerDraft(draft) {
    var box = document.getElementById("draft-clash");
    if (!box) return;
    box.hidden = false;
    offered = true;
    var comparison = document.getElementById("draft-comparison");
    var compare = box.querySelector("[data-draft-compare]");
    box.querySelector("[data-draft-keep]").addEventListener("click", function () {
      forgetDraft();
      offered = false;
      box.hidden = true;
      notice("The answers kept in this browser were removed. The saved entry is shown.").focus();
    });
    compare.addEventListener("click", function () {
      var body = comparison.querySelector("tbody");
      body.textContent = "";
      var rows = compareRows(draft.answers);
      rows.forEach(function (row) {
        var tr = document.createElement("tr");
        row.forEach(function (cell, i) {
          var td = document.createElement(i === 0 ? "th" : "td");
          if (i === 0) td.scope = "row";
          td.textContent = cell;
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      comparison.querySelector("table").hidden = rows.length === 0;
      comparison.querySelector("[data-draft-same]").hidden = rows.length !== 0;
      comparison.hidden = false;
      compare.setAttribute("aria-expanded", "true");
    });
    box.querySelector("[data-draft-use]").addEventListener("click", function () {
      // An explicit choice: from now on the draft is over this saved state,
      // and saving (the page's version) knowingly replaces it.
      putBack(draft.answers);
      writeDraft({ base: pageVersion, started: draft.started, answers: draft.answers });
      offered = false;
      box.hidden = true;
      notice("Your unsaved answers are in the form. Saving replaces the saved entry with them.").focus();
    });
  }

  function restoreDraft() {
    var draft = readDraft();
    if (!draft || form.querySelector(".is-invalid")) return;
    var sameBase = draft.base === pageVersion || (draft.base === null && pageVersion === "");
    if (!sameBase) {
      offerDraft(draft);
      return;
    }
    putBack(draft.answers);
    notice("We have put back the answers you had not saved yet.");
  }

  // "Keep the saved entry" after a clash on saving: the answers are let go.
  document.querySelectorAll("[data-discard-draft]").forEach(function (link) {
    link.addEventListener("click", forgetDraft);
  });

  restoreDraft();
  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);
})();
