"""Two-step sign-in as a nurse meets it in the browser: set up at the first
sign-in from the QR page, then a code from the app (or a recovery code) after
the password each time. The test is the nurse's authenticator app: it reads
the key the page shows and computes codes with django-otp's own TOTP."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from accounts.models import User
from tests.browser.support import Viewport, assert_accessible, screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENROL = re.compile(r"/accounts/two-step/set-up/")
VERIFY = re.compile(r"/accounts/two-step/(\?|$)")
QUEUE = re.compile(r"/nurse/$")


def app_code(key_text: str, steps_ahead: int = 0) -> str:
    """What an authenticator app set up with the typed key shows now, or
    `steps_ahead` 30-second steps later."""
    key = b32decode(key_text.replace(" ", ""))
    return f"{TOTP(key, drift=steps_ahead).token():06d}"


def code_after_last_used(key_text: str, user: User) -> str:
    """The app's code for the 30-second step after the last one the server
    took. Not simply "now + 1": a code typed at the end of a step is taken at
    the start of the next, which django-otp learns as a drift of -1, and "now
    + 1" would then fall outside its window."""
    device = TOTPDevice.objects.get(user=user)
    now = TOTP(b32decode(key_text.replace(" ", ""))).t()
    return app_code(key_text, steps_ahead=device.last_t + 1 - now)


def enter_password(page: Page, nurse: User) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(nurse.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def enter_code(page: Page, code: str) -> None:
    page.get_by_role("textbox", name="Code").fill(code)
    page.get_by_role("button", name="Continue").click()


def error_next_to_the_code(page: Page):
    return page.locator("#error_1_id_code")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").first.click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()


def test_a_nurse_sets_up_the_app_from_the_qr_page_then_signs_in_with_its_codes(
    page: Page, nurse: User, viewport: Viewport
) -> None:
    enter_password(page, nurse)

    # No device yet: the password leads to enrolment, not to patients' records.
    expect(page).to_have_url(ENROL)
    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    qr = page.get_by_role("img", name="QR code for your authenticator app")
    expect(qr).to_be_visible()
    expect(qr.locator("svg")).to_have_count(1)  # drawn by the server, no CDN
    key = page.locator("[data-otp-key]").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{4}", key), key
    assert_accessible(page, "the enrolment page")
    screenshot(page, "7-two-step", viewport, "1-enrol")

    enrol_code = app_code(key)
    page.get_by_role("textbox", name="Code").fill(enrol_code)
    page.get_by_role("button", name="Turn on two-step sign-in").click()

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    recovery = page.locator("[data-recovery-codes] code").all_inner_texts()
    assert len(recovery) == 10 and len(set(recovery)) == 10
    screenshot(page, "7-two-step", viewport, "2-recovery-codes")
    page.get_by_role("link", name="I have kept my recovery codes").click()
    expect(page).to_have_url(QUEUE)

    log_out(page)
    enter_password(page, nurse)
    expect(page).to_have_url(VERIFY)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert_accessible(page, "the code page")
    screenshot(page, "7-two-step", viewport, "3-code")
    # A fresh code is one the app shows after the one used to enrol (django-otp
    # takes none at or before it): the next 30-second step's, which the
    # server accepts within its one-step tolerance, so no test waits 30 s.
    fresh = code_after_last_used(key, nurse)
    assert fresh != enrol_code
    enter_code(page, fresh)
    expect(page).to_have_url(QUEUE)

    # Someone who watched the nurse type that code cannot use it again.
    log_out(page)
    enter_password(page, nurse)
    enter_code(page, fresh)
    expect(page).to_have_url(VERIFY)
    expect(error_next_to_the_code(page)).to_contain_text(
        "That code has already been used"
    )
    expect(page.get_by_role("textbox", name="Code")).to_have_value(fresh)
    assert_accessible(page, "the code page with its error")
    screenshot(page, "7-two-step", viewport, "4-reused")

    # Without the phone: a recovery code works once.
    enter_code(page, recovery[0])
    expect(page).to_have_url(QUEUE)
    log_out(page)
    enter_password(page, nurse)
    enter_code(page, recovery[0])
    expect(page).to_have_url(VERIFY)
    expect(error_next_to_the_code(page)).to_contain_text("That code is not right")
    enter_code(page, recovery[1])
    expect(page).to_have_url(QUEUE)
