"""The Content Security Policy blocks nothing the pages themselves use: every
page's scripts, styles, charts and icons load (Chromium reports each refusal
on the console)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Page

from accounts.models import PatientProfile, User
from tests.browser.conftest import LogIn
from tests.factories import make_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def refusals(page: Page) -> list[str]:
    seen: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            seen.append(f"{page.url}: {message.text}")

    page.on("console", note)
    return seen


def visit(page: Page, paths: list[str]) -> None:
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.ok, path
        page.wait_for_load_state("load")


def test_patient_pages_load_everything_under_the_policy(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    make_entry(patient, yesterday, pain_score=6, difficulty_walking=True)
    seen = refusals(page)
    visit(page, ["/accounts/login/", "/accounts/password_reset/"])
    log_in(patient.user)
    visit(
        page,
        [
            "/today/",
            "/diary/",
            f"/diary/{yesterday}/",
            f"/diary/{yesterday}/saved/",
            "/trends/",
            "/alert-card/",
            "/export/",
        ],
    )
    assert seen == []


def test_nurse_and_admin_pages_load_everything_under_the_policy(
    page: Page, patient: PatientProfile, nurse: User, log_in: LogIn
) -> None:
    make_entry(patient, pain_score=6, difficulty_walking=True)
    seen = refusals(page)
    log_in(nurse)
    visit(
        page,
        [
            "/nurse/",
            "/nurse/patients/",
            f"/nurse/patients/{patient.pk}/",
            f"/nurse/patients/{patient.pk}/profile/",
            f"/nurse/patients/{patient.pk}/entries/new/",
            "/nurse/patients/add/",
        ],
    )
    admin = User.objects.create_superuser(
        "admin@example.org", "an-admin-password-2026", full_name="Ada Admin"
    )
    log_in(admin)
    visit(
        page,
        [
            "/admin/",
            "/admin/accounts/user/",
            f"/admin/accounts/user/{patient.user_id}/change/",
            "/admin/diary/dailyentry/",
            "/admin/accounts/patientprofile/add/",
        ],
    )
    assert seen == []
