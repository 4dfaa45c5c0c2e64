"""Issue 15 item 5: a draft kept in the browser is never put back over an
entry a nurse recorded after the draft began; the patient is told who saved
the day and when, and chooses to keep it or compare."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import PatientProfile
from diary.models import DailyEntry
from diary.nurse.services import record_entry_for_patient
from tests.browser.conftest import LogIn
from tests.browser.support import assert_accessible
from tests.browser.test_patient_journeys import answer
from tests.factories import entry_data, make_nurse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFTS = "Object.keys(localStorage).filter(k => k.startsWith('diary-draft-'))"
NOTES = "Anything else you want to record"
RECORDED = "Your nurse Nora Nurse recorded this day's diary at 09:17 today"


def a_draft_then_the_nurse_records_the_day(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    log_in(patient.user)
    page.goto("/today/")
    answer(page, "Worst pain", "8").check()
    page.get_by_label(NOTES).fill("My draft words")
    assert len(page.evaluate(DRAFTS)) == 1
    page.goto("/diary/")  # leaves without saving
    nurse_records_the_day(patient)
    page.goto("/today/")


def nurse_records_the_day(patient: PatientProfile) -> None:
    """After a phone call, on the nurse's own page (the service), at 09:17.

    The time is set on the saved row afterwards, not by patching
    timezone.now: the live server answers in another thread of this process,
    and a request of the browser's landing meanwhile would save its session
    with an expiry counted from 09:17 (a sign-out, later in the day)."""
    record_entry_for_patient(
        patient=patient,
        nurse=make_nurse(patient.team),
        data=entry_data(pain_score=3, notes="From the phone call"),
    )
    at_917 = timezone.make_aware(
        dt.datetime.combine(timezone.localdate(), dt.time(9, 17))
    )
    DailyEntry.objects.filter(patient=patient).update(updated_at=at_917)


def test_the_nurses_answers_are_shown_not_the_older_draft(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    a_draft_then_the_nurse_records_the_day(page, patient, log_in)
    expect(page.get_by_label(NOTES)).to_have_value("From the phone call")
    expect(answer(page, "Worst pain", "3")).to_be_checked()
    expect(page.get_by_text("We have put back the answers")).to_have_count(0)
    notice = page.locator("#draft-clash")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(RECORDED)
    assert_accessible(page, "a draft older than the nurse's entry")


def test_keeping_the_saved_entry_lets_the_draft_go(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    a_draft_then_the_nurse_records_the_day(page, patient, log_in)
    page.get_by_role("button", name="Keep the saved entry").click()
    expect(page.locator("#draft-clash")).to_be_hidden()
    expect(
        page.get_by_text("The answers kept in this browser were removed")
    ).to_be_visible()
    assert page.evaluate(DRAFTS) == []
    page.reload()
    expect(page.locator("#draft-clash")).to_be_hidden()
    expect(page.get_by_label(NOTES)).to_have_value("From the phone call")


def test_compare_shows_the_draft_beside_the_saved_answers_and_only_a_choice_uses_it(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    a_draft_then_the_nurse_records_the_day(page, patient, log_in)
    page.get_by_role("button", name="Compare").click()
    table = page.locator("#draft-comparison table")
    pain = table.get_by_role("row", name="Worst pain")
    expect(pain.get_by_role("cell")).to_have_text(["3", "8"])
    notes = table.get_by_role("row", name=NOTES)
    expect(notes.get_by_role("cell")).to_have_text(
        ["From the phone call", "My draft words"]
    )
    assert_accessible(page, "the draft compared with the nurse's entry")
    # Comparing changed nothing in the form.
    expect(page.get_by_label(NOTES)).to_have_value("From the phone call")

    page.get_by_role("button", name="Put my unsaved answers in the form").click()
    expect(page.get_by_label(NOTES)).to_have_value("My draft words")
    expect(answer(page, "Worst pain", "8")).to_be_checked()
    expect(page.get_by_text("Saving replaces the saved entry")).to_be_visible()
    assert DailyEntry.objects.get().notes == "From the phone call"  # not yet
    page.get_by_role("button", name="Save my diary").click()
    expect(page).to_have_url(re.compile("/saved/"))
    entry = DailyEntry.objects.get()
    assert (entry.notes, entry.pain_score, entry.entered_by) == (
        "My draft words",
        8,
        patient.user,
    )


def test_saving_a_page_opened_before_the_nurse_recorded_the_day_is_a_clash(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    log_in(patient.user)
    page.goto("/today/")
    answer(page, "Worst pain", "8").check()
    answer(page, "Tiredness in the last 24 hours", "2").check()
    page.get_by_label(NOTES).fill("My draft words")
    nurse_records_the_day(patient)
    page.get_by_role("button", name="Save my diary").click()
    clash = page.locator("#clash")
    expect(clash).to_contain_text(RECORDED)
    expect(page.get_by_label(NOTES)).to_have_value("My draft words")
    assert_accessible(page, "a save that clashes with the nurse's entry")
    page.get_by_role("link", name="Compare the answers", exact=True).click()
    expect(clash.get_by_role("row", name=NOTES).get_by_role("cell")).to_have_text(
        ["From the phone call", "My draft words"]
    )
    page.get_by_role("link", name="Keep the saved entry", exact=True).click()
    expect(page.get_by_text(RECORDED)).to_be_visible()
    assert page.evaluate(DRAFTS) == []
    assert DailyEntry.objects.get().notes == "From the phone call"
