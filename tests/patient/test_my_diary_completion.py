"""My diary says how many of the last 14 days are filled in: a plain count,
with no streaks, and no day before the diary began counted as missed."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.factories import days_ago, make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def thursday_3_december():
    with time_machine.travel(
        dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC), tick=False
    ):
        yield


def my_diary(patient_client) -> str:
    return patient_client.get(reverse("diary_list")).content.decode()


def test_it_says_how_many_of_the_last_14_days_are_filled_in(patient_client, patient):
    for n in range(30):
        if n not in (3, 9):  # two days missed in the last 14, none before
            make_entry(patient, days_ago(n))
    body = my_diary(patient_client)
    assert "You have filled in 12 of the last 14 days." in body


def test_days_before_the_diary_began_are_not_counted(patient_client, patient):
    for n in (5, 4, 2, 0):  # began 5 days ago, on Saturday 28 November
        make_entry(patient, days_ago(n))
    body = my_diary(patient_client)
    assert (
        "You have filled in 4 of the 6 days since your diary began on "
        "Saturday 28 November." in body
    )
    assert "of the last 14 days" not in body


def test_the_first_day_reads_as_a_beginning(patient_client, patient):
    make_entry(patient, days_ago(0))
    assert "You began your diary today." in my_diary(patient_client)


def test_it_says_nothing_before_the_first_entry(patient_client, patient):
    body = my_diary(patient_client)
    assert "You have filled in" not in body
    assert "You haven't filled in any days yet." in body


def test_it_counts_plainly_with_no_streaks(patient_client, patient):
    for n in (0, 1, 2, 20):
        make_entry(patient, days_ago(n))
    body = my_diary(patient_client).lower()
    assert "you have filled in 3 of the last 14 days." in body
    for word in ("streak", "in a row", "only", "well done", "keep it up"):
        assert word not in body.split("<main")[1]
