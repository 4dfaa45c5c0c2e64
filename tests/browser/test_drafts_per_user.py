"""Unsaved diary drafts in the browser belong to the user who typed them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import PatientProfile
from tests.browser.conftest import LogIn
from tests.browser.test_patient_journeys import answer
from tests.factories import make_patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFTS = "Object.keys(localStorage).filter(k => k.startsWith('diary-draft-'))"


def test_another_patient_signing_in_on_the_same_browser_never_sees_the_draft(
    page: Page, patient: PatientProfile, log_in: LogIn
) -> None:
    log_in(patient.user)
    page.goto("/today/")
    answer(page, "Worst pain", "8").check()
    page.get_by_label("Anything else you want to record").fill("Private words")
    assert len(page.evaluate(DRAFTS)) == 1
    # Not logged out on purpose (which would forget it): the session just
    # ends, e.g. the browser's cookies are cleared or it timed out.
    page.context.clear_cookies()

    other = make_patient(patient.team, name="Olive Other")
    log_in(other.user)
    page.goto("/today/")
    expect(page).to_have_url(re.compile("/today/$"))
    expect(page.get_by_label("Anything else you want to record")).to_have_value("")
    expect(page.get_by_text("We have put back the answers")).to_have_count(0)
    assert page.evaluate(DRAFTS) == []
