"""Issue 15 item 2: a warning sign answered "Yes" shows its prompt at once."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import PatientProfile
from diary.models import DailyEntry
from tests.browser.conftest import LogIn
from tests.browser.support import Viewport, assert_accessible, screenshot
from tests.browser.test_patient_journeys import answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_ticked_red_sign_shows_the_prompt_before_save(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport
) -> None:
    patient.acute_oncology_phone = "0800 999 1111"
    patient.save()
    log_in(patient.user)
    page.goto("/today/")
    # The warning signs come before the pain questions.
    headings = page.locator("h2.form-part-heading").all_inner_texts()
    assert headings == ["Warning signs", "Pain, tiredness and notes"]

    answer(page, "New difficulty walking", "Yes").check()
    prompt = page.locator("#div_id_difficulty_walking + .live-prompt")
    expect(prompt).to_contain_text("Red: act now")
    expect(prompt).to_contain_text(
        "Contact your local A&E department or your specialist team straight away."
    )
    expect(prompt.get_by_role("link", name="24-hour")).to_have_attribute(
        "href", "tel:08009991111"
    )
    expect(prompt).to_have_attribute("aria-live", "polite")
    assert_accessible(page, "the form with a red prompt")
    screenshot(page, "10-live-prompt", viewport, "1-red", full_page=False)
    assert DailyEntry.objects.count() == 0  # nothing saved by the check

    # Answered "No" after all: the prompt goes.
    answer(page, "New difficulty walking", "No").check()
    expect(page.locator(".live-prompt-box")).to_have_count(0)


def test_the_first_spinal_cord_sign_is_near_the_top_of_the_form(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport
) -> None:
    """Before issue 15 item 2 it was 3.8 phone screens down, after the pain
    questions; now the warning signs come first."""
    log_in(patient.user)
    page.goto("/today/")
    screens = page.locator("#div_id_difficulty_walking").evaluate(
        "el => (el.getBoundingClientRect().top + scrollY) / innerHeight"
    )
    assert screens < 1.5
