"""The patient's journeys in a real browser, at a phone and a desktop size,
with axe-core run on every page in every state the journey passes through."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import dateformat, timezone
from playwright.sync_api import Locator, Page, expect

from accounts.models import PatientProfile
from tests.browser.conftest import LogIn
from tests.browser.support import Viewport, assert_accessible, screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def question(page: Page, legend: str) -> Locator:
    """A question's group of answers, found by the start of its legend."""
    return page.get_by_role("group", name=re.compile("^" + re.escape(legend)))


def answer(page: Page, legend: str, label: str) -> Locator:
    return question(page, legend).get_by_label(label, exact=True)


def long_date(day: dt.date) -> str:
    return dateformat.format(day, "l j F Y")


def test_a_patient_logs_in_fills_in_today_and_finds_it_in_my_diary(
    page: Page, patient: PatientProfile, viewport: Viewport
) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    assert_accessible(page, "the login page")
    screenshot(page, "1-record-today", viewport, "1-login", full_page=False)

    page.get_by_label("Email").fill(patient.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="How are you today?")).to_be_visible()
    assert_accessible(page, "the empty diary form")
    screenshot(page, "1-record-today", viewport, "2-empty-form", full_page=False)

    answer(page, "Worst pain", "3").check()
    answer(page, "Tiredness in the last 24 hours", "4").check()
    nones = page.get_by_label("None of these today")
    for i in range(nones.count()):
        nones.nth(i).check()
    # "None of these today" answers the section's questions "No" at once.
    expect(answer(page, "New difficulty walking", "No")).to_be_checked()
    expect(answer(page, "Being very thirsty", "No")).to_be_checked()
    assert_accessible(page, "the filled-in diary form")
    screenshot(page, "1-record-today", viewport, "3-filled-form")

    page.get_by_role("button", name="Save my diary").click()
    expect(
        page.get_by_role("heading", name="Thank you, your diary is saved")
    ).to_be_visible()
    assert_accessible(page, "the saved page with nothing to act on")

    page.get_by_role("link", name="See what I saved").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        long_date(timezone.localdate())
    )
    assert_accessible(page, "the saved day's answers")
    screenshot(page, "1-record-today", viewport, "4-saved-day")

    page.get_by_role("link", name="My diary", exact=True).first.click()
    today = page.locator(".entry-card").filter(
        has=page.get_by_role("heading", name=long_date(timezone.localdate()))
    )
    expect(today).to_contain_text("Pain 3 out of 10")
    expect(today).to_contain_text("Tiredness 4 out of 10")
    expect(today).to_contain_text("No warning signs reported.")
    assert_accessible(page, "My diary with one entry")
    screenshot(page, "1-record-today", viewport, "5-my-diary")

    page.get_by_role("link", name="Trends").click()
    expect(
        page.get_by_role("heading", name=re.compile("^Pain and tiredness"))
    ).to_be_visible()
    page.get_by_text("Show the same data as a table").click()
    assert_accessible(page, "the trends page with its table open")
    screenshot(page, "1-record-today", viewport, "6-trends", full_page=False)


def test_back_pain_and_difficulty_walking_show_red_guidance_and_the_alert_card(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport
) -> None:
    patient.spine_metastases = True
    patient.save()
    log_in(patient.user)
    page.goto("/today/")
    answer(page, "Worst pain", "6").check()
    question(page, "Where is the pain?").get_by_label("Back").check()
    answer(page, "Tiredness in the last 24 hours", "5").check()
    answer(page, "New difficulty walking", "Yes").check()
    page.get_by_role("button", name="Save my diary").click()

    guidance = page.locator(".guidance-block")
    # The guidance comes first: no banner above it pointing to itself.
    expect(page.locator(".flag-banner")).to_have_count(0)
    # The level is said in words, not only by the red background.
    expect(guidance.locator(".level-word")).to_have_text(re.compile(r"^\s*Red\b"))
    expect(guidance.get_by_role("heading", level=1)).to_contain_text(
        "Possible spinal cord compression"
    )
    expect(guidance.locator(".guidance-headline")).to_contain_text("straight away")
    calls = guidance.get_by_role("link", name=re.compile("^Call "))
    expect(calls).to_have_count(2)
    assert {calls.nth(i).get_attribute("href") for i in range(2)} == {
        "tel:08001234567",
        "tel:01614463000",
    }
    for i in range(2):
        box = calls.nth(i).bounding_box()
        assert box and box["height"] >= 44, "call buttons are big enough to tap"
    assert_accessible(page, "the red guidance")
    screenshot(page, "2-red-guidance", viewport, "1-guidance")

    page.get_by_role("link", name=re.compile("alert card")).click()
    expect(
        page.get_by_role("heading", name="Your spinal cord compression alert card")
    ).to_be_visible()
    card = page.locator(".alert-card").filter(has_text="healthcare professionals")
    expect(card).to_contain_text(patient.user.full_name)
    expect(card.locator('a[href="tel:08001234567"]')).to_be_visible()
    assert_accessible(page, "the alert card")
    screenshot(page, "2-red-guidance", viewport, "2-alert-card")

    # Every other page keeps reminding the patient, in words.
    page.get_by_role("link", name="My diary", exact=True).first.click()
    banner = page.get_by_role("alert").filter(has_text="warning signs")
    expect(banner).to_contain_text("Red:")
    expect(page.locator(".entry-card .level-badge")).to_have_text("Red: act now")
    assert_accessible(page, "My diary with a red entry and the red banner")
    screenshot(page, "2-red-guidance", viewport, "3-my-diary")


def test_unexplained_bruising_shows_amber_guidance_to_call_the_team_today(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport
) -> None:
    log_in(patient.user)
    page.goto("/today/")
    answer(page, "Worst pain", "2").check()
    answer(page, "Tiredness in the last 24 hours", "3").check()
    answer(page, "Unexplained bleeding or bruising", "Yes").check()
    page.get_by_role("button", name="Save my diary").click()

    guidance = page.locator(".guidance-block")
    expect(guidance.locator(".level-word")).to_have_text(re.compile(r"^\s*Amber\b"))
    calls = guidance.get_by_role("link", name=re.compile("^Call "))
    expect(calls.first).to_have_attribute("href", re.compile("^tel:"))
    assert_accessible(page, "the amber guidance")
    screenshot(page, "2-amber-guidance", viewport, "1-guidance")


def test_mistakes_are_shown_next_to_their_fields_and_nothing_else_is_lost(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport
) -> None:
    log_in(patient.user)
    page.goto("/today/")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page.get_by_label("Date").fill(tomorrow.isoformat())
    answer(page, "Worst pain", "2").check()
    answer(page, "Tiredness in the last 24 hours", "7").check()
    page.get_by_label("None of these today").first.check()
    page.get_by_label("Highest temperature today").fill("50")
    page.get_by_label("Anything else you want to record").fill("Slept badly")
    page.get_by_role("button", name="Save my diary").click()

    summary = page.get_by_role("alert").filter(has_text="Please check 2 answers")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    date_field = page.locator("#div_id_entry_date")
    expect(date_field).to_contain_text(
        "You cannot fill in the diary for a future date."
    )
    expect(page.get_by_label("Date")).to_have_accessible_description(
        re.compile("future date")
    )
    temperature = page.locator("#div_id_temperature_c")
    expect(temperature).to_contain_text("Enter a temperature between 34.0 and 43.0")
    expect(page.get_by_label("Highest temperature today")).to_have_value("50")
    expect(answer(page, "Worst pain", "2")).to_be_checked()
    expect(answer(page, "Tiredness in the last 24 hours", "7")).to_be_checked()
    expect(page.get_by_label("None of these today").first).to_be_checked()
    expect(answer(page, "New difficulty walking", "No")).to_be_checked()
    expect(page.get_by_label("Anything else you want to record")).to_have_value(
        "Slept badly"
    )
    assert_accessible(page, "the diary form with two errors")
    screenshot(page, "3-mistakes", viewport, "1-errors")

    # The summary's links take the patient to the field to correct.
    summary.get_by_role("link", name=re.compile("^Highest temperature")).click()
    expect(page.get_by_label("Highest temperature today")).to_be_focused()
    page.get_by_label("Highest temperature today").fill("36.8")
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Save my diary").click()
    expect(
        page.get_by_role("heading", name="Thank you, your diary is saved")
    ).to_be_visible()
