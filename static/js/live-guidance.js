// The live prompt (issue 15 item 2): as the patient answers, ask the server
// what the answers so far would mean, and show a red or amber prompt with the
// team's numbers next to the question that raised it. Progressive
// enhancement only: the check saves nothing, and Save still decides.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form || !form.dataset.checkUrl || !window.fetch) return;

  // One empty live region after each question, made before any answer so
  // that screen readers announce what is later put in it.
  var regions = [];
  form.querySelectorAll("fieldset.diary-section:not(.section-free_text) [id^=div_id_]").forEach(function (question) {
    var region = document.createElement("div");
    region.className = "live-prompt";
    region.setAttribute("aria-live", "polite");
    question.after(region);
    regions.push(region);
  });
  var shown = null; // {region, key}
  var lastQuestion = null;
  var timer = null;
  var pending = null;

  function regionAfter(input) {
    var question = input.closest("[id^=div_id_]");
    return question && question.nextElementSibling &&
      question.nextElementSibling.classList.contains("live-prompt")
      ? question.nextElementSibling : null;
  }

  function show(body) {
    // Same level and conditions: leave the prompt where it is, unannounced.
    var key = body.html ? body.level + "|" + body.conditions.join("|") : "";
    if (shown && shown.key === key) return;
    if (shown) shown.region.innerHTML = "";
    shown = null;
    if (!key) return;
    var region = lastQuestion || regions[0];
    region.innerHTML = body.html;
    shown = { region: region, key: key };
  }

  function check() {
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(form.dataset.checkUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
      signal: pending.signal
    }).then(function (response) {
      // A 400 still grades the answers that could be read; anything else
      // (signed out, offline) leaves the page as it is: Save still works.
      if (response.status !== 200 && response.status !== 400) return null;
      return response.json();
    }).then(function (body) {
      if (body && typeof body.level === "string") show(body);
    }).catch(function () { /* aborted or offline: the save still decides */ });
  }

  function later(event) {
    var target = event.target;
    if (!target.name || target.tagName === "TEXTAREA" || target.name === "entry_date") return;
    var region = regionAfter(target);
    if (region) lastQuestion = region;
    clearTimeout(timer);
    timer = setTimeout(check, event.type === "input" ? 600 : 150);
  }
  form.addEventListener("change", later);
  form.addEventListener("input", function (event) {
    if (event.target.type === "text" || event.target.type === "number") later(event);
  });
  // A restored draft may already hold a warning sign.
  if (form.querySelector("input:checked[value=yes]")) check();
})();
