"""Issue 15 item 1 in the browser: red signs with the tiredness score left out
still show the red guidance, first, and alert the team (HAZ-13)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import PatientProfile
from diary.models import AlertEmail, DailyEntry
from tests.browser.conftest import LogIn
from tests.browser.support import (
    PHONE,
    Viewport,
    assert_accessible,
    screenshot,
    set_browser_text_size,
)
from tests.browser.test_patient_journeys import answer, question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def save_red_signs_without_tiredness(page: Page) -> None:
    page.goto("/today/")
    answer(page, "Worst pain", "3").check()
    answer(page, "New difficulty walking", "Yes").check()
    question(page, "Numbness or pins and needles").get_by_label("Toes").check()
    page.get_by_role("button", name="Save my diary").click()


@pytest.mark.parametrize("viewport", [PHONE], indirect=True, ids=lambda v: v.name)
def test_red_signs_with_a_missing_tiredness_score_show_the_red_guidance_first(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport
) -> None:
    log_in(patient.user)
    set_browser_text_size(page, 200)
    save_red_signs_without_tiredness(page)

    guidance = page.locator("#guidance")
    expect(guidance).to_contain_text("Possible spinal cord compression")
    expect(guidance).to_be_focused()  # before the list of what to check
    screenshot(
        page, "1-error-with-red-signs", viewport, "first-screen", full_page=False
    )
    first_call = guidance.locator("a[href^='tel:']").first
    box = first_call.bounding_box()
    assert box is not None and box["y"] + box["height"] <= viewport.height
    expect(page.locator("#error-summary")).to_contain_text(
        "Choose a tiredness score from 0 to 10."
    )
    entry = DailyEntry.objects.get(patient=patient)
    assert (entry.level, entry.fatigue_score) == ("red", None)
    assert AlertEmail.objects.filter(entry=entry, level="red").exists()
    assert_accessible(page, "red guidance above the form's errors")


def test_choosing_the_score_and_saving_again_keeps_one_red_entry(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    log_in(patient.user)
    save_red_signs_without_tiredness(page)
    answer(page, "Tiredness in the last 24 hours", "4").check()
    page.get_by_role("button", name="Save my diary").click()

    expect(page.locator(".guidance-block")).to_contain_text("Red")
    entry = DailyEntry.objects.get(patient=patient)
    assert (entry.fatigue_score, entry.flags.current().count()) == (4, 1)
