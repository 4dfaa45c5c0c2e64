"""Acknowledging a flag: a required action from the list, a required note, one winner.

Decision: two acknowledgements of the same flag never error and never lose
either nurse's record. Exactly one Acknowledgement exists per flag (the
first); a later one returns that first acknowledgement, and the later nurse's
action and note are kept as a clinical note on the patient's record.
"""

from __future__ import annotations

import re

from django.urls import reverse

from diary.models import Acknowledgement, AuditEvent, ClinicalNote, Flag
from diary.services import acknowledge_flag, record_entry
from tests.factories import days_ago, entry_data, log_in, make_nurse
from tests.nurse.helpers import red_entry


def ack_url(flag: Flag) -> str:
    return reverse("nurse:acknowledge", args=[flag.pk])


def test_acknowledging_records_who_when_and_what(nurse, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    outcome = acknowledge_flag(
        flag=flag,
        nurse=nurse,
        actions=["advised_ae"],
        note="Told her to go to A&E now.",
    )
    assert outcome.won and outcome.late_note is None
    flag.refresh_from_db()
    assert flag.status == "acknowledged"
    ack = flag.acknowledgement
    assert (ack.nurse, ack.actions, ack.note) == (
        nurse,
        ["advised_ae"],
        "Told her to go to A&E now.",
    )
    assert ack.created_at is not None


def test_a_second_acknowledgement_neither_errors_nor_loses_either_record(
    team, nurse, patient
):
    colleague = make_nurse(team)
    flag = red_entry(patient, days_ago(1)).flags.get()
    first = acknowledge_flag(
        flag=flag, nurse=nurse, actions=["phoned_patient"], note="First call."
    )
    stale = Flag.objects.get(pk=flag.pk)
    stale.status = "open"  # the second nurse's page still showed it open
    second = acknowledge_flag(
        flag=stale, nurse=colleague, actions=["advised_ae"], note="Also advised A&E."
    )
    assert first.won and not second.won
    assert Acknowledgement.objects.filter(flag=flag).count() == 1
    assert second.acknowledgement.nurse == nurse  # the second sees who got there first
    note = ClinicalNote.objects.get(patient=patient)
    assert note.author == colleague
    assert "Advised going to A&E" in note.text and "Also advised A&E." in note.text


def test_a_withdrawn_flag_cannot_be_acknowledged_but_the_action_is_kept(nurse, patient):
    entry = red_entry(patient, days_ago(1))
    flag = entry.flags.get()
    record_entry(
        patient=patient, data=entry_data(days_ago(1)), by=patient.user, entry=entry
    )
    outcome = acknowledge_flag(
        flag=flag, nurse=nurse, actions=["phoned_patient"], note=""
    )
    assert not outcome.won and outcome.acknowledgement is None
    assert outcome.late_note.text.startswith("Phoned the patient")
    assert not Acknowledgement.objects.exists()


def test_acknowledging_from_the_queue_takes_the_flag_off_it(nurse_client, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    queue = reverse("nurse:queue")
    assert "Pat Patient" in nurse_client.get(queue).content.decode()
    response = nurse_client.post(
        ack_url(flag), {"action": "phoned_patient", "note": "Spoke to her."}
    )
    assert response.status_code == 302 and response["Location"] == queue
    body = nurse_client.get(queue).content.decode()
    assert "Acknowledged: possible spinal cord compression for Pat Patient." in body
    assert "No open red or amber flags" in body


def test_the_action_is_required(nurse_client, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    response = nurse_client.post(ack_url(flag), {"note": "Kept text"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Tick at least one thing you did about this flag." in body
    assert "Kept text" in body
    flag.refresh_from_db()
    assert (
        flag.status == "open"
        and not AuditEvent.objects.filter(action="acknowledged_flag").exists()
    )


def test_an_unknown_action_is_refused(nurse_client, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    response = nurse_client.post(ack_url(flag), {"action": "ignored_it"})
    assert response.status_code == 400
    assert "Choose one of the actions listed." in response.content.decode()


def test_the_note_is_required_and_the_chosen_action_stays(nurse_client, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    response = nurse_client.post(ack_url(flag), {"action": "advised_ae", "note": "  "})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Write a note about what you did." in body
    assert re.search(r'value="advised_ae"[^>]*\bchecked\b', body)
    flag.refresh_from_db()
    assert flag.status == "open" and not Acknowledgement.objects.exists()


def test_every_action_of_the_list_is_offered_and_accepted(nurse_client, patient):
    actions = [
        "phoned_patient",
        "advised_ae",
        "arranged_assessment",
        "referred_palliative_care",
        "changed_pain_relief",
        "no_action_needed",
        "other",
    ]
    page = nurse_client.get(ack_url(red_entry(patient, days_ago(1)).flags.get()))
    offered = re.findall(r'name="action" value="([a-z_]+)"', page.content.decode())
    assert offered == actions
    for n, action in enumerate(actions, start=2):
        flag = red_entry(patient, days_ago(n)).flags.get()
        response = nurse_client.post(ack_url(flag), {"action": action, "note": "Done."})
        assert response.status_code == 302
        assert Acknowledgement.objects.get(flag=flag).actions == [action]


def test_the_note_has_a_maximum_length(nurse_client, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    response = nurse_client.post(ack_url(flag), {"action": "other", "note": "x" * 2001})
    assert response.status_code == 400
    assert "2,000 characters or fewer (it has 2001)" in response.content.decode()
    flag.refresh_from_db()
    assert flag.status == "open"


def test_the_second_nurse_is_told_it_is_already_acknowledged(
    client, team, nurse, patient
):
    colleague = make_nurse(team)
    flag = red_entry(patient, days_ago(1)).flags.get()
    acknowledge_flag(flag=flag, nurse=nurse, actions=["phoned_patient"], note="On it.")
    log_in(client, colleague)
    page = client.get(ack_url(flag)).content.decode()
    assert "Already acknowledged" in page and "Nora Nurse" in page and "On it." in page
    assert 'name="action"' not in page
    # A post from a page loaded before the first nurse acted:
    response = client.post(
        ack_url(flag), {"action": "advised_ae", "note": "Me too."}, follow=True
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else closed this flag first" in body
    assert "Already acknowledged" in body
    assert Acknowledgement.objects.count() == 1
    assert ClinicalNote.objects.get().author == colleague


def test_a_flag_withdrawn_while_the_page_was_open_says_so(nurse_client, patient):
    entry = red_entry(patient, days_ago(1))
    flag = entry.flags.get()
    record_entry(
        patient=patient, data=entry_data(days_ago(1)), by=patient.user, entry=entry
    )
    response = nurse_client.post(
        ack_url(flag), {"action": "phoned_patient", "note": "Rang her."}, follow=True
    )
    body = response.content.decode()
    assert "The entry was changed and this flag no longer applies" in body
    assert "Someone else closed" not in body and "Withdrawn by edit" in body
    assert ClinicalNote.objects.get().text.endswith("Rang her.")


def test_acknowledging_from_the_record_returns_to_the_record(nurse_client, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    record = reverse("nurse:patient", args=[patient.pk])
    response = nurse_client.post(
        ack_url(flag) + f"?next={record}",
        {"action": "no_action_needed", "note": "Pain settled."},
    )
    assert response["Location"] == record


def test_next_never_leaves_the_site(nurse_client, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    response = nurse_client.post(
        ack_url(flag) + "?next=https://evil.example/",
        {"action": "no_action_needed", "note": "Pain settled."},
    )
    assert response["Location"] == reverse("nurse:queue")


def test_an_empty_post_is_refused_not_shown_as_a_blank_form(nurse_client, patient):
    flag = red_entry(patient, days_ago(1)).flags.get()
    response = nurse_client.post(ack_url(flag), {})
    assert response.status_code == 400
    assert (
        "Tick at least one thing you did about this flag." in response.content.decode()
    )
