import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from diary.models import AuditEvent
from diary.services import acknowledge_flag
from tests.factories import (
    days_ago,
    log_in,
    make_entry,
    make_nurse,
    make_patient,
    make_team,
)

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
        (days_ago(366), days_ago(0), "at most 366 days: these dates span 367 days"),
        (days_ago(3), days_ago(4000), "cannot be before the first day"),
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


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("start=yesterday&end=2026-13-45", "Enter a date"),
        ("start=abc&end=def", "Enter a date"),
        ("start=2026-02-30&end=2026-03-01", "Enter a date"),
        ("start=%00&end=10000-01-01", "Enter a date"),
        (f"start={'9' * 5000}&end=1", "Enter a date"),
        ("start=0001-01-01&end=9999-12-31", "cannot be in the future"),
        ("start=&end=", "Enter the first day."),
    ],
)
def test_a_malformed_date_gets_a_message_not_an_error_page(
    patient_client, query, message
):
    response = patient_client.get(f"{EXPORT}?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_alert_card_pdf_has_the_patients_details(patient_client, patient):
    patient.nhs_number = "9434765919"
    patient.save()
    response = patient_client.get(reverse("alert_card_pdf"))
    text = pdf_text(response)
    assert "Pat Patient" in text
    assert "943 476 5919" in text
    assert "urgent MRI scan" in text


def test_a_polish_patients_name_and_notes_print_as_typed(client, team):
    patient = make_patient(team, name="Małgorzata Wiśniewska")
    make_entry(patient, days_ago(2), notes="Ból pleców w nocy, źle śpię")
    log_in(client, patient.user)
    diary = pdf_text(client.get(export_url(days_ago(6), days_ago(0))))
    assert "Małgorzata Wiśniewska" in diary
    assert "Ból pleców w nocy, źle śpię" in diary
    assert "Not all of this can be printed" not in diary
    card = pdf_text(client.get(reverse("alert_card_pdf")))
    assert "Name: Małgorzata Wiśniewska" in card


def test_nurses_cannot_use_the_patient_export(nurse_client):
    assert nurse_client.get(EXPORT).status_code == 404
    assert nurse_client.get(reverse("alert_card_pdf")).status_code == 404


def nurse_export_url(patient, start, end) -> str:
    url = reverse("nurse:export_diary", args=[patient.pk])
    return f"{url}?start={start.isoformat()}&end={end.isoformat()}"


def test_a_nurse_downloads_their_patients_diary_with_who_acknowledged_each_flag(
    nurse_client, nurse, patient
):
    entry = make_entry(patient, days_ago(5), difficulty_walking=True)
    acknowledge_flag(
        flag=entry.flags.get(), nurse=nurse, actions=["phoned_patient"], note="Seen"
    )
    response = nurse_client.get(nurse_export_url(patient, days_ago(89), days_ago(0)))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = " ".join(pdf_text(response).split())
    assert "Pat Patient" in text
    assert f"Acknowledged by {nurse.full_name}" in text
    assert "Action: Phoned the patient" in text
    assert AuditEvent.objects.filter(actor=nurse, patient=patient).exists()


def test_a_nurse_of_another_team_gets_a_404_for_the_pdfs(client, patient):
    stranger_nurse = make_nurse(make_team("Another Team"))
    log_in(client, stranger_nurse)
    url = nurse_export_url(patient, days_ago(27), days_ago(0))
    assert client.get(url).status_code == 404
    card = reverse("nurse:alert_card_pdf", args=[patient.pk])
    assert client.get(card).status_code == 404


def test_a_patient_cannot_use_the_nurse_export_even_for_their_own_diary(
    patient_client, patient
):
    url = nurse_export_url(patient, days_ago(27), days_ago(0))
    assert patient_client.get(url).status_code == 404
    card = reverse("nurse:alert_card_pdf", args=[patient.pk])
    assert patient_client.get(card).status_code == 404


def test_a_patients_pdf_holds_only_their_own_diary(
    patient_client, patient, other_patient
):
    make_entry(patient, days_ago(2), questions_for_team="Mine")
    make_entry(other_patient, days_ago(2), questions_for_team="Not yours")
    text = pdf_text(patient_client.get(export_url(days_ago(6), days_ago(0))))
    assert "Mine" in text
    assert "Not yours" not in text and "Olive Other" not in text


def test_signed_out_visitors_are_sent_to_log_in(client):
    response = client.get(export_url(days_ago(6), days_ago(0)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_name_without_latin_letters_still_names_the_file(client, team):
    arabic = make_patient(team, name="مريم")
    log_in(client, arabic.user)
    response = client.get(export_url(days_ago(6), days_ago(0)))
    disposition = response["Content-Disposition"]
    assert disposition == (
        f'attachment; filename="diary_patient-{arabic.pk}_'
        f'{days_ago(6).isoformat()}_{days_ago(0).isoformat()}.pdf"'
    )


def test_back_pain_signs_are_listed_with_the_other_warning_signs(
    patient_client, patient
):
    make_entry(
        patient, days_ago(1), pain_score=5, back_pain_band=True, very_thirsty=True
    )
    response = patient_client.get(export_url(days_ago(6), days_ago(0)))
    text = " ".join(pdf_text(response).split())
    assert "Back pain is also felt around the front of the chest or belly" in text
    assert "Being very thirsty" in text
