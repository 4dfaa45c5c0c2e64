"""Big targets for unsteady hands: every answer on the diary form, and every
button, is at least 44 x 44 px, and a tap anywhere in it counts."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import PatientProfile
from tests.browser.conftest import LogIn
from tests.browser.support import Viewport
from tests.browser.test_patient_journeys import answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MIN_TARGET = 44

# For each control of the form: its target (the box drawn round a radio or
# checkbox and its words, or the control itself) if smaller than 44 x 44 px,
# or if a tap 3 px inside one of its corners would miss it.
_SMALL_TARGETS_JS = """min => {
  const problems = [];
  const controls = document.querySelectorAll(
    "#entry-form input:not([type=hidden]), #entry-form textarea, " +
    "#entry-form select, #entry-form button"
  );
  controls.forEach(el => {
    const box = el.closest(".form-check") || el;
    box.scrollIntoView({block: "center"});
    const r = box.getBoundingClientRect();
    if (r.width < min || r.height < min) {
      problems.push(`${el.id || el.name}: ${r.width} x ${r.height} px`);
      return;
    }
    const labels = el.labels ? Array.from(el.labels) : [];
    const points = [
      [r.left + 3, r.top + 3], [r.right - 3, r.top + 3],
      [r.left + 3, r.bottom - 3], [r.right - 3, r.bottom - 3],
    ];
    for (const [x, y] of points) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(el.contains(hit) || labels.some(l => l.contains(hit)))) {
        const what = hit ? hit.outerHTML.slice(0, 60) : "nothing";
        problems.push(`${el.id || el.name}: a tap at ${x},${y} hits ${what}`);
        return;
      }
    }
  });
  return problems;
}"""


# What is drawn over the save bar at points along it, if anything.
_ABOVE_THE_SAVE_BAR_JS = """() => {
  const bar = document.querySelector(".save-bar");
  const r = bar.getBoundingClientRect();
  const found = [];
  for (let i = 1; i < 20; i++) {
    for (const y of [r.top + 4, (r.top + r.bottom) / 2, r.bottom - 4]) {
      const hit = document.elementFromPoint(r.left + (r.width * i) / 20, y);
      if (hit && !bar.contains(hit)) found.push(hit.outerHTML.slice(0, 60));
    }
  }
  return found;
}"""


def test_every_answer_on_the_form_is_a_big_target_that_a_tap_anywhere_answers(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport
) -> None:
    log_in(patient.user)
    page.goto("/today/")
    # The answers scrolling under the sticky save bar do not show through it.
    assert page.evaluate(_ABOVE_THE_SAVE_BAR_JS) == []
    assert page.evaluate(_SMALL_TARGETS_JS, MIN_TARGET) == []

    # A real tap on the edge of a score's box, away from the circle and the
    # number, chooses that score.
    seven = answer(page, "Worst pain", "7")
    box = seven.locator("xpath=ancestor::*[contains(@class, 'form-check')][1]")
    box.scroll_into_view_if_needed()
    edge = box.bounding_box()
    assert edge is not None
    x, y = edge["x"] + edge["width"] - 4, edge["y"] + edge["height"] - 4
    if viewport.mobile:
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)
    expect(seven).to_be_checked()
