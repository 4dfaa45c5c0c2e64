"""Issue 15 item 4 in the browser: a missed day is filled in from My diary on a
blank page, and today's answers are never carried to it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import dateformat, timezone
from playwright.sync_api import Page, expect

from accounts.models import PatientProfile
from diary.models import DailyEntry
from tests.browser.conftest import LogIn
from tests.browser.support import assert_accessible
from tests.browser.test_patient_journeys import answer, question
from tests.factories import make_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_back_filling_a_missed_day_starts_blank_and_keeps_today(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    patient.user.date_joined = timezone.now() - dt.timedelta(days=3)
    patient.user.save()
    make_entry(patient, today, pain_score=6, pain_sites=["back"], nausea=True)
    log_in(patient.user)

    # Today's own answers are typed into its page too (a draft in the browser).
    page.goto("/today/")
    answer(page, "New difficulty walking", "No").check()
    page.goto("/diary/")
    missed = page.locator(".missed-day").filter(
        has_text=dateformat.format(yesterday, "l j F")
    )
    missed.get_by_role("link", name="Fill in this day").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(
        dateformat.format(yesterday, "l j F")
    )
    # Nothing from today: no score, no pain site, no answer to any question.
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    expect(page.locator("input[type=checkbox]:checked")).to_have_count(0)
    assert_accessible(page, "a blank missed day")

    answer(page, "Worst pain", "2").check()
    answer(page, "Tiredness in the last 24 hours", "3").check()
    question(page, "Where is the pain").get_by_label("Neck").check()
    page.get_by_role("button", name="Save my diary").click()
    expect(page.locator("h1")).to_be_visible()

    back_filled = DailyEntry.objects.get(patient=patient, entry_date=yesterday)
    assert (back_filled.pain_score, back_filled.pain_sites, back_filled.nausea) == (
        2,
        ["neck"],
        None,
    )
    kept = DailyEntry.objects.get(patient=patient, entry_date=today)
    assert (kept.pain_score, kept.pain_sites, kept.nausea) == (6, ["back"], True)
