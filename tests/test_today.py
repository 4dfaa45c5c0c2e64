import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from diary.models import DailyEntry
from tests.factories import days_ago, form_post, make_entry

TODAY = reverse("today")


def test_it_requires_login(client, db):
    response = client.get(TODAY)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_the_form_in_sections(patient_client):
    response = patient_client.get(TODAY)
    assert response.status_code == 200
    for heading in (
        "Pain",
        "Spinal cord warning signs",
        "Calcium warning signs",
        "Notes and questions",
    ):
        assert heading in response.content.decode()


def test_it_hides_bone_drug_questions_from_patients_not_on_one(patient_client):
    response = patient_client.get(TODAY)
    assert 'name="tingling_mouth"' not in response.content.decode()


def test_it_shows_bone_drug_questions_to_patients_on_one(client, patient):
    patient.bone_therapy = "denosumab"
    patient.save()
    client.force_login(patient.user)
    assert 'name="tingling_mouth"' in client.get(TODAY).content.decode()


def test_it_saves_todays_entry_and_shows_the_result(patient_client, patient):
    response = patient_client.post(
        TODAY, form_post(pain_score="4", pain_sites=["pelvis_hip"])
    )
    entry = DailyEntry.objects.get(patient=patient)
    assert response.status_code == 302
    assert response.url == reverse("entry_saved", kwargs={"day": entry.entry_date})
    assert entry.pain_score == 4
    assert entry.pain_sites == ["pelvis_hip"]
    assert entry.entered_by == patient.user


def test_unanswered_questions_stay_unanswered(patient_client, patient):
    patient_client.post(TODAY, form_post())
    entry = DailyEntry.objects.get(patient=patient)
    assert entry.difficulty_walking is None
    assert entry.numbness is None
    assert entry.temperature_c is None


def test_none_of_these_today_answers_the_section_no(patient_client, patient):
    patient_client.post(TODAY, form_post(none_spinal_cord="on"))
    entry = DailyEntry.objects.get(patient=patient)
    assert entry.difficulty_walking is False
    assert entry.bladder_bowel_problem is False
    assert entry.numbness == []
    assert entry.very_thirsty is None  # another section, left untouched


def test_none_of_these_today_with_a_yes_is_an_error(patient_client, patient):
    response = patient_client.post(
        TODAY, form_post(none_spinal_cord="on", difficulty_walking="yes", notes="kept")
    )
    assert response.status_code == 400
    assert "also answered yes" in response.content.decode()
    assert "kept" in response.content.decode()
    assert not DailyEntry.objects.exists()


def test_saving_today_again_updates_the_entry(patient_client, patient):
    patient_client.post(TODAY, form_post(pain_score="3"))
    response = patient_client.post(TODAY, form_post(pain_score="6"))
    assert response.status_code == 302
    assert DailyEntry.objects.get(patient=patient).pain_score == 6


def test_a_second_new_entry_for_the_same_day_gets_a_message(patient_client, patient):
    response = patient_client.post(
        reverse("entry_edit", kwargs={"day": days_ago(1)}), form_post(days_ago(1))
    )
    assert response.status_code == 302
    # A second tab opened before the first save posts a new entry for the same day.
    response = patient_client.post(TODAY, form_post(days_ago(1), notes="second tab"))
    assert response.status_code == 400
    assert "already a diary entry" in response.content.decode()
    assert "second tab" in response.content.decode()
    assert DailyEntry.objects.filter(patient=patient).count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pain_score", "11", "Choose a pain score from 0 to 10."),
        ("pain_score", "", "Choose a pain score from 0 to 10."),
        ("fatigue_score", "-1", "Choose a tiredness score from 0 to 10."),
        ("temperature_c", "50", "Enter a temperature between 34.0 and 43.0"),
        ("temperature_c", "33.9", "Enter a temperature between 34.0 and 43.0"),
        ("temperature_c", "warm", "Enter a temperature in °C"),
        ("breakthrough_doses", "25", "from 0 to 24"),
        ("pain_sites", "spleen", "Choose from the places listed."),
        ("difficulty_walking", "maybe", "Select a valid choice"),
        ("notes", "x" * 2001, "2,000 characters or fewer"),
    ],
)
def test_bad_input_gets_a_message_and_keeps_the_other_answers(
    patient_client, patient, field, value, message
):
    data = form_post(questions_for_team="Can I swim?", very_thirsty="yes")
    data[field] = value
    response = patient_client.post(TODAY, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert "Can I swim?" in body
    assert 'id="id_very_thirsty_0" checked' in body
    assert not DailyEntry.objects.exists()


def test_a_future_date_is_refused(patient_client):
    tomorrow = days_ago(-1)
    response = patient_client.post(TODAY, form_post(tomorrow))
    assert response.status_code == 400
    assert "future date" in response.content.decode()
    assert not DailyEntry.objects.exists()


def test_a_date_older_than_seven_days_is_refused(patient_client):
    response = patient_client.post(TODAY, form_post(days_ago(8)))
    assert response.status_code == 400
    assert "only fill in the last 7 days" in response.content.decode()


def test_a_patient_can_back_fill_seven_days_ago(patient_client, patient):
    url = reverse("entry_edit", kwargs={"day": days_ago(7)})
    assert patient_client.post(url, form_post(days_ago(7))).status_code == 302
    assert DailyEntry.objects.get(patient=patient).entry_date == days_ago(7)


def test_an_entry_older_than_seven_days_is_read_only(patient_client, patient):
    make_entry(patient, days_ago(9))
    response = patient_client.get(reverse("entry_edit", kwargs={"day": days_ago(9)}))
    assert response.status_code == 302
    assert response.url == reverse("entry_detail", kwargs={"day": days_ago(9)})


def test_a_nurse_gets_404_on_the_patient_form(nurse_client):
    assert nurse_client.get(TODAY).status_code == 404


def test_temperature_is_stored_with_one_decimal(patient_client, patient):
    patient_client.post(TODAY, form_post(temperature_c="37.5"))
    assert DailyEntry.objects.get(patient=patient).temperature_c == Decimal("37.5")


def test_today_is_the_london_date_not_the_utc_date(patient_client, patient):
    # 23:30 UTC on 1 July is 00:30 BST on 2 July: the entry belongs to 2 July.
    moment = dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC)
    with mock.patch.object(timezone, "now", return_value=moment):
        patient_client.post(TODAY, form_post(dt.date(2026, 7, 2)))
        assert DailyEntry.objects.get(patient=patient).entry_date == dt.date(2026, 7, 2)
        assert b"How are you today?" in patient_client.get(TODAY).content


def test_the_notes_box_says_notes_are_not_checked_for_warning_signs(patient_client):
    body = patient_client.get(TODAY).content.decode()
    assert "Notes are not checked for warning signs" in body
