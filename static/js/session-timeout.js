// Warn before the idle timeout ends the session (WCAG 2.2.1 Timing
// Adjustable): two minutes' notice and a "Stay logged in" button. The server
// decides (accounts.middleware.IdleTimeoutMiddleware); this only mirrors it.
(function () {
  "use strict";
  var idle = parseInt(document.body.dataset.idleSeconds, 10);
  var dialog = document.getElementById("session-timeout");
  if (!idle || !dialog || typeof dialog.showModal !== "function") return;
  // setTimeout cannot wait longer than about 24 days (it would fire at once).
  if (idle > 20 * 24 * 60 * 60) return;

  var WARN_BEFORE = 120;
  // Reload only once the server has surely forgotten the session: a reload
  // before that would itself count as activity and keep the session alive.
  var GRACE = 5;
  var lead = Math.min(WARN_BEFORE, Math.floor(idle / 2));
  var form = dialog.querySelector("form[data-keep-alive]");
  var timeLeft = dialog.querySelector("[data-time-left]");
  var warnTimer, endTimer, returnFocus;

  function describe(seconds) {
    if (seconds >= 60) {
      var minutes = Math.round(seconds / 60);
      return minutes + (minutes === 1 ? " minute" : " minutes");
    }
    return seconds + " seconds";
  }

  function start() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(warn, (idle - lead) * 1000);
    endTimer = setTimeout(end, (idle + GRACE) * 1000);
  }

  function warn() {
    returnFocus = document.activeElement;
    timeLeft.textContent = describe(lead);
    // A modal <dialog> moves focus to its first button, "Stay logged in",
    // and keeps keyboard and screen reader users inside it.
    dialog.showModal();
  }

  function end() {
    // The session is over: loading the page again shows the log-in page,
    // which comes back here after logging in (a diary draft is restored from
    // this browser). A GET, not reload(): never re-send a form.
    window.location.replace(window.location.pathname + window.location.search);
  }

  function stayLoggedIn() {
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
    }).then(function (response) {
      if (response.status !== 204) return end();
      dialog.close();
      start();
      if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    }).catch(function () {
      // Offline: keep the dialog open so the user can try again.
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    stayLoggedIn();
  });
  // Escape would just close the dialog; whoever pressed it is clearly there.
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    stayLoggedIn();
  });
  start();
})();
