"""A form with errors that reports warning signs: the guidance never waits
for a missing score (issue 15 item 1, HAZ-13)."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from diary.models import AlertEmail, DailyEntry, Flag
from diary.services import record_entry
from tests.factories import days_ago, entry_data, form_post, log_in, make_nurse

TODAY = reverse("today")
RED_SIGNS = {"difficulty_walking": "yes", "numbness": ["toes"]}


def without(data: dict, *codes: str) -> dict:
    return {k: v for k, v in data.items() if k not in codes}


def post_red_without_tiredness(client, **extra):
    return client.post(TODAY, without(form_post(**RED_SIGNS, **extra), "fatigue_score"))


def test_red_signs_with_a_missing_tiredness_score_show_the_red_guidance(
    patient_client, patient
):
    response = post_red_without_tiredness(patient_client)
    page = response.content.decode()
    assert response.status_code == 400  # the missing score is still asked for
    assert "Possible spinal cord compression" in page
    assert patient.acute_phone in page
    assert "Choose a tiredness score from 0 to 10." in page
    # The guidance comes before the list of problems.
    assert page.index('id="guidance"') < page.index('id="error-summary"')
    assert "We have saved the warning signs you gave and told your team" in page


def test_what_the_patient_gave_is_saved_with_the_missing_score_not_answered(
    patient_client, patient
):
    post_red_without_tiredness(patient_client, pain_score="6", notes="legs heavy")
    entry = DailyEntry.objects.get(patient=patient)
    assert entry.fatigue_score is None
    assert (entry.pain_score, entry.difficulty_walking, entry.numbness) == (
        6,
        True,
        ["toes"],
    )
    assert entry.notes == "legs heavy"
    assert entry.level == "red"
    assert entry.flags.open().get().condition == "mscc"


def test_the_team_is_emailed_about_red_signs_saved_with_a_missing_score(
    patient_client, patient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_red_without_tiredness(patient_client)
    assert AlertEmail.objects.get().level == "red"
    assert mail.outbox[0].to == [patient.team.alert_email]


def test_both_scores_missing_do_not_hold_back_the_guidance(patient_client, patient):
    data = without(form_post(**RED_SIGNS), "pain_score", "fatigue_score")
    response = patient_client.post(TODAY, data)
    assert "Possible spinal cord compression" in response.content.decode()
    entry = DailyEntry.objects.get(patient=patient)
    assert (entry.pain_score, entry.fatigue_score) == (None, None)


def test_an_answer_with_an_error_is_saved_as_not_answered_and_keeps_its_message(
    patient_client, patient
):
    response = patient_client.post(TODAY, form_post(temperature_c="hot", **RED_SIGNS))
    page = response.content.decode()
    assert "Enter a temperature in °C, for example 37.2." in page
    assert 'value="hot"' in page  # what was typed stays on the page
    entry = DailyEntry.objects.get(patient=patient)
    assert entry.temperature_c is None and entry.level == "red"


def test_a_missing_score_with_no_warning_sign_still_saves_nothing(
    patient_client, patient
):
    response = patient_client.post(
        TODAY, without(form_post(nausea="yes"), "fatigue_score")
    )
    assert response.status_code == 400
    assert 'id="guidance"' not in response.content.decode()
    assert not DailyEntry.objects.filter(patient=patient).exists()


def test_saving_again_with_the_score_updates_the_same_entry(patient_client, patient):
    first = post_red_without_tiredness(patient_client)
    version = first.context["loaded_version"]
    assert version  # the page now holds the saved entry's version
    again = patient_client.post(
        TODAY, {**form_post(fatigue_score="4", **RED_SIGNS), "loaded_version": version}
    )
    assert again.status_code == 302
    entry = DailyEntry.objects.get(patient=patient)
    assert entry.fatigue_score == 4
    # The same red flag, not a second one to acknowledge.
    assert Flag.objects.filter(entry=entry).current().count() == 1


def test_red_signs_for_another_date_show_guidance_but_save_nothing(
    patient_client, patient
):
    response = patient_client.post(
        TODAY, without(form_post(day=days_ago(1), **RED_SIGNS), "fatigue_score")
    )
    page = response.content.decode()
    assert "Possible spinal cord compression" in page
    assert "These answers are not saved yet" in page
    assert "so nothing was saved" in page  # the date's own message
    assert not DailyEntry.objects.filter(patient=patient).exists()


def test_red_signs_never_replace_an_entry_saved_since_the_page_was_loaded(
    client, patient, team
):
    log_in(client, patient.user)
    loaded = client.get(TODAY).context["loaded_version"]
    nurse = make_nurse(team)
    record_entry(patient=patient, data=entry_data(pain_score=1), by=nurse)
    response = client.post(
        TODAY,
        {
            **without(form_post(**RED_SIGNS), "fatigue_score"),
            "loaded_version": loaded,
        },
    )
    page = response.content.decode()
    assert "Possible spinal cord compression" in page
    assert "These answers are not saved yet" in page
    assert f"your nurse {nurse.full_name} recorded it" in page
    entry = DailyEntry.objects.get(patient=patient)
    assert (entry.pain_score, entry.entered_by) == (1, nurse)
