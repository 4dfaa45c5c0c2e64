"""Clinical notes and the nurses' acknowledgement notes stay on the nurse's side.

Every page and download of the patient's own diary is checked for the text of
a clinical note and of an acknowledgement's note.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from diary.nurse.services import add_clinical_note
from diary.services import acknowledge_flag
from tests.factories import days_ago
from tests.nurse.helpers import red_entry

ACK_NOTE = "Internal: husband worried, check capacity"
CLINICAL_NOTE = "Internal: discussed at MDT, hospice referral pending"


@pytest.fixture
def nurse_only_data(patient, nurse):
    entry = red_entry(patient, days_ago(1))
    acknowledge_flag(
        flag=entry.flags.get(), nurse=nurse, actions=["phoned_patient"], note=ACK_NOTE
    )
    add_clinical_note(patient=patient, nurse=nurse, text=CLINICAL_NOTE)
    return entry


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def patient_pages(day: dt.date) -> list[str]:
    return [
        reverse("home"),
        reverse("today"),
        reverse("diary_list"),
        reverse("entry_detail", args=[day]),
        reverse("entry_edit", args=[day]),
        reverse("entry_saved", args=[day]),
        reverse("trends"),
        reverse("alert_card"),
        reverse("export_diary"),
    ]


def test_no_patient_page_shows_a_clinical_or_acknowledgement_note(
    patient_client, nurse_only_data
):
    for url in patient_pages(days_ago(1)):
        response = patient_client.get(url, follow=True)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Internal:" not in body, url


def test_the_patients_own_diary_pdf_leaves_out_the_nurses_notes(
    patient_client, nurse_only_data
):
    url = (
        reverse("export_diary")
        + f"?start={days_ago(27).isoformat()}&end={days_ago(0).isoformat()}"
    )
    response = patient_client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert "Internal:" not in pdf_text(response.content)


def test_the_nurses_copy_of_the_pdf_keeps_the_acknowledgement_note(
    nurse_client, patient, nurse_only_data
):
    url = (
        reverse("nurse:export_diary", args=[patient.pk])
        + f"?start={days_ago(27).isoformat()}&end={days_ago(0).isoformat()}"
    )
    assert ACK_NOTE in pdf_text(nurse_client.get(url).content)
