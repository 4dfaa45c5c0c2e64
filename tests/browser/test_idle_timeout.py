"""The idle timeout as users meet it: a warning they can answer, and a diary
entry that survives being logged out half-way through."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from playwright.sync_api import BrowserContext, Page, expect

from accounts.models import PatientProfile, User
from tests.browser.conftest import LogIn
from tests.browser.support import Viewport, assert_accessible, screenshot
from tests.browser.test_patient_journeys import answer, question
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECOND = 1_000


def log_in_again_and_see_the_answers_put_back(
    page: Page, patient: PatientProfile
) -> None:
    page.get_by_label("Email").fill(patient.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile("/today/$"))
    expect(page.get_by_role("status")).to_have_text(
        "We have put back the answers you had not saved yet."
    )


def test_two_minutes_before_a_nurse_is_logged_out_a_warning_offers_to_stay(
    page: Page, nurse: User, log_in: LogIn, viewport: Viewport
) -> None:
    log_in(nurse)
    page.clock.install()
    page.goto("/nurse/")
    warning = page.get_by_role("alertdialog", name="Are you still there?")
    idle = settings.NURSE_SESSION_IDLE_SECONDS

    page.clock.fast_forward((idle - 125) * SECOND)
    expect(warning).to_be_hidden()
    page.clock.fast_forward(10 * SECOND)
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("you will be logged out in 2 minutes")
    # Focus is moved into the warning, on the button that answers it.
    expect(warning.get_by_role("button", name="Stay logged in")).to_be_focused()
    assert_accessible(page, "the timeout warning")
    screenshot(page, "6-timeout", viewport, "1-warning", full_page=False)

    with page.expect_response(re.compile("/accounts/keep-alive/$")) as ping:
        page.keyboard.press("Enter")
    assert ping.value.status == 204
    expect(warning).to_be_hidden()
    # Staying logged in restarts the count: no warning until idle again.
    page.clock.fast_forward((idle - 125) * SECOND)
    expect(warning).to_be_hidden()
    page.clock.fast_forward(10 * SECOND)
    expect(warning).to_be_visible()


def test_a_nurse_working_in_another_tab_is_not_warned_or_logged_out_here(
    context: BrowserContext, nurse: User, log_in: LogIn
) -> None:
    log_in(nurse)
    context.clock.install()
    idle = settings.NURSE_SESSION_IDLE_SECONDS
    record = context.new_page()
    record.goto("/nurse/")
    queue = context.new_page()
    warning = record.get_by_role("alertdialog", name="Are you still there?")

    # Half-way through, the nurse moves to the other tab and works there.
    context.clock.fast_forward(idle // 2 * SECOND)
    queue.goto("/nurse/patients/")
    # This tab's own 15 minutes have passed, the session's have not.
    context.clock.fast_forward((idle // 2 + 30) * SECOND)
    expect(warning).to_be_hidden()
    expect(record).to_have_url(re.compile("/nurse/$"))

    # Idle in both: the warning comes, counted from the other tab's request.
    context.clock.fast_forward((idle // 2 - 150) * SECOND)
    expect(warning).to_be_visible()
    # Staying logged in from the other tab's warning closes this one too.
    queue.get_by_role("button", name="Stay logged in").click()
    expect(warning).to_be_hidden()


def test_an_entry_interrupted_by_the_timeout_comes_back_after_logging_in(
    page: Page, context: BrowserContext, patient: PatientProfile, log_in: LogIn
) -> None:
    log_in(patient.user)
    page.clock.install()
    page.goto("/today/")
    answer(page, "Worst pain", "5").check()
    question(page, "Where is the pain?").get_by_label("Pelvis or hip").check()
    page.get_by_label("Anything else you want to record").fill("Half done")

    # The server forgets the idle session; then the page's own timer runs out.
    context.clear_cookies()
    page.clock.fast_forward((settings.SESSION_COOKIE_AGE + 10) * SECOND)
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/today/$"))

    log_in_again_and_see_the_answers_put_back(page, patient)
    expect(answer(page, "Worst pain", "5")).to_be_checked()
    expect(
        question(page, "Where is the pain?").get_by_label("Pelvis or hip")
    ).to_be_checked()
    expect(page.get_by_label("Anything else you want to record")).to_have_value(
        "Half done"
    )

    answer(page, "Tiredness in the last 24 hours", "2").check()
    page.get_by_role("button", name="Save my diary").click()
    expect(
        page.get_by_role("heading", name="Thank you, your diary is saved")
    ).to_be_visible()
    # Once saved, the draft is gone: nothing is "put back" any more.
    page.goto("/today/")
    expect(answer(page, "Worst pain", "5")).to_be_checked()
    expect(page.get_by_text("We have put back")).to_have_count(0)


def test_pressing_save_after_the_session_ended_loses_nothing_once_logged_in(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    log_in(patient.user)
    page.goto("/today/")
    answer(page, "Worst pain", "7").check()
    question(page, "Where is the pain?").get_by_label("Back").check()
    answer(page, "Tiredness in the last 24 hours", "3").check()
    answer(page, "New difficulty walking", "Yes").check()

    # The patient put the phone down; the server ended the idle session (the
    # browser keeps its cookies, as a real one would), then Save is pressed.
    Session.objects.all().delete()
    page.get_by_role("button", name="Save my diary").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    assert not patient.entries.exists(), "nothing is half-saved"

    log_in_again_and_see_the_answers_put_back(page, patient)
    expect(answer(page, "Worst pain", "7")).to_be_checked()
    expect(answer(page, "New difficulty walking", "Yes")).to_be_checked()
    page.get_by_role("button", name="Save my diary").click()
    # Saved at last, and the red warning it carries is shown at once.
    expect(page.locator(".guidance-block .level-word")).to_have_text(
        re.compile(r"^\s*Red\b")
    )
    assert patient.entries.get().pain_score == 7


def test_logging_out_on_purpose_forgets_the_unsaved_draft_in_this_browser(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    log_in(patient.user)
    page.goto("/today/")
    answer(page, "Worst pain", "5").check()
    page.get_by_label("Anything else you want to record").fill("Private")
    drafts = "Object.keys(localStorage).filter(k => k.startsWith('diary-draft-'))"
    assert len(page.evaluate(drafts)) == 1

    page.get_by_role("button", name="Log out").first.click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    assert page.evaluate(drafts) == []
