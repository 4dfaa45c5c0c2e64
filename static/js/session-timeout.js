// Warn before the idle timeout ends the session (WCAG 2.2.1 Timing
// Adjustable): two minutes' notice and a "Stay logged in" button. The server
// decides (accounts.middleware.IdleTimeoutMiddleware); this only mirrors it.
// Tabs share the time of the last request in localStorage: a nurse working in
// one tab is not warned, nor logged out (losing what they typed), in another.
(function () {
  "use strict";
  // Logging out on purpose forgets unsaved diary drafts (health data) in this
  // browser, which may be shared; a timeout keeps them to put back.
  document.querySelectorAll("form[action$='/accounts/logout/']").forEach(function (logout) {
    logout.addEventListener("submit", function () {
      try {
        Object.keys(localStorage).forEach(function (key) {
          if (key.indexOf("diary-draft-") === 0) localStorage.removeItem(key);
        });
      } catch (e) { /* no storage */ }
    });
  });

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
  var ACTIVITY = "session-last-request";
  var lastRequest = Date.now();
  var warnTimer, endTimer, returnFocus;

  // This tab made a request: the server restarted the session's clock.
  function touch() {
    lastRequest = Date.now();
    try { localStorage.setItem(ACTIVITY, String(lastRequest)); } catch (e) { /* no storage */ }
  }

  // Another tab made a request since this tab's last one.
  function otherTabWasActive() {
    var shared;
    try { shared = parseInt(localStorage.getItem(ACTIVITY), 10); } catch (e) { return false; }
    if (!shared || shared <= lastRequest) return false;
    lastRequest = shared;
    return true;
  }

  function describe(seconds) {
    if (seconds >= 60) {
      var minutes = Math.round(seconds / 60);
      return minutes + (minutes === 1 ? " minute" : " minutes");
    }
    return seconds + " seconds";
  }

  // Count from the last request of any tab.
  function start() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    var since = Date.now() - lastRequest;
    warnTimer = setTimeout(warn, Math.max(0, (idle - lead) * 1000 - since));
    endTimer = setTimeout(end, Math.max(0, (idle + GRACE) * 1000 - since));
  }

  function restart() {
    if (dialog.open) {
      dialog.close();
      if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    }
    start();
  }

  function warn() {
    if (otherTabWasActive()) return start();
    returnFocus = document.activeElement;
    timeLeft.textContent = describe(lead);
    // A modal <dialog> moves focus to its first button, "Stay logged in",
    // and keeps keyboard and screen reader users inside it.
    dialog.showModal();
  }

  function end() {
    if (otherTabWasActive()) return restart();
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
      touch();
      restart();
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
  // A page or "Stay logged in" in another tab kept the session alive.
  window.addEventListener("storage", function (event) {
    if (event.key === ACTIVITY && otherTabWasActive()) restart();
  });
  touch();
  start();
})();
