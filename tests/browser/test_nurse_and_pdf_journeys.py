"""The nurse's triage journey, and the PDF downloads of patients and nurses."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from accounts.models import PatientProfile, Team, User
from tests.browser.conftest import LogIn
from tests.browser.support import Viewport, assert_accessible, screenshot
from tests.factories import make_entry, make_patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_nurse_acknowledges_a_red_flag_and_the_queue_no_longer_shows_it(
    page: Page,
    nurse: User,
    team: Team,
    patient: PatientProfile,
    log_in: LogIn,
    viewport: Viewport,
) -> None:
    make_entry(patient, pain_score=6, pain_sites=["back"], difficulty_walking=True)
    make_entry(make_patient(team, name="Olive Amber"), bleeding_bruising=True)
    log_in(nurse)
    page.goto("/nurse/")

    urgent = page.get_by_role("region", name=re.compile("^Red and amber flags"))
    cards = urgent.locator(".flag-card")
    expect(cards).to_have_count(2)
    # Red first, and the level is said in words, not only by colour.
    expect(cards.first).to_contain_text("Pat Patient")
    expect(cards.first.locator(".level-badge")).to_have_text("Red")
    expect(cards.last.locator(".level-badge")).to_have_text("Amber")
    assert_accessible(page, "the triage queue with a red and an amber flag")
    screenshot(page, "4-nurse-triage", viewport, "1-queue")

    cards.first.get_by_role("link", name="Pat Patient", exact=True).click()
    expect(page.get_by_role("heading", name="Pat Patient", level=1)).to_be_visible()
    assert_accessible(page, "the flagged patient's record")
    screenshot(page, "4-nurse-triage", viewport, "2-record")

    open_flags = page.get_by_role("region", name=re.compile("^Open flags"))
    open_flags.get_by_role("link", name=re.compile("^Acknowledge")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pat Patient")
    assert_accessible(page, "the acknowledge form")
    acknowledge = page.get_by_role("button", name="Acknowledge", exact=True)
    acknowledge.click()
    expect(page.get_by_role("alert")).to_contain_text("Tick at least one thing you did")
    assert_accessible(page, "the acknowledge form with an error")
    screenshot(page, "4-nurse-triage", viewport, "3-acknowledge-error")

    page.get_by_label("Advised going to A&E").check()
    page.get_by_role("textbox", name=re.compile("Note")).fill("Ambulance called.")
    acknowledge.click()
    expect(page.get_by_role("status").first).to_contain_text("Acknowledged")
    expect(page.get_by_role("region", name=re.compile("^Open flags"))).to_have_count(0)
    assert_accessible(page, "the patient's record after acknowledging")

    page.get_by_role("link", name="Triage queue").click()
    expect(urgent.get_by_role("heading", level=2)).to_contain_text("(1)")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("Olive Amber")
    expect(urgent).not_to_contain_text("Pat Patient")
    assert_accessible(page, "the triage queue after acknowledging")
    screenshot(page, "4-nurse-triage", viewport, "4-queue-updated")

    page.get_by_role("link", name="Caseload", exact=True).click()
    expect(page.get_by_role("link", name="Pat Patient", exact=True)).to_be_visible()
    assert_accessible(page, "the caseload")
    screenshot(page, "4-nurse-triage", viewport, "5-caseload")


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_a_patient_downloads_a_pdf_of_the_diary_for_an_appointment(
    page: Page, patient: PatientProfile, log_in: LogIn, viewport: Viewport
) -> None:
    make_entry(patient, pain_score=4, questions_for_team="Can I still swim?")
    log_in(patient.user)
    page.goto("/today/")
    page.get_by_role("link", name="PDF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Download a PDF of your diary"
    )
    assert_accessible(page, "the patient's PDF download page")
    screenshot(page, "5-pdf", viewport, "1-patient")

    with page.expect_download() as download:
        page.get_by_role("link", name="Last 28 days").click()
    assert download.value.suggested_filename.endswith(".pdf")
    text = pdf_text(download.value.path().read_bytes())
    assert "Pat Patient" in text
    assert "Can I still swim?" in text

    # Dates of its own, the wrong way round: the error is next to the field.
    page.get_by_label("From").fill(timezone.localdate().isoformat())
    page.get_by_label("To").fill(
        (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    )
    page.get_by_role("button", name="Download PDF").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    expect(page.get_by_label("From")).to_have_value(timezone.localdate().isoformat())
    assert_accessible(page, "the patient's PDF download form with an error")
    screenshot(page, "5-pdf", viewport, "2-error")


def test_a_nurse_downloads_a_patients_diary_pdf_from_the_record(
    page: Page, nurse: User, patient: PatientProfile, log_in: LogIn
) -> None:
    make_entry(patient, pain_score=4)
    log_in(nurse)
    page.goto(f"/nurse/patients/{patient.pk}/")
    page.get_by_role("link", name="Diary PDF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Download a PDF of Pat Patient's diary"
    )
    assert_accessible(page, "the nurse's PDF download page")

    with page.expect_download() as download:
        page.get_by_role("link", name="Last 28 days").click()
    assert "Pat Patient" in pdf_text(download.value.path().read_bytes())
