// Unsaved diary drafts (health data) belong to the user who typed them. On a
// shared browser, the first page after another user signs in removes every
// draft that is not theirs (keys are diary-draft-<user pk>-<date>), so they
// never see someone else's answers. Runs before entry-form.js restores one.
(function () {
  "use strict";
  var pk = document.body.dataset.userPk;
  if (!pk) return;
  var mine = "diary-draft-" + pk + "-";
  try {
    Object.keys(localStorage).forEach(function (key) {
      if (key.indexOf("diary-draft-") === 0 && key.indexOf(mine) !== 0) {
        localStorage.removeItem(key);
      }
    });
  } catch (e) { /* no storage: no drafts either */ }
})();
