"""Days filled in, as a nurse and a patient see them, checked with axe: the
caseload sorted and filtered by them (and a bad filter value), the record's
90-day strip, and My diary's sentence."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import PatientProfile, Team, User
from tests.browser.conftest import LogIn
from tests.browser.support import Viewport, assert_accessible, screenshot
from tests.factories import days_ago, make_entry, make_patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_nurse_finds_who_has_filled_in_fewest_days_and_sees_their_strip(
    page: Page, nurse: User, team: Team, log_in: LogIn, viewport: Viewport
) -> None:
    sue = make_patient(team, name="Steady Sue")
    for n in range(40):
        if n not in (1, 2, 10, 20, 25):
            make_entry(sue, days_ago(n))
    quinn = make_patient(team, name="Quiet Quinn")
    make_entry(quinn, days_ago(20))
    log_in(nurse)
    page.goto("/nurse/patients/")
    page.get_by_label("Sort by").select_option("completion_14")
    page.get_by_role("button", name="Show patients").click()
    table = page.get_by_role("region", name="Caseload")
    expect(table.locator("tbody tr").first).to_contain_text("Quiet Quinn")
    expect(table.locator("tbody tr").last).to_contain_text("11/14")
    assert_accessible(page, "the caseload sorted by days filled in")
    screenshot(page, "completion", viewport, "1-caseload")

    page.get_by_label("Fewer than (days)").fill("20")
    page.get_by_role("button", name="Show patients").click()
    expect(page.get_by_text("For the last 14 days, enter a number")).to_be_visible()
    expect(page.get_by_label("Fewer than (days)")).to_have_value("20")
    assert_accessible(page, "the caseload with a bad days-filled-in filter")

    page.get_by_label("Fewer than (days)").fill("7")
    page.get_by_role("button", name="Show patients").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    table.get_by_role("link", name="Quiet Quinn").click()
    strip = page.get_by_role("region", name=re.compile("^Days filled in"))
    expect(strip.get_by_role("img")).to_be_visible()
    expect(strip).to_contain_text("Filled in 1 of the 21 days since the diary began")
    page.goto(f"/nurse/patients/{sue.pk}/")
    expect(strip).to_contain_text("Filled in 35 of the 40 days since the diary began")
    assert_accessible(page, "the record with its 90-day strip")
    screenshot(page, "completion", viewport, "2-record")


def test_a_patient_reads_how_many_days_she_has_filled_in(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport
) -> None:
    for n in range(20):
        if n not in (3, 9):
            make_entry(patient, days_ago(n))
    log_in(patient.user)
    page.goto("/diary/")
    expect(
        page.get_by_text("You have filled in 12 of the last 14 days.")
    ).to_be_visible()
    assert_accessible(page, "My diary with days filled in")
    screenshot(page, "completion", viewport, "3-my-diary")
