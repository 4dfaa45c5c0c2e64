"""The patient's data rights in a browser, checked with axe: her account
page's "Your data", the download itself, and closing her account; and the
nurse's page for asking on her behalf."""

from __future__ import annotations

import zipfile

import pytest
from playwright.sync_api import Page, expect

from accounts.models import PatientProfile, User
from diary.models import AccountClosure
from tests.browser.conftest import LogIn
from tests.browser.support import Viewport, assert_accessible, screenshot
from tests.factories import days_ago, make_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_she_downloads_her_data_then_asks_to_close_her_account(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport, tmp_path
) -> None:
    make_entry(patient, days_ago(1), notes="A quiet day")
    log_in(patient.user)
    page.goto("/accounts/account/")
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    assert_accessible(page, "the account page with Your data")
    screenshot(page, "data-rights", viewport, "1-account")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download all my data").click()
    saved = tmp_path / "data.zip"
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert "A quiet day" in archive.read("entries.csv").decode()

    page.get_by_role("link", name="Close your account").click()
    expect(page.get_by_role("heading", name="Close your account")).to_be_visible()
    assert_accessible(page, "what closing an account means")
    screenshot(page, "data-rights", viewport, "2-close")
    page.get_by_role("button", name="Ask to close my account").click()
    expect(page.get_by_text("We have your request")).to_be_visible()
    assert AccountClosure.objects.filter(patient=patient).exists()


def test_her_nurse_asks_on_her_behalf(
    page: Page, nurse: User, patient: PatientProfile, log_in: LogIn
) -> None:
    log_in(nurse)
    page.goto(f"/nurse/patients/{patient.pk}/")
    page.get_by_role("link", name="Close the patient's account on her behalf").click()
    assert_accessible(page, "the nurse's close-account page")
    page.get_by_role("button", name="Ask for closure on her behalf").click()
    expect(page.get_by_text("Closure requested")).to_be_visible()
