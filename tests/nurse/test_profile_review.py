"""A new patient's clinical profile is 'not yet reviewed' until a nurse saves
it: a task in the queue, and the rules take the safer answer meanwhile
(issue 15 item 7, HAZ-16)."""

from __future__ import annotations

import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import PatientProfile
from diary import audit
from diary import fields as dd
from diary.models import AuditEvent
from tests.factories import days_ago, log_in, make_entry, make_patient

TASK = "Clinical profile not yet reviewed"
UNCHANGED = {
    "spine_metastases": "",
    "bone_therapy": "none",
    "on_chemotherapy": "",
    "specialist_team_phone": "",
    "acute_oncology_phone": "",
}


@pytest.fixture
def new_patient(team):
    return make_patient(team, name="Nell New", reviewed=False)


def profile_url(patient: PatientProfile) -> str:
    return reverse("nurse:profile", args=[patient.pk])


def queue_page(client) -> str:
    return client.get(reverse("nurse:queue")).content.decode()


def back_pain_5_today(patient: PatientProfile):
    """Back pain scored 5 today, as yesterday: neither new nor rising nor
    severe, so only 'cancer known in the spine' can flag it."""
    back = {"pain_score": 5, "pain_sites": ["back"]}
    make_entry(patient, days_ago(1), **back)
    return make_entry(patient, days_ago(0), **back)


def test_it_lists_a_new_patient_in_the_queue_with_a_link_to_the_profile(
    nurse_client, new_patient
):
    body = queue_page(nurse_client)
    assert TASK in body
    assert profile_url(new_patient) in body
    assert "Review the clinical profile of Nell New" in body


def test_an_invited_patient_starts_with_a_profile_not_yet_reviewed(nurse_client, team):
    nurse_client.post(
        reverse("nurse:invite"),
        {"full_name": "Iris Invited", "email": "iris@example.org", "team": team.pk},
    )
    invited = PatientProfile.objects.get(user__email="iris@example.org")
    assert not invited.profile_reviewed
    assert "Review the clinical profile of Iris Invited" in queue_page(nurse_client)


def test_confirming_the_unchanged_profile_removes_the_task_and_is_audited(
    nurse_client, nurse, new_patient
):
    response = nurse_client.post(profile_url(new_patient), UNCHANGED, follow=True)
    assert "Profile reviewed and saved." in response.content.decode()
    new_patient.refresh_from_db()
    assert new_patient.profile_reviewed_by == nurse
    assert new_patient.profile_reviewed_at is not None
    event = AuditEvent.objects.get(action=audit.Action.CHANGED_PROFILE)
    assert event.actor == nurse and event.patient == new_patient
    assert event.detail == {"changes": {}, "confirmed": True}
    assert TASK not in queue_page(nurse_client)


def test_a_refused_profile_form_does_not_confirm_the_review(nurse_client, new_patient):
    response = nurse_client.post(
        profile_url(new_patient), {**UNCHANGED, "specialist_team_phone": "call me"}
    )
    assert response.status_code == 400
    new_patient.refresh_from_db()
    assert not new_patient.profile_reviewed
    assert not AuditEvent.objects.filter(action="changed_profile").exists()


def test_another_teams_unreviewed_patients_are_never_shown(nurse_client, db):
    make_patient(name="Olga Elsewhere", reviewed=False)
    body = queue_page(nurse_client)
    assert TASK not in body and "Olga Elsewhere" not in body


def test_another_teams_nurse_cannot_open_or_confirm_the_profile(
    client, other_team_nurse, new_patient
):
    log_in(client, other_team_nurse)
    assert client.get(profile_url(new_patient)).status_code == 404
    assert client.post(profile_url(new_patient), UNCHANGED).status_code == 404
    new_patient.refresh_from_db()
    assert not new_patient.profile_reviewed


def test_the_record_and_the_form_say_the_profile_is_not_yet_reviewed(
    nurse_client, new_patient
):
    record = nurse_client.get(reverse("nurse:patient", args=[new_patient.pk]))
    assert TASK in record.content.decode()
    form = nurse_client.get(profile_url(new_patient)).content.decode()
    assert "Not yet reviewed." in form and "Confirm and save the profile" in form


def test_the_record_names_who_reviewed_the_profile(nurse_client, nurse, new_patient):
    nurse_client.post(profile_url(new_patient), UNCHANGED)
    record = nurse_client.get(reverse("nurse:patient", args=[new_patient.pk]))
    body = record.content.decode()
    assert f"Clinical profile reviewed by {nurse.full_name}" in body
    assert TASK not in body


def test_back_pain_score_5_flags_as_with_spine_metastases_until_reviewed(
    new_patient,
):
    entry = back_pain_5_today(new_patient)
    flag = entry.flags.get(condition="mscc")
    assert flag.level == "amber"
    assert flag.rule_id == "mscc.amber.back_pain_spine_metastases"
    assert flag.reasons["spine_metastases"] == "not_reviewed"
    assert (
        "Spinal metastases: profile not yet reviewed, taken as yes",
        "",
    ) in dd.clinical_reasons(flag.reasons)


def test_a_temperature_of_37_6_is_red_as_on_chemotherapy_until_reviewed(
    new_patient,
):
    entry = make_entry(new_patient, days_ago(0), temperature_c="37.6")
    flag = entry.flags.get(condition="infection")
    assert (entry.level, flag.rule_id) == (
        "red",
        "infection.red.high_temperature_on_chemotherapy",
    )
    assert flag.reasons["on_chemotherapy"] == "not_reviewed"


def test_bone_drug_questions_are_asked_and_flag_until_reviewed(new_patient, client):
    log_in(client, new_patient.user)
    page = client.get(reverse("today")).content.decode()
    assert 'name="tingling_mouth"' in page
    entry = make_entry(new_patient, days_ago(0), tingling_mouth=True)
    flag = entry.flags.get(condition="hypocalcaemia")
    assert flag.reasons["bone_therapy"] == "not_reviewed"


def test_a_reviewed_profile_uses_its_real_answers(nurse_client, new_patient):
    nurse_client.post(profile_url(new_patient), UNCHANGED)
    new_patient.refresh_from_db()
    back = back_pain_5_today(new_patient)
    assert not back.flags.filter(condition="mscc").exists()
    fever = make_entry(new_patient, days_ago(2), temperature_c="37.6")
    assert fever.level == "green"  # not on chemotherapy: measure again
    tingling = make_entry(new_patient, days_ago(3), tingling_mouth=True)
    assert not tingling.flags.exists()  # no bone drug: not asked, not flagged


def test_the_migration_marks_reviewed_only_profiles_a_nurse_saved(
    nurse, team, new_patient
):
    saved = make_patient(team, name="Sid Saved", reviewed=False)
    event = audit.record(
        actor=nurse,
        patient=saved,
        action=audit.Action.CHANGED_PROFILE,
        changes={"on_chemotherapy": [False, True]},
    )
    migration = importlib.import_module("accounts.migrations.0007_profile_review")
    migration.mark_nurse_saved_profiles_reviewed(apps, None)
    saved.refresh_from_db()
    new_patient.refresh_from_db()
    assert saved.profile_reviewed_at == event.at
    assert saved.profile_reviewed_by == nurse
    assert not new_patient.profile_reviewed


def test_the_clinic_pdf_says_the_profile_is_not_yet_reviewed(client, new_patient):
    log_in(client, new_patient.user)
    start, end = days_ago(30), days_ago(0)
    response = client.get(f"{reverse('export_diary')}?start={start}&end={end}")
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    first = " ".join(page.extract_text().split())
    assert "Spinal metastases profile not yet reviewed, taken as yes" in first
    assert "Bone therapy profile not yet reviewed, taken as on a bone drug" in first


def test_the_admin_shows_the_review_but_cannot_set_it(client, staff_user, new_patient):
    staff_user.is_superuser = True
    staff_user.save()
    log_in(client, staff_user)
    url = reverse("admin:accounts_patientprofile_change", args=[new_patient.pk])
    body = client.get(url).content.decode()
    assert "Clinical profile reviewed at" in body
    assert 'name="profile_reviewed_at"' not in body
    user_url = reverse("admin:accounts_user_change", args=[new_patient.user.pk])
    assert client.get(user_url).status_code == 200
