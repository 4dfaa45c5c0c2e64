"""Out of hours: amber guidance says the team will not see the entry until the
next working day and to call the 24-hour line now; red always puts A&E and
the 24-hour line first; the alert card carries both numbers.

The demo-like team is open Monday to Friday 09:00-17:00 London time (the
default when none are entered), closed on Christmas Day 2026 (a Friday).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import BankHoliday, WorkingHours
from clinical.rules.guidance import RED_HEADLINE
from tests.factories import form_post, log_in

LONDON = ZoneInfo("Europe/London")
CLOSED = "Your specialist team is closed now and will not see this entry until"
CALL_NOW = "You can&#x27;t reach them now: use the 24-hour line or go to A&amp;E."
ACUTE = "Call the 24-hour acute oncology line"
SPECIALIST = "Call your specialist team"

WEDNESDAY_MORNING = dt.datetime(2026, 12, 2, 10, 0, tzinfo=LONDON)
WEDNESDAY_EVENING = dt.datetime(2026, 12, 2, 19, 30, tzinfo=LONDON)
SATURDAY = dt.datetime(2026, 12, 5, 11, 0, tzinfo=LONDON)
CHRISTMAS_DAY = dt.datetime(2026, 12, 25, 11, 0, tzinfo=LONDON)


@pytest.fixture
def christmas(team):
    BankHoliday.objects.create(team=team, date=dt.date(2026, 12, 25), name="Christmas")


@pytest.fixture
def patient_client(client, patient):
    """Signed in afresh at each travelled-to time (a session signed in now
    would have timed out by then): see at()."""
    client.patient_user = patient.user
    return client


@contextmanager
def at(client, when: dt.datetime) -> Iterator[None]:
    with time_machine.travel(when, tick=False):
        log_in(client, client.patient_user)
        yield


def saved_amber_page(client, when: dt.datetime) -> str:
    with at(client, when):
        response = client.post(
            reverse("today"), form_post(bleeding_bruising="yes"), follow=True
        )
    assert response.redirect_chain[-1][0].endswith("/saved/#guidance")
    return response.content.decode()


def test_amber_in_working_hours_says_nothing_about_being_closed(patient_client):
    body = saved_amber_page(patient_client, WEDNESDAY_MORNING)
    assert "Contact your specialist team today" in body
    assert CLOSED not in body
    assert body.index(SPECIALIST) < body.index(ACUTE)


def test_amber_in_the_evening_says_when_the_team_will_see_it_and_whom_to_call(
    patient_client,
):
    body = saved_amber_page(patient_client, WEDNESDAY_EVENING)
    assert f"{CLOSED} Thursday 3 December at 9:00. {CALL_NOW}" in body
    # The 24-hour line is the first button out of hours.
    assert body.index(ACUTE) < body.index(SPECIALIST)


def test_amber_at_the_weekend_points_to_monday(patient_client):
    body = saved_amber_page(patient_client, SATURDAY)
    assert f"{CLOSED} Monday 7 December at 9:00." in body


def test_amber_on_a_bank_holiday_points_past_it(patient_client, christmas):
    body = saved_amber_page(patient_client, CHRISTMAS_DAY)
    assert f"{CLOSED} Monday 28 December at 9:00." in body


def test_a_bank_holiday_of_another_date_does_not_close_the_team(
    patient_client, christmas
):
    assert CLOSED not in saved_amber_page(patient_client, WEDNESDAY_MORNING)


def test_the_hours_are_read_in_the_teams_time_zone(patient_client, team):
    # A team in New York open 09:00-17:00 there: 10:00 in London is 05:00
    # in New York (closed), 19:30 in London is 14:30 there (open).
    team.time_zone = "America/New_York"
    team.save()
    WorkingHours.objects.bulk_create(
        WorkingHours(team=team, weekday=d, opens=dt.time(9), closes=dt.time(17))
        for d in range(5)
    )
    morning = saved_amber_page(patient_client, WEDNESDAY_MORNING)
    assert f"{CLOSED} Wednesday 2 December at 9:00." in morning
    assert CLOSED not in saved_amber_page(patient_client, WEDNESDAY_EVENING)


def test_the_teams_own_hours_decide_not_the_default(patient_client, team):
    WorkingHours.objects.create(
        team=team, weekday=2, opens=dt.time(18), closes=dt.time(22)
    )
    assert CLOSED not in saved_amber_page(patient_client, WEDNESDAY_EVENING)
    assert f"{CLOSED} Wednesday 2 December at 18:00." in saved_amber_page(
        patient_client, WEDNESDAY_MORNING
    )


def test_red_puts_a_and_e_and_the_24_hour_line_first_in_and_out_of_hours(
    patient_client,
):
    for when in (WEDNESDAY_MORNING, SATURDAY):
        with at(patient_client, when):
            body = patient_client.post(
                reverse("today"), form_post(difficulty_walking="yes"), follow=True
            ).content.decode()
        assert RED_HEADLINE.startswith("Contact your local A&E department")
        assert RED_HEADLINE.replace("&", "&amp;") in body
        assert body.index(ACUTE) < body.index(SPECIALIST)
        assert CLOSED not in body  # red is "straight away" at any hour


def test_the_live_prompt_says_it_out_of_hours(patient_client):
    with at(patient_client, SATURDAY):
        day = dt.date(2026, 12, 5)
        body = patient_client.post(
            reverse("entry_check", kwargs={"day": day}), {"leg_swelling": "yes"}
        ).json()
    assert body["level"] == "amber"
    assert body["out_of_hours"].startswith(CLOSED + " Monday 7 December at 9:00.")
    assert body["calls"][0]["label"] == ACUTE
    assert CLOSED in body["html"]


def test_the_live_prompt_says_nothing_of_it_in_hours(patient_client):
    with at(patient_client, WEDNESDAY_MORNING):
        day = dt.date(2026, 12, 2)
        body = patient_client.post(
            reverse("entry_check", kwargs={"day": day}), {"leg_swelling": "yes"}
        ).json()
    assert body["out_of_hours"] == ""
    assert body["calls"][0]["label"] == SPECIALIST


def test_the_entry_page_with_errors_says_it_out_of_hours(patient_client):
    # Amber signs with a missing tiredness score: the guidance is shown above
    # the errors, and out of hours it says so.
    data = form_post(bleeding_bruising="yes")
    del data["fatigue_score"]
    with at(patient_client, SATURDAY):
        response = patient_client.post(reverse("today"), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert f"{CLOSED} Monday 7 December at 9:00." in body
    assert body.index(CLOSED) < body.index('id="error-summary"')


def test_the_alert_card_page_shows_both_numbers(client, patient):
    body = log_in(client, patient.user).get(reverse("alert_card")).content.decode()
    assert "Specialist team" in body and patient.specialist_phone in body
    assert "24-hour line" in body and patient.acute_phone in body


def test_the_alert_card_pdf_shows_both_numbers(client, patient):
    response = log_in(client, patient.user).get(reverse("alert_card_pdf"))
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert patient.specialist_phone in text
    assert patient.acute_phone in text
    assert "24-hour" in text
