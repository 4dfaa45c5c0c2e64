"""Clinical notes: nurse-only, append-only, each with its author and time."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clinical import fields as dd
from diary.models import AuditEvent, ClinicalNote


def note_url(patient) -> str:
    return reverse("nurse:add_note", args=[patient.pk])


def test_a_note_is_added_with_its_author_and_time(nurse_client, nurse, patient):
    response = nurse_client.post(
        note_url(patient), {"text": "Discussed dexamethasone."}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#notes")
    note = ClinicalNote.objects.get()
    assert (note.patient, note.author, note.text) == (
        patient,
        nurse,
        "Discussed dexamethasone.",
    )
    body = nurse_client.get(
        reverse("nurse:patient", args=[patient.pk])
    ).content.decode()
    notes = body.split('id="notes"')[1]
    assert "Discussed dexamethasone." in notes and "Nora Nurse" in notes


def test_notes_are_listed_newest_first(nurse_client, patient):
    nurse_client.post(note_url(patient), {"text": "First note"})
    nurse_client.post(note_url(patient), {"text": "Second note"})
    body = nurse_client.get(
        reverse("nurse:patient", args=[patient.pk])
    ).content.decode()
    assert body.index("Second note") < body.index("First note")


def test_an_empty_note_is_refused_with_a_message(nurse_client, patient):
    response = nurse_client.post(note_url(patient), {"text": ""})
    assert response.status_code == 400
    assert "Write the note before saving it." in response.content.decode()
    assert not ClinicalNote.objects.exists()


def test_a_too_long_note_is_refused_and_kept(nurse_client, patient):
    text = "word " * 401
    response = nurse_client.post(note_url(patient), {"text": text})
    body = response.content.decode()
    assert response.status_code == 400
    assert "2,000 characters or fewer" in body
    assert text.strip() in body
    assert not ClinicalNote.objects.exists() and not AuditEvent.objects.exists()


def test_a_saved_note_cannot_be_changed(nurse, patient):
    note = ClinicalNote.objects.create(patient=patient, author=nurse, text="Original")
    note.text = "Rewritten"
    with pytest.raises(ValueError, match="append-only"):
        note.save()
    note.refresh_from_db()
    assert note.text == "Original"


def test_the_records_note_form_is_empty_after_a_note_was_refused(nurse_client, patient):
    nurse_client.post(note_url(patient), {"text": "x" * (dd.FREE_TEXT_MAX + 1)})
    body = nurse_client.get(reverse("nurse:patient", args=[patient.pk])).content
    form = body.decode().split('id="notes"')[1].split("</form>")[0]
    assert 'for="id_text"' in form and "New clinical note" in form
    assert "Only nurses see clinical notes." in form
    assert f'maxlength="{dd.FREE_TEXT_MAX}"' in form
    assert 'id="id_text">\n</textarea>' in form
    assert "is-invalid" not in form
