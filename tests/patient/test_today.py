import datetime as dt
import re
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from clinical import fields as dd
from diary.models import DailyEntry
from diary.services import record_entry
from tests.factories import days_ago, entry_data, form_post, log_in, make_entry

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
    log_in(client, patient.user)
    assert 'name="tingling_mouth"' in client.get(TODAY).content.decode()


def test_it_saves_todays_entry_and_shows_the_result(patient_client, patient):
    response = patient_client.post(
        TODAY, form_post(pain_score="4", pain_sites=["pelvis_hip"])
    )
    entry = DailyEntry.objects.get(patient=patient)
    assert response.status_code == 302
    # Straight to the guidance, past the menu (issue 15 item 3).
    saved = reverse("entry_saved", kwargs={"day": entry.entry_date})
    assert response.url == f"{saved}#guidance"
    assert entry.pain_score == 4
    assert entry.pain_sites == ["pelvis_hip"]
    assert entry.entered_by == patient.user


def test_unanswered_questions_stay_unanswered(patient_client, patient):
    patient_client.post(TODAY, form_post())
    entry = DailyEntry.objects.get(patient=patient)
    assert entry.difficulty_walking is None
    assert entry.numbness is None
    assert entry.temperature_c is None


@pytest.mark.parametrize("section", dd.WARNING_SECTIONS)
def test_none_of_these_today_answers_every_question_of_its_section_no(
    client, patient, section
):
    patient.bone_therapy = "denosumab"  # so the bones section has all its questions
    patient.save()
    log_in(client, patient.user)
    page = client.get(TODAY).content.decode()
    assert f'name="none_{section}"' in page
    response = client.post(TODAY, form_post(**{f"none_{section}": "on"}))
    assert response.status_code == 302
    entry = DailyEntry.objects.get(patient=patient)
    for field in dd.ENTRY_FIELDS:
        value = getattr(entry, field.code)
        if field.section == section and field.kind == "bool":
            assert value is False, field.code
        elif field.code == "numbness":
            assert value == ([] if section == "spinal_cord" else None)
        elif field.kind in ("bool", "multi", "choice", "count", "temperature"):
            assert value is None, f"{field.code} was answered without being asked"


def test_none_of_these_today_with_a_yes_is_an_error(patient_client, patient):
    response = patient_client.post(
        TODAY, form_post(none_spinal_cord="on", difficulty_walking="yes", notes="kept")
    )
    assert response.status_code == 400
    assert "also answered yes" in response.content.decode()
    assert "kept" in response.content.decode()
    # A yes to a red sign is not held back by the clash (issue 15 item 1):
    # it is saved, "no" is never assumed for the section, the team is told.
    entry = DailyEntry.objects.get()
    assert (entry.difficulty_walking, entry.bladder_bowel_problem) == (True, None)


def test_saving_today_again_updates_the_entry(patient_client, patient):
    patient_client.post(TODAY, form_post(pain_score="3"))
    response = patient_client.post(TODAY, form_post(pain_score="6"))
    assert response.status_code == 302
    assert DailyEntry.objects.get(patient=patient).pain_score == 6


def loaded_version(response) -> str:
    """The hidden version a browser posts back with the form it was shown."""
    match = re.search(
        r'name="loaded_version" value="([^"]*)"', response.content.decode()
    )
    assert match, "the diary form has no loaded_version field"
    return match.group(1)


def test_saving_the_page_again_after_a_save_updates_the_entry(patient_client, patient):
    first = loaded_version(patient_client.get(TODAY))
    patient_client.post(TODAY, form_post(pain_score="3", loaded_version=first))
    again = loaded_version(patient_client.get(TODAY))
    response = patient_client.post(
        TODAY, form_post(pain_score="6", loaded_version=again)
    )
    assert response.status_code == 302
    assert DailyEntry.objects.get(patient=patient).pain_score == 6


def test_a_second_tab_gets_a_message_instead_of_overwriting_the_first(
    patient_client, patient
):
    tab_a = loaded_version(patient_client.get(TODAY))
    tab_b = loaded_version(patient_client.get(TODAY))
    saved = patient_client.post(
        TODAY, form_post(very_thirsty="yes", notes="tab A", loaded_version=tab_a)
    )
    assert saved.status_code == 302
    response = patient_client.post(
        TODAY, form_post(very_thirsty="no", notes="second tab", loaded_version=tab_b)
    )
    body = response.content.decode()
    assert response.status_code == 400
    error = body[body.index('id="id_entry_date_error"') :][:400]
    assert "already a diary entry" in error
    assert "second tab" in body
    entry = DailyEntry.objects.get(patient=patient)
    assert (entry.very_thirsty, entry.notes) == (True, "tab A")
    # Having been told, saving again replaces the other tab's answers.
    response = patient_client.post(
        TODAY,
        form_post(
            very_thirsty="no",
            notes="second tab",
            loaded_version=loaded_version(response),
        ),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.very_thirsty, entry.notes) == (False, "second tab")


def test_a_new_entry_racing_another_save_gets_a_message(patient_client, patient):
    # The other tab's insert lands between this request's check and its insert:
    # the unique constraint catches it, and nothing of this post is saved.
    def other_tab_saves_first(**kwargs):
        make_entry(patient, days_ago(0), notes="first", very_thirsty=True)
        return record_entry(**kwargs)

    with mock.patch(
        "diary.patient.views.record_entry", side_effect=other_tab_saves_first
    ):
        response = patient_client.post(
            TODAY, form_post(notes="second tab", loaded_version="")
        )
    assert response.status_code == 400
    assert "already a diary entry" in response.content.decode()
    assert "second tab" in response.content.decode()
    entry = DailyEntry.objects.get(patient=patient)
    assert (entry.notes, entry.very_thirsty) == ("first", True)


def test_changing_the_date_is_refused_and_saves_nothing(patient_client, patient):
    # Issue 15 item 4: answers given on one day's page are never moved to
    # another day (this used to back-fill that day with today's answers).
    make_entry(patient, days_ago(0), notes="today's")
    response = patient_client.post(
        TODAY, form_post(days_ago(2), notes="two days ago", loaded_version="")
    )
    assert response.status_code == 400
    assert "open that day from" in response.content.decode()
    assert dict(
        DailyEntry.objects.filter(patient=patient).values_list("entry_date", "notes")
    ) == {days_ago(0): "today's"}


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
        ("difficulty_walking", "maybe", "Choose Yes or No."),
        ("pain_relief_helping", "sometimes", "Choose one of the answers listed."),
        ("numbness", "knees", "Choose from the places listed."),
        ("notes", "x" * 2001, "2,000 characters or fewer"),
        ("entry_date", "2026-02-30", "Enter a date"),
        ("entry_date", "", "Enter the date of this entry"),
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
    assert message in body[body.index(f'id="id_{field}_error"') :][:400]
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
        page = patient_client.get(TODAY).content.decode()
        assert "How are you today?" in page
        assert 'name="entry_date" value="2026-07-02"' in page


def test_just_before_midnight_in_london_is_still_the_same_day(patient_client):
    moment = dt.datetime(2026, 7, 1, 22, 59, tzinfo=dt.UTC)  # 23:59 BST, 1 July
    with mock.patch.object(timezone, "now", return_value=moment):
        page = patient_client.get(TODAY).content.decode()
        assert 'name="entry_date" value="2026-07-01"' in page
        response = patient_client.post(TODAY, form_post(dt.date(2026, 7, 2)))
        assert "future date" in response.content.decode()


def test_the_notes_box_says_notes_are_not_checked_for_warning_signs(patient_client):
    body = patient_client.get(TODAY).content.decode()
    assert "Notes are not checked for warning signs" in body


def test_an_entry_older_than_seven_days_cannot_be_changed_by_posting(
    patient_client, patient
):
    make_entry(patient, days_ago(9), pain_score=2)
    url = reverse("entry_edit", kwargs={"day": days_ago(9)})
    patient_client.post(url, form_post(days_ago(9), pain_score="9"))
    assert DailyEntry.objects.get(patient=patient).pain_score == 2


def test_a_future_day_has_no_edit_page(patient_client):
    url = reverse("entry_edit", kwargs={"day": days_ago(-1)})
    assert patient_client.get(url).status_code == 404


def test_the_edit_page_shows_the_saved_answers_and_saves_changes(
    patient_client, patient
):
    make_entry(patient, days_ago(3), pain_score=5, nausea=True, notes="sore")
    url = reverse("entry_edit", kwargs={"day": days_ago(3)})
    page = patient_client.get(url)
    body = page.content.decode()
    assert 'id="id_nausea_0" checked' in body  # "Yes"
    assert re.search(r'name="pain_score" value="5"[^>]*checked', body)
    assert "sore" in body
    response = patient_client.post(
        url,
        form_post(
            days_ago(3),
            pain_score="4",
            nausea="no",
            loaded_version=loaded_version(page),
        ),
    )
    assert response.status_code == 302
    entry = DailyEntry.objects.get(patient=patient)
    assert (entry.pain_score, entry.nausea, entry.notes) == (4, False, "")
    assert DailyEntry.objects.count() == 1


def test_places_are_stored_once_each_in_the_dictionarys_order(patient_client, patient):
    patient_client.post(
        TODAY,
        form_post(pain_sites=["leg", "back", "leg"], numbness=["toes", "fingers"]),
    )
    entry = DailyEntry.objects.get(patient=patient)
    assert entry.pain_sites == ["back", "leg"]
    assert entry.numbness == ["fingers", "toes"]


def test_no_numbness_is_stored_as_answered_none(patient_client, patient):
    patient_client.post(TODAY, form_post(numbness=["none"]))
    assert DailyEntry.objects.get(patient=patient).numbness == []


def test_a_save_over_answers_changed_since_the_page_opened_gets_a_message(
    patient_client, patient
):
    entry = make_entry(patient, days_ago(1), notes="first")
    url = reverse("entry_edit", kwargs={"day": days_ago(1)})
    opened = loaded_version(patient_client.get(url))
    record_entry(  # e.g. from the patient's other tab, after this page opened
        patient=patient,
        data=entry_data(days_ago(1), notes="other tab", difficulty_walking=True),
        by=patient.user,
        entry=entry,
    )
    response = patient_client.post(
        url, form_post(days_ago(1), notes="this tab", loaded_version=opened)
    )
    assert response.status_code == 400
    assert "already a diary entry" in response.content.decode()
    entry.refresh_from_db()
    assert (entry.notes, entry.difficulty_walking) == ("other tab", True)


@pytest.mark.parametrize(("typed", "stored"), [("38,5", "38.5"), (" 37,2 ", "37.2")])
def test_a_comma_decimal_temperature_is_read_as_a_point(
    patient_client, patient, typed, stored
):
    response = patient_client.post(TODAY, form_post(temperature_c=typed))
    assert response.status_code == 302
    assert DailyEntry.objects.get(patient=patient).temperature_c == Decimal(stored)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("98.6", "That looks like °F; enter °C (e.g. 37.5)."),
        ("100,4", "That looks like °F; enter °C (e.g. 37.5)."),
        ("37.55", "Use one decimal place, for example 37.5."),
    ],
)
def test_a_fahrenheit_or_two_decimal_temperature_says_what_to_change(
    patient_client, patient, typed, message
):
    response = patient_client.post(TODAY, form_post(temperature_c=typed))
    assert response.status_code == 400
    page = response.content.decode()
    assert message.replace("'", "&#x27;") in page
    assert f'value="{typed}"' in page
    assert not DailyEntry.objects.filter(patient=patient).exists()
