"""Escalation: a flag that waits too long is marked overdue and emailed to the
lead nurses once (diary/escalation.py, docs/decisions/0007-escalation-clock.md).

The team is open Monday to Friday 09:00-17:00 London time, and closed on
Christmas Day 2026 (a Friday).
"""

from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from accounts.models import BankHoliday, Team, WorkingHours
from diary.escalation import deadline, escalate_overdue
from diary.models import AuditEvent, DailyEntry, Escalation, Flag
from diary.services import acknowledge_flag, record_entry
from tests.factories import entry_data, log_in, make_nurse, make_patient, make_team
from tests.nurse.helpers import amber_entry, opened_at, red_entry, two_amber_entry

LONDON = ZoneInfo("Europe/London")


def london(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)  # type: ignore[misc]


def open_weekdays(team: Team) -> Team:
    WorkingHours.objects.bulk_create(
        WorkingHours(team=team, weekday=d, opens=dt.time(9), closes=dt.time(17))
        for d in range(5)
    )
    BankHoliday.objects.create(team=team, date=dt.date(2026, 12, 25), name="Christmas")
    return team


@pytest.fixture
def lead(team):
    open_weekdays(team)
    lead = make_nurse(team, email="lead@example.org")
    team.lead_nurses.add(lead)
    return lead


def raised(entry: DailyEntry, when: dt.datetime) -> Flag:
    opened_at(entry, when)
    return entry.flags.get(level__in=["red", "amber"])


def escalated_at(now: dt.datetime) -> int:
    created, _sent, _failed = escalate_overdue(now)
    return created


def test_a_red_flag_is_overdue_at_31_working_minutes_not_at_29(patient, lead):
    raised(red_entry(patient), london(2026, 12, 2, 10, 0))  # a Wednesday
    assert escalated_at(london(2026, 12, 2, 10, 29)) == 0
    assert mail.outbox == []
    assert escalated_at(london(2026, 12, 2, 10, 31)) == 1
    (message,) = mail.outbox
    assert message.to == ["lead@example.org"]
    assert "red flag" in message.subject and "overdue" in message.subject


def test_a_red_raised_before_opening_counts_only_working_minutes(patient, lead):
    # Raised 08:50: at 09:29 it has waited 39 minutes, 29 of them working.
    raised(red_entry(patient), london(2026, 12, 2, 8, 50))
    assert escalated_at(london(2026, 12, 2, 9, 29)) == 0
    assert escalated_at(london(2026, 12, 2, 9, 31)) == 1


def test_a_red_raised_at_night_is_escalated_at_night(patient, lead):
    # Not outside hours, unless red: a red never waits for Monday.
    raised(red_entry(patient), london(2026, 12, 5, 2, 0))  # a Saturday
    assert escalated_at(london(2026, 12, 5, 2, 29)) == 0
    assert escalated_at(london(2026, 12, 5, 2, 31)) == 1


def test_a_red_raised_just_before_closing_is_escalated_that_evening(patient, lead):
    flag = raised(red_entry(patient), london(2026, 12, 4, 16, 50))  # Friday
    assert deadline(patient.team.working_calendar(), "red", flag.created_at) == london(
        2026, 12, 4, 17, 20
    )
    assert escalated_at(london(2026, 12, 4, 17, 21)) == 1


def test_an_amber_is_overdue_after_one_working_day(patient, lead):
    raised(amber_entry(patient), london(2026, 12, 1, 10, 0))  # a Tuesday
    assert escalated_at(london(2026, 12, 2, 9, 59)) == 0
    assert escalated_at(london(2026, 12, 2, 10, 1)) == 1
    assert "amber flag" in mail.outbox[0].subject


def test_an_amber_is_not_escalated_outside_working_hours(patient, lead):
    raised(amber_entry(patient), london(2026, 12, 4, 16, 0))  # Friday
    # Saturday noon: 20 hours later, but only one hour of working time.
    assert escalated_at(london(2026, 12, 5, 12, 0)) == 0
    # Monday 09:00 to 17:00 then completes the working day at Monday 16:00.
    assert escalated_at(london(2026, 12, 7, 15, 59)) == 0
    assert escalated_at(london(2026, 12, 7, 16, 1)) == 1


def test_an_amber_overdue_at_closing_waits_for_the_morning_to_be_emailed(patient, lead):
    raised(amber_entry(patient), london(2026, 12, 7, 9, 0))  # Monday opening
    assert escalated_at(london(2026, 12, 7, 18, 0)) == 0  # overdue, but closed
    assert escalated_at(london(2026, 12, 8, 9, 1)) == 1


def test_the_bank_holiday_does_not_count_towards_an_amber(patient, lead):
    raised(amber_entry(patient), london(2026, 12, 24, 10, 0))  # Thursday
    # Friday 25th is Christmas Day: the working day runs on to Monday 28th.
    assert escalated_at(london(2026, 12, 28, 9, 59)) == 0
    assert escalated_at(london(2026, 12, 28, 10, 1)) == 1


def test_two_ambers_together_are_escalated_as_red(patient, lead):
    entry = two_amber_entry(patient)
    opened_at(entry, london(2026, 12, 2, 10, 0))
    assert escalated_at(london(2026, 12, 2, 10, 31)) == 2
    assert all("red flag" in m.subject for m in mail.outbox)


def test_editing_the_entry_does_not_restart_the_clock(patient, lead):
    entry = red_entry(patient)
    first = raised(entry, london(2026, 12, 2, 10, 0))
    # At 10:20 she adds a sign: the flag's reasons change, so it is withdrawn
    # and a new one raised; nobody had seen the first.
    with time_machine.travel(london(2026, 12, 2, 10, 20), tick=False):
        record_entry(
            patient=patient,
            data=entry_data(
                entry.entry_date, difficulty_walking=True, numbness=["toes"]
            ),
            by=patient.user,
            entry=entry,
        )
    first.refresh_from_db()
    assert first.status == "withdrawn"
    assert escalated_at(london(2026, 12, 2, 10, 31)) == 1
    assert "has waited 31 minutes" in mail.outbox[0].body


def test_after_an_acknowledgement_a_new_flag_has_its_own_clock(patient, lead):
    entry = red_entry(patient)
    first = raised(entry, london(2026, 12, 2, 10, 0))
    acknowledge_flag(flag=first, nurse=lead, actions=["phoned_patient"], note="")
    with time_machine.travel(london(2026, 12, 2, 10, 20), tick=False):
        record_entry(
            patient=patient,
            data=entry_data(
                entry.entry_date, difficulty_walking=True, numbness=["toes"]
            ),
            by=patient.user,
            entry=entry,
        )
    assert escalated_at(london(2026, 12, 2, 10, 31)) == 0
    assert escalated_at(london(2026, 12, 2, 10, 51)) == 1


def test_an_acknowledged_flag_is_never_escalated(patient, lead):
    flag = raised(red_entry(patient), london(2026, 12, 2, 10, 0))
    acknowledge_flag(flag=flag, nurse=lead, actions=["phoned_patient"], note="")
    assert escalated_at(london(2026, 12, 2, 12, 0)) == 0


def test_running_again_sends_no_second_email(patient, lead):
    raised(red_entry(patient), london(2026, 12, 2, 10, 0))
    escalate_overdue(london(2026, 12, 2, 10, 31))
    escalate_overdue(london(2026, 12, 2, 11, 31))
    assert len(mail.outbox) == 1
    assert Escalation.objects.count() == 1


def test_the_email_names_no_patient_and_no_symptom(patient, lead):
    raised(red_entry(patient), london(2026, 12, 2, 10, 0))
    escalate_overdue(london(2026, 12, 2, 11, 5))
    (message,) = mail.outbox
    text = message.subject + message.body
    assert patient.user.full_name not in text
    assert "walking" not in text.lower() and "spinal" not in text.lower()
    assert "has waited 1 hour 5 minutes" in message.body
    assert reverse("nurse:patient", args=[patient.pk]) in message.body


def test_without_a_lead_nurse_the_team_alert_address_is_told(team, patient):
    open_weekdays(team)
    raised(red_entry(patient), london(2026, 12, 2, 10, 0))
    escalate_overdue(london(2026, 12, 2, 10, 31))
    assert mail.outbox[0].to == [team.alert_email]


def test_a_lead_who_left_the_team_is_not_told(team, patient, lead):
    stays = make_nurse(team, email="stays@example.org")
    team.lead_nurses.add(stays)
    lead.teams.remove(team)
    raised(red_entry(patient), london(2026, 12, 2, 10, 0))
    escalate_overdue(london(2026, 12, 2, 10, 31))
    assert mail.outbox[0].to == ["stays@example.org"]


def test_the_escalation_is_audited_without_symptoms(patient, lead):
    flag = raised(red_entry(patient), london(2026, 12, 2, 10, 0))
    escalate_overdue(london(2026, 12, 2, 10, 40))
    event = AuditEvent.objects.get(action=AuditEvent.Action.ESCALATED)
    assert event.patient == patient and event.actor is None
    assert event.detail == {
        "flag": flag.pk,
        "level": "red",
        "waited_minutes": 40,
        "recipients": 1,
    }


def test_a_failed_email_is_retried_by_the_next_run(patient, lead, monkeypatch):
    raised(red_entry(patient), london(2026, 12, 2, 10, 0))
    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        lambda self, messages: (_ for _ in ()).throw(OSError("refused")),
    )
    assert escalate_overdue(london(2026, 12, 2, 10, 31)) == (1, 0, 1)
    monkeypatch.undo()
    assert escalate_overdue(london(2026, 12, 2, 10, 36)) == (0, 1, 0)
    assert len(mail.outbox) == 1


def test_the_command_reports_what_it_did(patient, lead, capsys):
    raised(red_entry(patient), london(2026, 12, 2, 10, 0))
    with time_machine.travel(london(2026, 12, 2, 10, 45)):
        call_command("escalate_overdue")
    assert (
        "1 flag(s) newly overdue; sent 1 escalation email(s)" in capsys.readouterr().out
    )


def _queue_html(client, nurse, when: dt.datetime) -> str:
    log_in(client, nurse)
    with time_machine.travel(when):
        return client.get(reverse("nurse:queue")).content.decode()


def test_the_queue_marks_an_overdue_red_for_a_nurse_who_is_not_lead(
    client, team, patient, lead
):
    raised(red_entry(patient), london(2026, 12, 2, 10, 0))
    other = make_patient(team, name="Waiting Well")
    raised(amber_entry(other), london(2026, 12, 2, 10, 0))
    nurse = make_nurse(team, email="not.lead@example.org")
    html = _queue_html(client, nurse, london(2026, 12, 2, 10, 31))
    assert html.count('class="overdue-badge">Overdue<') == 1
    assert "overdue, possible spinal cord compression" in html.lower()


def test_the_queue_marks_nothing_before_the_deadline(client, team, patient, lead):
    raised(red_entry(patient), london(2026, 12, 2, 10, 0))
    assert "overdue-badge" not in _queue_html(client, lead, london(2026, 12, 2, 10, 29))


def test_another_teams_calendar_is_its_own(client, lead):
    # A team open 07:00-08:00 only: 10:00 is out of its hours.
    early = make_team()
    WorkingHours.objects.create(
        team=early, weekday=2, opens=dt.time(7), closes=dt.time(8)
    )
    patient = make_patient(early)
    raised(amber_entry(patient), london(2026, 12, 2, 7, 0))
    # Its longest day is one hour: overdue after 08:00, but only emailed when
    # it is open again, the next Wednesday at 07:00.
    assert escalated_at(london(2026, 12, 2, 10, 0)) == 0
    assert escalated_at(london(2026, 12, 9, 7, 1)) == 1


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite lets one writer in at a time, so two runs "
    "cannot race (CI runs this file on PostgreSQL)",
)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_one_email_per_flag():
    team = open_weekdays(make_team())
    lead = make_nurse(team, email="lead@example.org")
    team.lead_nurses.add(lead)
    for n in range(5):
        raised(red_entry(make_patient(team)), london(2026, 12, 2, 10, n))
    mail.outbox = []  # the alert emails the entries sent on commit
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            escalate_overdue(london(2026, 12, 2, 11, 0))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Escalation.objects.count() == 5
    assert len(mail.outbox) == 5
    assert sorted(m.to[0] for m in mail.outbox) == ["lead@example.org"] * 5
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ESCALATED).count() == 5
