"""The live prompt's check: the form's answers so far, graded, never saved."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from clinical.rules.guidance import RED_HEADLINE
from diary.models import AuditEvent, DailyEntry, Flag
from tests.factories import always_open, days_ago, log_in, make_entry, make_nurse

TODAY = days_ago(0)


def check_url(day=TODAY) -> str:
    return reverse("entry_check", kwargs={"day": day})


def check(client: Client, day=TODAY, **answers):
    return client.post(check_url(day), answers)


def test_it_answers_a_red_sign_with_red_the_booklet_words_and_the_numbers(
    patient_client, patient
):
    patient.acute_oncology_phone = "0800 999 1111"
    patient.save()
    response = check(patient_client, difficulty_walking="yes")
    assert response.status_code == 200
    body = response.json()
    assert body["level"] == "red"
    assert body["conditions"] == ["Possible spinal cord compression"]
    assert body["headline"] == RED_HEADLINE
    assert [c["number"] for c in body["calls"]] == [
        "0800 999 1111",
        patient.specialist_phone,
    ]
    assert 'href="tel:08009991111"' in body["html"]
    assert "Red: act now" in body["html"]
    assert "Contact your local A&amp;E department" in body["html"]


def test_it_answers_before_the_scores_are_given(patient_client):
    body = check(patient_client, bladder_bowel_problem="yes").json()
    assert body["level"] == "red"


def test_it_answers_an_amber_sign_with_the_specialist_team_first(
    patient_client, patient
):
    always_open(patient.team)  # in working hours (out of hours: 24-hour line first)
    body = check(patient_client, leg_swelling="yes").json()
    assert body["level"] == "amber"
    assert body["headline"].startswith("Contact your specialist team today")
    assert body["calls"][0]["number"] == patient.specialist_phone
    assert "Amber: contact your team today" in body["html"]


def test_it_shows_no_prompt_when_nothing_needs_action(patient_client):
    body = check(
        patient_client,
        none_spinal_cord="on",
        none_calcium="on",
        pain_score="2",
        fatigue_score="3",
    ).json()
    assert body["level"] == "none"
    assert body["html"] == "" and body["calls"] == []


def test_it_reads_none_of_these_today_as_a_save_would(patient_client):
    body = check(patient_client, none_spinal_cord="on").json()
    assert body["level"] == "none"


def test_it_saves_nothing_and_leaves_the_saved_entry_as_it_was(patient_client, patient):
    entry = make_entry(patient, TODAY)
    before = (
        DailyEntry.objects.count(),
        Flag.objects.count(),
        AuditEvent.objects.count(),
        DailyEntry.objects.get(pk=entry.pk).updated_at,
    )
    assert check(patient_client, difficulty_walking="yes").json()["level"] == "red"
    assert check(patient_client, day=days_ago(2), vomiting="yes").status_code == 200
    after = (
        DailyEntry.objects.count(),
        Flag.objects.count(),
        AuditEvent.objects.count(),
        DailyEntry.objects.get(pk=entry.pk).updated_at,
    )
    assert after == before
    entry.refresh_from_db()
    assert entry.level == "none" and entry.difficulty_walking is None


def test_it_checks_the_signed_in_patients_own_profile_not_anothers(
    patient_client, other_patient
):
    """Only the signed-in patient's profile counts: a posted profile field or
    another patient's id changes nothing."""
    other_patient.on_chemotherapy = True
    other_patient.save()
    # 38.0 °C is red only for someone on chemotherapy (red-flags.md).
    body = check(
        patient_client,
        temperature_c="38.0",
        on_chemotherapy="yes",
        patient=str(other_patient.pk),
    ).json()
    assert body["level"] != "red"
    other = Client()
    log_in(other, other_patient.user)
    assert check(other, temperature_c="38.0").json()["level"] == "red"


def test_it_grades_against_the_patients_diary_as_a_save_would(patient_client, patient):
    """Numbness in the toes is red when new, amber when already reported; the
    day's own saved entry is being replaced, so it is not its own history."""
    make_entry(patient, TODAY, numbness=["toes"])
    assert check(patient_client, numbness=["toes"]).json()["level"] == "red"
    make_entry(patient, days_ago(1), numbness=["toes"])
    assert check(patient_client, numbness=["toes"]).json()["level"] == "amber"


def test_it_is_for_signed_in_patients_only(client, patient, team):
    response = check(client, difficulty_walking="yes")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    nurse = Client()
    log_in(nurse, make_nurse(team))
    assert check(nurse, difficulty_walking="yes").status_code == 404


def test_it_refuses_a_get(patient_client):
    response = patient_client.get(check_url(), {"difficulty_walking": "yes"})
    assert response.status_code == 405


def test_it_refuses_a_post_without_the_pages_csrf_token(patient):
    client = Client(enforce_csrf_checks=True)
    log_in(client, patient.user)
    assert check(client, difficulty_walking="yes").status_code == 403


def test_it_refuses_a_future_day_or_one_too_old_to_fill_in(patient_client):
    assert check(patient_client, day=days_ago(-1)).status_code == 404
    assert check(patient_client, day=days_ago(8)).status_code == 404


@pytest.mark.parametrize(
    "answers",
    [
        {"difficulty_walking": "perhaps"},
        {"pain_score": "11"},
        {"temperature_c": "hot"},
        {"numbness": ["none", "toes"]},
        {"breakthrough_doses": "-1"},
    ],
)
def test_it_answers_bad_input_with_a_400_naming_the_answer(patient_client, answers):
    response = check(patient_client, **answers)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    problems = response.json()["not_checked"]
    assert list(problems) == list(answers)


def test_it_still_checks_the_rest_when_one_answer_cannot_be_read(patient_client):
    """A °F reading must not hide a spinal cord warning sign."""
    response = check(patient_client, temperature_c="100", difficulty_walking="yes")
    assert response.status_code == 400
    body = response.json()
    assert body["level"] == "red"
    assert body["not_checked"] == {
        "temperature_c": "That looks like °F; enter °C (e.g. 37.5)."
    }


def test_a_none_of_these_box_ticked_with_a_yes_still_gives_the_yes(patient_client):
    response = check(patient_client, none_spinal_cord="on", difficulty_walking="yes")
    assert response.status_code == 400
    assert json.loads(response.content)["level"] == "red"
