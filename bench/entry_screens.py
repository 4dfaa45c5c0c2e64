"""Issue 15 item 2 figures: taps and screens for an "all fine" day and a red sign.

Run with `make bench-entry`: it drives Chromium like the browser tests
(bench/conftest.py lends their fixtures), prints one FIGURES line per text
size and saves screenshots to tests/screenshots/ (not committed). Not
collected by `make test`: it measures, it asserts nothing.
"""

from __future__ import annotations

import json
import os

import pytest
from playwright.sync_api import Page

from accounts.models import PatientProfile
from tests.browser.conftest import LogIn
from tests.browser.support import SCREENSHOTS, set_browser_text_size

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BOTTOM = "el => (el.getBoundingClientRect().bottom + scrollY) / innerHeight"


@pytest.mark.parametrize("text", [100, 200])
def test_measure(page: Page, patient: PatientProfile, log_in: LogIn, viewport, text):
    if viewport.name != "phone":
        return
    tag = os.environ.get("MEASURE_TAG", "now")
    SCREENSHOTS.mkdir(exist_ok=True)
    log_in(patient.user)
    page.goto("/today/")
    if text != 100:
        set_browser_text_size(page, text)
    page.wait_for_timeout(200)
    walking_yes = page.locator("#div_id_difficulty_walking input[value=yes]")
    figures = {
        "version": tag,
        "text": text,
        "questions_screens_to_save": round(
            page.locator("fieldset#free_text").evaluate(BOTTOM), 1
        ),
        "screens_to_difficulty_walking": round(walking_yes.evaluate(BOTTOM), 1),
        "all_fine_taps": 2 + page.get_by_label("None of these today").count() + 1,
    }
    walking_yes.check()
    page.wait_for_timeout(800)
    box = page.locator(".live-prompt-box")
    if box.count():
        figures["red_taps_to_guidance"] = 1
        figures["red_screens_to_guidance"] = round(box.evaluate(BOTTOM), 1)
        box.scroll_into_view_if_needed()
        page.screenshot(path=f"{SCREENSHOTS}/{tag}-red-{text}.png")
    else:
        # Scores are needed before a save shows any guidance.
        figures["red_taps_to_guidance"] = 4
        figures["red_screens_to_guidance"] = figures["questions_screens_to_save"]
        walking_yes.scroll_into_view_if_needed()
        page.screenshot(path=f"{SCREENSHOTS}/{tag}-red-{text}.png")
    page.evaluate("scrollTo(0, 0)")
    page.screenshot(path=f"{SCREENSHOTS}/{tag}-form-top-{text}.png")
    print("FIGURES", json.dumps(figures))
