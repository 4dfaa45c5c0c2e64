"""Staff enter a team's working hours, bank holidays and time zone in the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Team, User
from tests.factories import PASSWORD, log_in, make_team


@pytest.fixture
def admin_client(db) -> Client:
    admin = User.objects.create_superuser(
        "admin@example.org", PASSWORD, full_name="Ada Admin"
    )
    client = Client()
    log_in(client, admin)
    return client


def team_form(team: Team, **changes: str) -> dict[str, str]:
    data = {
        "name": team.name,
        "hospital": team.hospital,
        "specialist_team_phone": team.specialist_team_phone,
        "acute_oncology_phone": team.acute_oncology_phone,
        "alert_email": team.alert_email,
        "time_zone": "Europe/London",
        "working_hours-TOTAL_FORMS": "1",
        "working_hours-INITIAL_FORMS": "0",
        "working_hours-0-weekday": "0",
        "working_hours-0-opens": "09:00",
        "working_hours-0-closes": "17:00",
        "bank_holidays-TOTAL_FORMS": "1",
        "bank_holidays-INITIAL_FORMS": "0",
        "bank_holidays-0-date": "2026-12-25",
        "bank_holidays-0-name": "Christmas Day",
    }
    data.update(changes)
    return data


def test_staff_enter_hours_and_a_bank_holiday_on_the_team_page(admin_client):
    team = make_team()
    url = reverse("admin:accounts_team_change", args=[team.pk])
    response = admin_client.post(url, team_form(team))
    assert response.status_code == 302
    cal = team.working_calendar()
    assert [(o.weekday, o.opens, o.closes) for o in cal.openings] == [
        (0, dt.time(9), dt.time(17))
    ]
    assert cal.bank_holidays == frozenset({dt.date(2026, 12, 25)})


def test_a_closing_time_before_opening_is_refused_next_to_the_field(admin_client):
    team = make_team()
    url = reverse("admin:accounts_team_change", args=[team.pk])
    response = admin_client.post(
        url, team_form(team, **{"working_hours-0-closes": "08:00"})
    )
    assert response.status_code == 200
    assert "Closing time must be after the opening time." in response.content.decode()
    assert not team.working_hours.exists()


def test_an_unknown_time_zone_is_refused(admin_client):
    team = make_team()
    url = reverse("admin:accounts_team_change", args=[team.pk])
    response = admin_client.post(url, team_form(team, time_zone="Europe/Atlantis"))
    assert response.status_code == 200
    assert "Enter a time zone name such as Europe/London." in response.content.decode()
    team.refresh_from_db()
    assert team.time_zone == "Europe/London"
