"""The nurse edits the clinical profile fields; each change is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Team
from diary.models import AuditEvent
from diary.nurse.services import save_clinical_profile
from tests.factories import days_ago, make_entry
from tests.nurse.helpers import amber_entry

VALID = {
    "spine_metastases": "on",
    "bone_therapy": "denosumab",
    "on_chemotherapy": "",
    "specialist_team_phone": "",
    "acute_oncology_phone": "",
}


def profile_url(patient) -> str:
    return reverse("nurse:profile", args=[patient.pk])


def test_the_nurse_changes_the_clinical_profile(nurse_client, nurse, patient):
    response = nurse_client.post(profile_url(patient), VALID)
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.spine_metastases and patient.bone_therapy == "denosumab"
    event = AuditEvent.objects.get(action="changed_profile")
    assert event.actor == nurse and event.patient == patient
    assert event.detail["changes"] == {
        "spine_metastases": [False, True],
        "bone_therapy": ["none", "denosumab"],
    }


def test_the_new_profile_is_used_by_the_rules_for_new_entries(nurse_client, patient):
    nurse_client.post(profile_url(patient), {**VALID, "on_chemotherapy": "on"})
    patient.refresh_from_db()
    entry = make_entry(patient, days_ago(0), temperature_c="37.6")
    assert entry.level == "red"  # on chemotherapy, 37.5 or more is red


def test_a_bad_phone_number_is_refused_next_to_the_field(nurse_client, patient):
    response = nurse_client.post(
        profile_url(patient), {**VALID, "specialist_team_phone": "call me"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter a phone number using digits" in body
    assert 'value="call me"' in body
    patient.refresh_from_db()
    assert not patient.spine_metastases  # nothing half-saved
    assert not AuditEvent.objects.exists()


def test_saving_without_changes_records_nothing(nurse_client, patient):
    unchanged = {**VALID, "spine_metastases": "", "bone_therapy": "none"}
    response = nurse_client.post(profile_url(patient), unchanged, follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert not AuditEvent.objects.filter(action="changed_profile").exists()


def test_existing_flags_are_not_rewritten_by_a_profile_change(nurse_client, patient):
    flag = amber_entry(patient, days_ago(1)).flags.get()
    nurse_client.post(profile_url(patient), VALID)
    flag.refresh_from_db()
    assert flag.status == "open" and flag.level == "amber"


def test_the_teams_numbers_in_the_hints_are_escaped(nurse_client, team, patient):
    """The hints quote the team's numbers and form hints are printed as HTML:
    a number that got past validation (an import, a shell) must print as text."""
    Team.objects.filter(pk=team.pk).update(specialist_team_phone="<b>0161</b>")
    body = nurse_client.get(profile_url(patient)).content.decode()
    assert "<b>0161</b>" not in body
    assert "&lt;b&gt;0161&lt;/b&gt;" in body


def test_it_saves_the_profile_from_plain_values_auditing_what_was_stored(
    nurse, patient
):
    """The service needs no form: a stale copy of the patient (as a form leaves
    it) does not change what the audit event says was there before."""
    patient.bone_therapy = "bisphosphonate_iv"  # not saved
    changed = save_clinical_profile(
        patient=patient,
        nurse=nurse,
        values={"bone_therapy": "denosumab", "on_chemotherapy": False},
    )
    assert changed == ["bone_therapy"]
    patient.refresh_from_db()
    assert patient.bone_therapy == "denosumab"
    event = AuditEvent.objects.get(action="changed_profile")
    assert event.detail["changes"] == {"bone_therapy": ["none", "denosumab"]}


def test_it_refuses_to_set_a_field_outside_the_clinical_profile(nurse, patient):
    with pytest.raises(ValueError, match="team"):
        save_clinical_profile(patient=patient, nurse=nurse, values={"team": None})
    assert not AuditEvent.objects.exists()
