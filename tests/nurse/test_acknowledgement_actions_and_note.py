"""Acknowledging with the patient's number and note in view, and recording
every action taken (issue 15, item 6)."""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from pypdf import PdfReader

from diary.models import Acknowledgement, AuditEvent, ClinicalNote
from diary.services import acknowledge_flag
from tests.factories import days_ago, make_entry, make_nurse
from tests.nurse.helpers import red_entry

NOTE = "Legs felt heavy on the stairs this evening."
QUESTION = "Should I still go to the gym?"


def ack_url(flag) -> str:
    return reverse("nurse:acknowledge", args=[flag.pk])


def test_the_acknowledge_page_shows_the_patients_number_and_own_note(
    nurse_client, patient
):
    patient.mobile_phone = "07700 900461"
    patient.save()
    entry = make_entry(
        patient,
        days_ago(1),
        difficulty_walking=True,
        notes=NOTE,
        questions_for_team=QUESTION,
    )
    page = nurse_client.get(ack_url(entry.flags.get())).content.decode()
    assert re.search(r'href="tel:07700900461">07700 900461', page)
    assert NOTE in page and QUESTION in page


def test_the_acknowledge_page_says_when_the_patient_wrote_nothing(
    nurse_client, patient
):
    page = nurse_client.get(ack_url(red_entry(patient, days_ago(1)).flags.get()))
    assert "No note or question with this entry." in page.content.decode()


def test_two_actions_are_saved_in_the_lists_order_and_audited(
    nurse_client, nurse, patient
):
    flag = red_entry(patient, days_ago(1)).flags.get()
    response = nurse_client.post(
        ack_url(flag),
        {"action": ["advised_ae", "phoned_patient"], "note": "Rang her: go to A&E."},
    )
    assert response.status_code == 302
    ack = Acknowledgement.objects.get(flag=flag)
    assert ack.actions == ["phoned_patient", "advised_ae"]
    event = AuditEvent.objects.get(action="acknowledged_flag")
    assert event.detail["actions"] == ["phoned_patient", "advised_ae"]


def test_no_action_ticked_is_refused_with_the_note_kept(nurse_client, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    response = nurse_client.post(ack_url(flag), {"note": "Rang twice, no answer."})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Tick at least one thing you did about this flag." in body
    assert "Rang twice, no answer." in body
    assert not Acknowledgement.objects.exists()


def test_the_record_and_the_entry_show_every_action(nurse_client, nurse, patient):
    entry = red_entry(patient, days_ago(1))
    acknowledge_flag(
        flag=entry.flags.get(),
        nurse=nurse,
        actions=["phoned_patient", "advised_ae"],
        note="Going now.",
    )
    both = "Phoned the patient; Advised going to A&amp;E"
    record = nurse_client.get(reverse("nurse:patient", args=[patient.pk]))
    assert both in record.content.decode()
    day = nurse_client.get(reverse("nurse:entry", args=[patient.pk, entry.entry_date]))
    assert both in day.content.decode()


def test_the_diary_pdf_shows_every_action(nurse_client, nurse, patient):
    entry = red_entry(patient, days_ago(1))
    acknowledge_flag(
        flag=entry.flags.get(),
        nurse=nurse,
        actions=["phoned_patient", "advised_ae"],
        note="Going now.",
    )
    url = reverse("nurse:export_diary", args=[patient.pk])
    response = nurse_client.get(
        f"{url}?start={days_ago(30).isoformat()}&end={days_ago(0).isoformat()}"
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Action: Phoned the patient; Advised going to A&E" in text


def test_a_late_acknowledgement_keeps_every_action_in_its_clinical_note(
    nurse, team, patient
):
    flag = red_entry(patient, days_ago(1)).flags.get()
    acknowledge_flag(flag=flag, nurse=nurse, actions=["phoned_patient"], note="")
    colleague = make_nurse(team, email="colleague@example.org")
    outcome = acknowledge_flag(
        flag=flag,
        nurse=colleague,
        actions=["phoned_patient", "arranged_assessment"],
        note="MRI booked.",
    )
    assert not outcome.won
    text = ClinicalNote.objects.get(author=colleague).text
    assert text.startswith("Phoned the patient; Arranged an assessment (about")
    assert text.endswith("MRI booked.")


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_an_old_single_action_as_a_list_of_one(nurse, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    # The last migration with the single `action` column.
    before = ("diary", "0002_nurse_review")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    old.get_model("diary", "Acknowledgement").objects.create(
        flag_id=flag.pk, nurse_id=nurse.pk, action="advised_ae", note="Old one."
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    ack = Acknowledgement.objects.get(flag=flag)
    assert ack.actions == ["advised_ae"] and ack.note == "Old one."
