"""The patient learns that the team saw a flagged day, and nothing more: the
date it was acknowledged, never the nurse's note or actions (issue 15, item 8)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from diary.models import Acknowledgement
from diary.services import acknowledge_flag, record_entry
from tests.factories import days_ago, entry_data
from tests.nurse.helpers import red_entry

ACK_NOTE = "Husband worried; discussed at handover"
SEEN_ON = dt.datetime(2026, 12, 2, 9, 17, tzinfo=dt.UTC)


def patient_pages(day: dt.date) -> list[str]:
    return [
        reverse("diary_list"),
        reverse("entry_detail", kwargs={"day": day}),
        reverse("entry_saved", kwargs={"day": day}),
    ]


def acknowledged_on(flag, nurse, when: dt.datetime) -> None:
    acknowledge_flag(
        flag=flag, nurse=nurse, actions=["phoned_patient", "advised_ae"], note=ACK_NOTE
    )
    Acknowledgement.objects.filter(flag=flag).update(created_at=when)


def two_flag_entry(patient):
    """Yesterday, with two flags: spinal cord compression and bleeding."""
    return record_entry(
        patient=patient,
        data=entry_data(days_ago(1), difficulty_walking=True, bleeding_bruising=True),
        by=patient.user,
    ).entry


@pytest.fixture
def flagged_day(patient):
    return red_entry(patient, days_ago(1))


def test_the_patient_sees_when_the_team_saw_the_flag_and_not_the_note(
    patient_client, nurse, flagged_day
):
    acknowledged_on(flagged_day.flags.get(), nurse, SEEN_ON)
    for url in patient_pages(flagged_day.entry_date):
        body = patient_client.get(url).content.decode()
        assert "Your team saw this on 2 Dec." in body, url
        assert ACK_NOTE not in body and "Advised going to A&amp;E" not in body, url
        assert nurse.full_name not in body, url


def test_nothing_is_said_while_the_flag_is_open(patient_client, flagged_day):
    for url in patient_pages(flagged_day.entry_date):
        assert "Your team saw this" not in patient_client.get(url).content.decode()


def test_nothing_is_said_while_another_flag_of_the_day_is_open(
    patient_client, patient, nurse
):
    entry = two_flag_entry(patient)
    mscc = entry.flags.get(condition="mscc")
    bleeding = entry.flags.get(condition="bleeding")
    acknowledged_on(mscc, nurse, SEEN_ON)
    assert bleeding.status == "open"
    for url in patient_pages(entry.entry_date):
        assert "Your team saw this" not in patient_client.get(url).content.decode()


def test_an_edit_that_raises_a_new_flag_is_not_seen_until_that_is_acknowledged(
    patient_client, patient, nurse, flagged_day
):
    acknowledged_on(flagged_day.flags.get(), nurse, timezone.now())
    record_entry(
        patient=patient,
        data=entry_data(
            days_ago(1), difficulty_walking=True, bladder_bowel_problem=True
        ),
        by=patient.user,
        entry=flagged_day,
    )
    body = patient_client.get(reverse("diary_list")).content.decode()
    assert "Your team saw this" not in body


def test_with_two_flags_seen_the_day_says_when_the_second_was_seen(
    patient_client, patient, nurse
):
    entry = two_flag_entry(patient)
    acknowledged_on(entry.flags.get(condition="mscc"), nurse, SEEN_ON)
    later = SEEN_ON + dt.timedelta(days=1)
    acknowledged_on(entry.flags.get(condition="bleeding"), nurse, later)
    for url in patient_pages(entry.entry_date):
        body = patient_client.get(url).content.decode()
        assert "Your team saw this on 3 Dec." in body, url


def test_a_page_of_my_diary_marks_only_the_days_the_team_saw(
    patient_client, patient, nurse
):
    seen = red_entry(patient, days_ago(1))
    acknowledged_on(seen.flags.get(), nurse, SEEN_ON)
    red_entry(patient, days_ago(2))  # still open
    body = patient_client.get(reverse("diary_list")).content.decode()
    assert body.count("Your team saw this") == 1
