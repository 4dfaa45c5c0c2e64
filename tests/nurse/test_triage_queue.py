"""The nurse's home page: open red and amber flags, then green, then quiet patients."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from diary.models import DailyEntry, Flag
from tests.factories import days_ago, log_in, make_entry, make_patient
from tests.nurse.helpers import (
    amber_entry,
    green_entry,
    hours_ago,
    opened_at,
    red_entry,
    two_amber_entry,
)

NOON = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)


def patient_names_in_order(body: str, names: list[str]) -> list[str]:
    found = sorted((body.index(n), n) for n in names if n in body)
    return [n for _, n in found]


def urgent_section(body: str) -> str:
    return body[body.index('id="urgent-heading"') : body.index('id="green-heading"')]


def test_a_nurses_home_page_is_the_triage_queue(nurse_client):
    response = nurse_client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("nurse:queue")
    assert "<h1>Triage queue</h1>" in response.content.decode()


def test_red_comes_before_amber_and_oldest_first_within_a_level(nurse_client, team):
    old_amber = make_patient(team, name="Amy Oldamber")
    new_amber = make_patient(team, name="Ann Newamber")
    old_red = make_patient(team, name="Rita Oldred")
    new_red = make_patient(team, name="Ruth Newred")
    opened_at(amber_entry(old_amber, days_ago(1)), hours_ago(30))
    opened_at(amber_entry(new_amber, days_ago(0)), hours_ago(1))
    opened_at(red_entry(old_red, days_ago(1)), hours_ago(20))
    opened_at(red_entry(new_red, days_ago(0)), hours_ago(2))
    body = urgent_section(nurse_client.get(reverse("nurse:queue")).content.decode())
    assert patient_names_in_order(
        body, ["Amy Oldamber", "Ann Newamber", "Rita Oldred", "Ruth Newred"]
    ) == ["Rita Oldred", "Ruth Newred", "Amy Oldamber", "Ann Newamber"]


def test_two_ambers_together_sort_and_show_as_red(nurse_client, team):
    lone_amber = make_patient(team, name="Amy Amber")
    red = make_patient(team, name="Rita Red")
    escalated = make_patient(team, name="Eve Escalated")
    opened_at(amber_entry(lone_amber, days_ago(1)), hours_ago(40))
    opened_at(red_entry(red, days_ago(1)), hours_ago(30))
    opened_at(two_amber_entry(escalated, days_ago(1)), hours_ago(35))
    body = urgent_section(nurse_client.get(reverse("nurse:queue")).content.decode())
    # Escalated ambers rank with the reds (and are older than Rita's), ahead
    # of an older lone amber.
    assert patient_names_in_order(body, ["Amy Amber", "Rita Red", "Eve Escalated"]) == [
        "Eve Escalated",
        "Rita Red",
        "Amy Amber",
    ]
    first_card = body.split('<li class="flag-card')[1]
    assert "Eve Escalated" in first_card
    assert '<span class="level-badge level-red">Red</span>' in first_card
    assert "two or more warning signs came together" in first_card


def test_each_row_says_who_what_why_when_and_how_long(nurse_client, team, patient):
    entry = make_entry(patient, days_ago(1), difficulty_walking=True, pain_score=8)
    opened_at(entry, hours_ago(3))
    saved = timezone.localtime(hours_ago(3.5)).replace(second=0, microsecond=0)
    DailyEntry.objects.filter(pk=entry.pk).update(updated_at=saved)
    body = urgent_section(nurse_client.get(reverse("nurse:queue")).content.decode())
    assert f"Entry saved</dt><dd>{saved:%a %-d %b, %H:%M}" in body
    assert "Pat Patient" in body
    assert "Possible spinal cord compression" in body  # CONDITIONS, not "mscc"
    assert "New difficulty walking, or new weakness or heaviness" in body  # field label
    assert re.search(r"Open for</dt><dd>3\xa0hours", body)
    assert '<span class="level-badge level-red">Red</span>' in body


def test_each_card_links_to_the_patient_the_entry_and_its_acknowledgement(
    nurse_client, team, patient
):
    day = days_ago(1)
    flag = red_entry(patient, day).flags.get()
    body = urgent_section(nurse_client.get(reverse("nurse:queue")).content.decode())
    assert f'href="{reverse("nurse:patient", args=[patient.pk])}">Pat Patient' in body
    assert f'href="{reverse("nurse:acknowledge", args=[flag.pk])}">Acknowledge' in body
    entry_url = reverse("nurse:entry", args=[patient.pk, day])
    assert (
        f'href="{entry_url}">See the entry<span class="visually-hidden"> of '
        f"Pat Patient for {day.day} {day:%B}</span>"
    ) in body
    assert f"Diary day</dt><dd>{day:%a} {day.day} {day:%b}</dd>" in body


def test_the_level_is_written_not_only_coloured(nurse_client, team, patient):
    amber_entry(patient, days_ago(1))
    body = urgent_section(nurse_client.get(reverse("nurse:queue")).content.decode())
    assert ">Amber</span>" in body


def test_acknowledged_and_withdrawn_flags_leave_the_queue(nurse_client, team, patient):
    acknowledged = red_entry(patient, days_ago(2)).flags.get()
    withdrawn = amber_entry(patient, days_ago(1)).flags.get()
    Flag.objects.filter(pk=acknowledged.pk).update(status="acknowledged")
    Flag.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    body = nurse_client.get(reverse("nurse:queue")).content.decode()
    assert "No open red or amber flags" in body


def test_green_flags_are_listed_below_for_review(nurse_client, team, patient):
    green_entry(patient, days_ago(1))
    body = nurse_client.get(reverse("nurse:queue")).content.decode()
    assert "No open red or amber flags" in body
    green = body[body.index('id="green-heading"') : body.index('id="quiet-heading"')]
    assert "Pat Patient" in green and "Possible infection" in green
    assert ">Green</span>" in green


def test_the_full_green_list_has_its_own_page(nurse_client, team):
    for n in range(12):
        green_entry(make_patient(team, name=f"Gina Green {n:02d}"), days_ago(1))
    queue = nurse_client.get(reverse("nurse:queue")).content.decode()
    assert "See all 12 green flags" in queue
    review = nurse_client.get(reverse("nurse:review")).content.decode()
    assert all(f"Gina Green {n:02d}" in review for n in range(12))


def test_patients_not_logged_for_three_days_or_more_are_listed(nurse_client, team):
    make_entry(make_patient(team, name="Quinn Quiet"), days_ago(3))
    make_entry(make_patient(team, name="Tara Twodays"), days_ago(2))
    make_patient(team, name="Nell Never")
    body = nurse_client.get(reverse("nurse:queue")).content.decode()
    quiet = body[body.index('id="quiet-heading"') :]
    assert "Quinn Quiet" in quiet and "Nell Never" in quiet
    assert "Tara Twodays" not in quiet
    # Never logged first, then the longest silence.
    assert quiet.index("Nell Never") < quiet.index("Quinn Quiet")


def test_the_quiet_list_counts_all_and_links_to_the_caseload(nurse_client, team):
    for n in range(12):
        make_entry(make_patient(team, name=f"Quinn Quiet {n:02d}"), days_ago(4))
    body = nurse_client.get(reverse("nurse:queue")).content.decode()
    quiet = body[body.index('id="quiet-heading"') :]
    assert 'for 3 days or more <span class="count">(12)</span>' in quiet
    assert quiet.count("Quinn Quiet") == 10
    assert "See all 12 in the caseload" in quiet


def test_a_full_preview_has_no_see_all_link(nurse_client, team):
    for n in range(10):
        green_entry(make_patient(team, name=f"Gina Green {n:02d}"), days_ago(1))
    body = nurse_client.get(reverse("nurse:queue")).content.decode()
    assert 'Green flags to review <span class="count">(10)</span>' in body
    assert "See all" not in body


def paged_ambers(team) -> None:
    """27 amber flags: a full page of 25 and two more."""
    for n in range(27):
        amber_entry(make_patient(team, name=f"Paged Patient {n:02d}"), days_ago(1))


def test_the_red_and_amber_list_is_paginated(nurse_client, team):
    paged_ambers(team)
    first = nurse_client.get(reverse("nurse:queue")).content.decode()
    second = nurse_client.get(reverse("nurse:queue") + "?page=2").content.decode()
    assert "Page 1 of 2" in first
    assert "Paged Patient 26" in urgent_section(second)
    assert "Paged Patient 26" not in urgent_section(first)


def test_a_patient_goes_quiet_as_the_days_pass_without_any_recompute(
    client, nurse, team
):
    """The quiet list reads the stored last entry as it is: the date alone
    must move her onto it, with her figures still of the day she logged."""
    with time_machine.travel(NOON, tick=False):
        patient = make_patient(team, name="Dora Dayago")
        make_entry(patient)
    with time_machine.travel(NOON + dt.timedelta(days=3), tick=False):
        log_in(client, nurse)
        body = client.get(reverse("nurse:queue")).content.decode()
        assert patient.caseload_figures.as_of == NOON.date()  # not recomputed
    quiet = body[body.index('id="quiet-heading"') :]
    assert "Dora Dayago" in quiet
    assert "Thu 3 Dec 2026" in quiet


@pytest.mark.parametrize(
    ("query", "shown", "listed"),
    [
        ("?page=9", "Page 2 of 2", "Paged Patient 26"),  # past the last: the last
        ("?page=two", "Page 1 of 2", "Paged Patient 00"),  # not a number: the first
    ],
)
def test_an_odd_page_number_shows_a_real_page_with_the_full_count(
    nurse_client, team, query, shown, listed
):
    paged_ambers(team)
    body = nurse_client.get(reverse("nurse:queue") + query).content.decode()
    assert shown in body
    assert listed in urgent_section(body)
    assert 'Red and amber flags <span class="count">(27)</span>' in body


def test_an_empty_queue_counts_none(nurse_client):
    body = nurse_client.get(reverse("nurse:queue")).content.decode()
    assert 'Red and amber flags <span class="count">(0)</span>' in body
    assert "No open red or amber flags. Nothing is waiting." in body


def test_the_first_page_named_or_not_is_the_same(nurse_client, team):
    paged_ambers(team)
    plain = urgent_section(nurse_client.get(reverse("nurse:queue")).content.decode())
    named = urgent_section(
        nurse_client.get(reverse("nurse:queue") + "?page=1").content.decode()
    )
    assert plain == named
    assert "Page 1 of 2" in plain and "(27)" in plain
