import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import days_ago, make_entry

EXPORT = reverse("export_diary")


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def export_url(start, end) -> str:
    return f"{EXPORT}?start={start.isoformat()}&end={end.isoformat()}"


def test_the_export_page_offers_presets_and_custom_dates(patient_client):
    body = patient_client.get(EXPORT).content.decode()
    assert "Last 28 days" in body
    assert 'name="start"' in body and 'name="end"' in body


def test_a_patient_downloads_their_diary_as_a_pdf(patient_client, patient):
    make_entry(
        patient, days_ago(3), pain_score=7, questions_for_team="Can I go swimming?"
    )
    make_entry(patient, days_ago(1), difficulty_walking=True)
    response = patient_client.get(export_url(days_ago(27), days_ago(0)))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    filename = (
        f"diary_pat-patient_{days_ago(27).isoformat()}_{days_ago(0).isoformat()}.pdf"
    )
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    text = pdf_text(response)
    assert "Pat Patient" in text
    assert "Can I go swimming?" in text
    assert "Possible spinal cord compression" in text


def test_an_empty_range_still_gives_a_pdf_that_says_so(patient_client):
    response = patient_client.get(export_url(days_ago(400), days_ago(380)))
    assert response.status_code == 200
    assert "No diary entries in this date range." in pdf_text(response)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (days_ago(3), days_ago(-1), "cannot be in the future"),
        (days_ago(1), days_ago(3), "cannot be before the first day"),
        (days_ago(366), days_ago(0), "at most 366 days"),
    ],
)
def test_a_bad_range_gets_a_message_on_the_form(patient_client, start, end, message):
    response = patient_client.get(export_url(start, end))
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert f'value="{start.isoformat()}"' in body


def test_a_year_is_allowed(patient_client):
    assert patient_client.get(export_url(days_ago(365), days_ago(0))).status_code == 200


def test_a_malformed_date_gets_a_message_not_an_error_page(patient_client):
    response = patient_client.get(f"{EXPORT}?start=yesterday&end=2026-13-45")
    assert response.status_code == 400
    assert "Enter a date" in response.content.decode()


def test_the_alert_card_pdf_has_the_patients_details(patient_client, patient):
    patient.nhs_number = "9434765919"
    patient.save()
    response = patient_client.get(reverse("alert_card_pdf"))
    text = pdf_text(response)
    assert "Pat Patient" in text
    assert "943 476 5919" in text
    assert "urgent MRI scan" in text


def test_nurses_cannot_use_the_patient_export(nurse_client):
    assert nurse_client.get(EXPORT).status_code == 404
    assert nurse_client.get(reverse("alert_card_pdf")).status_code == 404
