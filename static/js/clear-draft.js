// The entry is saved on the server: its browser draft is no longer needed.
(function () {
  "use strict";
  var el = document.querySelector("[data-clear-draft]");
  if (!el) return;
  try { localStorage.removeItem(el.dataset.clearDraft); } catch (e) { /* no storage */ }
})();
