"""The triage queue's "Overdue" mark, in the browser: seen, read out, accessible."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import PatientProfile, Team, User
from diary.models import Flag
from tests.browser.conftest import LogIn
from tests.browser.support import Viewport, assert_accessible, screenshot
from tests.factories import make_entry, make_patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_red_flag_two_days_old_is_marked_overdue_in_the_queue(
    page: Page,
    nurse: User,
    team: Team,
    patient: PatientProfile,
    log_in: LogIn,
    viewport: Viewport,
) -> None:
    old = make_entry(patient, difficulty_walking=True)
    # Two days: past a red's deadline whatever the hour the test runs at.
    Flag.objects.filter(entry=old).update(
        created_at=timezone.now() - dt.timedelta(days=2)
    )
    make_entry(make_patient(team, name="Olive Amber"), bleeding_bruising=True)
    log_in(nurse)
    page.goto("/nurse/")

    urgent = page.get_by_role("region", name=re.compile("^Red and amber flags"))
    cards = urgent.locator(".flag-card")
    expect(cards).to_have_count(2)
    expect(cards.first.locator(".overdue-badge")).to_have_text("Overdue")
    expect(cards.last.locator(".overdue-badge")).to_have_count(0)
    expect(
        cards.first.get_by_role(
            "link", name=re.compile(r"^Acknowledge\W+overdue, possible spinal")
        )
    ).to_be_visible()
    assert_accessible(page, "the triage queue with an overdue red flag")
    screenshot(page, "4-nurse-triage", viewport, "6-queue-overdue")
