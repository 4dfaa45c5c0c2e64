"""Issue 15 item 5: answers begun before the day's entry was saved (by a nurse
after a phone call, or another window) never replace it unseen; the clash says
who saved the day and when, and offers to keep theirs or compare."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from diary import services
from diary.models import DailyEntry
from diary.nurse.services import record_entry_for_patient
from diary.services import DuplicateEntry, EntryChangedSince, record_entry
from tests.factories import (
    days_ago,
    entry_data,
    form_post,
    make_entry,
)

TODAY = reverse("today")


def at_917_today() -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(timezone.localdate(), dt.time(9, 17))
    )


def nurse_records_today(patient, nurse, **answers) -> DailyEntry:
    """The nurse records the day from a phone call, at 09:17."""
    with mock.patch.object(timezone, "now", return_value=at_917_today()):
        return record_entry_for_patient(
            patient=patient, nurse=nurse, data=entry_data(**answers)
        ).entry


def loaded_version(response) -> str:
    match = re.search(
        r'name="loaded_version" value="([^"]*)"', response.content.decode()
    )
    assert match
    return match.group(1)


def test_it_tells_the_patient_her_nurse_recorded_the_day_and_when_and_keeps_it(
    patient_client, patient, nurse
):
    opened = loaded_version(patient_client.get(TODAY))  # a blank page
    nurse_records_today(patient, nurse, difficulty_walking=True, notes="on the phone")
    response = patient_client.post(
        TODAY,
        form_post(difficulty_walking="no", notes="my draft", loaded_version=opened),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "your nurse Nora Nurse recorded it at 09:17 today" in body
    assert "Your nurse Nora Nurse recorded this day&#x27;s diary at 09:17 today" in body
    assert "my draft" in body  # the posted answers stay on the page
    entry = DailyEntry.objects.get(patient=patient)
    assert (entry.difficulty_walking, entry.notes, entry.entered_by) == (
        True,
        "on the phone",
        nurse,
    )


def test_it_offers_to_keep_the_saved_entry_or_compare(patient_client, patient, nurse):
    opened = loaded_version(patient_client.get(TODAY))
    nurse_records_today(patient, nurse)
    body = patient_client.post(
        TODAY, form_post(notes="my draft", loaded_version=opened)
    ).content.decode()
    detail = reverse("entry_detail", kwargs={"day": days_ago(0)})
    assert re.search(rf'href="{detail}"[^>]*>Keep the saved entry</a>', body)
    assert 'href="#compare">Compare the answers</a>' in body


def test_the_comparison_shows_the_saved_answers_beside_the_posted_ones(
    patient_client, patient, nurse
):
    opened = loaded_version(patient_client.get(TODAY))
    nurse_records_today(patient, nurse, pain_score=7, difficulty_walking=True)
    body = patient_client.post(
        TODAY,
        form_post(pain_score="2", difficulty_walking="no", loaded_version=opened),
    ).content.decode()
    compare = body[body.index('id="compare"') :]
    compare = compare[: compare.index("</table>")]
    rows = re.findall(
        r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td><td>(.*?)</td>", compare
    )
    labels = {label: (saved, yours) for label, saved, yours in rows}
    assert labels[
        "Worst pain in the last 24 hours (0 = no pain, 10 = worst imaginable)"
    ] == ("7 out of 10", "2 out of 10")
    walking = [v for k, v in labels.items() if k.startswith("New difficulty walking")]
    assert walking == [("Yes", "No")]
    # Answers that are the same are not listed.
    assert not any(k.startswith("Tiredness") for k in labels)


def test_saving_again_after_the_clash_knowingly_replaces_the_nurses_entry(
    patient_client, patient, nurse
):
    opened = loaded_version(patient_client.get(TODAY))
    nurse_records_today(patient, nurse, notes="on the phone")
    clash = patient_client.post(TODAY, form_post(notes="mine", loaded_version=opened))
    response = patient_client.post(
        TODAY, form_post(notes="mine", loaded_version=loaded_version(clash))
    )
    assert response.status_code == 302
    entry = DailyEntry.objects.get(patient=patient)
    assert (entry.notes, entry.entered_by) == ("mine", patient.user)


def test_a_save_from_another_tab_says_you_saved_it_in_another_window(
    patient_client, patient
):
    tab_a = loaded_version(patient_client.get(TODAY))
    tab_b = loaded_version(patient_client.get(TODAY))
    patient_client.post(TODAY, form_post(notes="tab A", loaded_version=tab_a))
    body = patient_client.post(
        TODAY, form_post(notes="tab B", loaded_version=tab_b)
    ).content.decode()
    assert "you saved it in another window or tab at" in body
    assert DailyEntry.objects.get(patient=patient).notes == "tab A"


def test_the_form_names_the_nurse_who_recorded_the_day_not_you(
    patient_client, patient, nurse
):
    nurse_records_today(patient, nurse)
    body = patient_client.get(TODAY).content.decode()
    assert "Your nurse Nora Nurse recorded this day&#x27;s diary at 09:17 today" in body
    assert "You saved" not in body


def test_the_form_still_says_you_saved_your_own_entry(patient_client, patient):
    make_entry(patient)
    body = patient_client.get(TODAY).content.decode()
    assert "You saved this day&#x27;s diary at" in body


def test_the_day_in_my_diary_names_the_nurse_who_recorded_it(
    patient_client, patient, nurse
):
    nurse_records_today(patient, nurse)
    url = reverse("entry_detail", kwargs={"day": days_ago(0)})
    body = patient_client.get(url).content.decode()
    assert "Your nurse Nora Nurse recorded this day&#x27;s diary at 09:17 today" in body


def test_a_save_without_a_version_still_updates_the_entry(patient_client, patient):
    # A post with no form page loaded (e.g. an old page): no clash, as before.
    make_entry(patient, notes="first")
    response = patient_client.post(TODAY, form_post(notes="second"))
    assert response.status_code == 302
    assert DailyEntry.objects.get(patient=patient).notes == "second"


def test_the_service_refuses_answers_begun_over_an_older_state_of_the_day(
    patient, nurse
):
    entry = make_entry(patient, days_ago(1), notes="first")
    begun_over = services.entry_version(entry)
    record_entry(  # the nurse changes it after the patient's page opened
        patient=patient,
        data=entry_data(days_ago(1), notes="nurse"),
        by=nurse,
        entry=entry,
    )
    with pytest.raises(EntryChangedSince) as clash:
        record_entry(
            patient=patient,
            data=entry_data(days_ago(1), notes="patient"),
            by=patient.user,
            entry=entry,
            expected_version=begun_over,
        )
    assert clash.value.saved_by == nurse
    assert clash.value.saved_at == DailyEntry.objects.get().updated_at
    assert DailyEntry.objects.get().notes == "nurse"


def test_the_service_refuses_a_new_entry_when_the_day_got_one_meanwhile(patient, nurse):
    nurse_records_today(patient, nurse, notes="nurse")
    with pytest.raises(EntryChangedSince) as clash:
        record_entry(
            patient=patient,
            data=entry_data(notes="patient"),
            by=patient.user,
            expected_version="",  # begun over a day with no entry
        )
    assert clash.value.saved_by == nurse
    assert DailyEntry.objects.get().notes == "nurse"


def test_the_service_saves_answers_begun_over_the_current_state(patient):
    entry = make_entry(patient, notes="first")
    record_entry(
        patient=patient,
        data=entry_data(notes="second"),
        by=patient.user,
        entry=entry,
        expected_version=services.entry_version(entry),
    )
    assert DailyEntry.objects.get().notes == "second"


def test_a_racing_insert_with_a_version_is_a_clash_not_a_duplicate(patient, nurse):
    # The nurse's insert commits after this save's check found no entry (a
    # missing row cannot be locked): the unique constraint catches it, and
    # the clash still names her.
    nurse_records_today(patient, nurse, notes="nurse")
    with (
        mock.patch.object(services, "_unchanged_since", return_value=None),
        pytest.raises(EntryChangedSince) as clash,
    ):
        record_entry(
            patient=patient,
            data=entry_data(notes="patient"),
            by=patient.user,
            expected_version="",
        )
    assert clash.value.saved_by == nurse
    assert DailyEntry.objects.get().notes == "nurse"


def test_duplicate_entry_is_raised_only_for_the_one_entry_a_day_constraint(patient):
    with (
        mock.patch.object(
            services, "_save_entry", side_effect=IntegrityError("CHECK failed")
        ),
        pytest.raises(IntegrityError) as error,
    ):
        record_entry(patient=patient, data=entry_data(), by=patient.user)
    assert not isinstance(error.value, DuplicateEntry)
    assert error.value.args == ("CHECK failed",)


def test_correcting_a_typo_after_the_nurse_recorded_the_day_is_still_a_clash(
    patient_client, patient, nurse
):
    opened = loaded_version(patient_client.get(TODAY))
    nurse_records_today(patient, nurse, notes="on the phone")
    typo = patient_client.post(
        TODAY, form_post(temperature_c="3755", notes="mine", loaded_version=opened)
    )
    assert typo.status_code == 400
    assert loaded_version(typo) == opened  # the answers' version, not hers
    response = patient_client.post(
        TODAY, form_post(notes="mine", loaded_version=loaded_version(typo))
    )
    assert response.status_code == 400
    assert (
        "your nurse Nora Nurse recorded it at 09:17 today" in response.content.decode()
    )
    assert DailyEntry.objects.get().notes == "on the phone"
