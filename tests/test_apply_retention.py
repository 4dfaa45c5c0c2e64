"""`manage.py apply_retention`: a closed account's record is erased once
RETENTION_YEARS_AFTER_LAST_ENTRY years have passed since its last entry,
leaving nothing that names her outside the pseudonymised audit trail."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Invitation, PatientProfile, User
from diary import audit
from diary.data_rights import closure
from diary.data_rights.retention import add_years, erase_on
from diary.models import (
    AccountClosure,
    AuditEvent,
    ClinicalNote,
    DailyEntry,
    Escalation,
    Reminder,
    SentReminder,
)
from diary.nurse.services import add_clinical_note
from diary.services import acknowledge_flag, record_entry
from tests.factories import (
    entry_data,
    log_in,
    make_carer,
    make_entry,
    make_nurse,
    make_patient,
)
from tests.nurse.helpers import red_entry

START = dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC)
ERASE_DAY = dt.datetime(2034, 1, 10, 12, tzinfo=dt.UTC)  # 8 years on
Action = AuditEvent.Action


def test_the_record_is_kept_eight_years_after_its_last_entry():
    closed = dt.date(2027, 3, 1)
    assert erase_on(dt.date(2026, 1, 10), closed, 8) == dt.date(2034, 1, 10)
    assert erase_on(dt.date(2024, 2, 29), closed, 8) == dt.date(2032, 2, 29)
    assert add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    # Past retention already when closed, or no record at all: at once.
    assert erase_on(dt.date(2010, 1, 1), closed, 8) == closed
    assert erase_on(None, closed, 8) == closed


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def frozen():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


IDENTIFIERS = (
    "rose.retention@example.org",
    "Rose Retention",
    "9434765919",
    "1950-04-23",
    "07700 900123",
    "Back ached after the long walk",
    "Should I change my tablets",
    "Spoke to her daughter",
    "Private working note",
    "she could not sleep",
    "203.0.113.9",
)


@pytest.fixture
def rose(frozen, team):
    """A patient with something of her in every place the diary keeps it."""
    user = User.objects.create_user(
        "rose.retention@example.org",
        "a-long-test-password-2026",
        full_name="Rose Retention",
    )
    patient = PatientProfile.objects.create(
        user=user,
        team=team,
        nhs_number="9434765919",
        date_of_birth=dt.date(1950, 4, 23),
        mobile_phone="07700 900123",
        profile_reviewed_at=timezone.now(),
    )
    nurse = make_nurse(team)
    make_entry(
        patient,
        timezone.localdate() - dt.timedelta(days=1),
        notes="Back ached after the long walk",
        questions_for_team="Should I change my tablets?",
    )
    flag = red_entry(patient, timezone.localdate()).flags.get()
    acknowledge_flag(
        flag=flag,
        nurse=nurse,
        actions=["phoned_patient"],
        note="Private working note",
        referrals=["palliative_care"],
    )
    Escalation.objects.create(flag=flag, level=flag.level, recipients=[nurse.email])
    carer = make_carer(patient, name="Carl Carer")
    record_entry(
        patient=patient,
        data=entry_data(
            timezone.localdate() - dt.timedelta(days=2),
            notes="Carl wrote: she could not sleep",
        ),
        by=carer,
    )
    Reminder.objects.create(patient=patient)
    SentReminder.objects.create(patient=patient, local_date=timezone.localdate())
    add_clinical_note(patient=patient, nurse=nurse, text="Spoke to her daughter.")
    Invitation.objects.create(patient=patient, email=user.email, invited_by=nurse)
    audit.viewed(nurse, patient, "record")
    AuditEvent.objects.create(
        actor=user,
        action=Action.SIGNED_IN,
        detail={"email": user.email, "ip": "203.0.113.9", "via": "password"},
    )
    TOTPDevice.objects.create(user=user, name="Rose's phone")
    LogEntry.objects.create(
        user=make_nurse(team, email="staff@example.org"),
        content_type=ContentType.objects.get_for_model(PatientProfile),
        object_id=str(patient.pk),
        object_repr=str(patient),
        action_flag=CHANGE,
    )
    log_in(Client(), user)
    return patient, nurse


def close(patient: PatientProfile, by: User) -> None:
    closure.confirm_closure(closure.request_closure(patient, by=patient.user), by=by)


def everything_in_the_database() -> str:
    """Every cell of every table, as text: whatever a model or table is."""
    cells = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            cells += [str(cell) for row in cursor.fetchall() for cell in row]
    return "\n".join(cells)


def test_before_eight_years_nothing_is_erased(rose, frozen):
    patient, nurse = rose
    close(patient, nurse)
    frozen.move_to(ERASE_DAY - dt.timedelta(days=1))
    output = run()
    assert "Closed accounts erased (retention over): 0" in output
    assert "Closed accounts kept (retention not over): 1" in output
    assert DailyEntry.objects.filter(patient=patient).count() == 3
    assert "Rose Retention" in everything_in_the_database()


def test_after_eight_years_nothing_names_her_and_others_are_untouched(rose, frozen):
    patient, nurse = rose
    other = make_patient(patient.team, name="Olive Other")
    make_entry(other, timezone.localdate(), notes="Olive's own words")
    add_clinical_note(patient=other, nurse=nurse, text="Olive's note")
    others_before = (
        DailyEntry.objects.filter(patient=other).count(),
        ClinicalNote.objects.filter(patient=other).count(),
    )
    before = everything_in_the_database().lower()
    assert [w for w in IDENTIFIERS if w.lower() not in before] == []
    close(patient, nurse)
    frozen.move_to(ERASE_DAY)
    output = run()
    assert "Closed accounts erased (retention over): 1" in output
    assert "Rose" not in output
    database = everything_in_the_database()
    left = [word for word in IDENTIFIERS if word.lower() in database.lower()]
    assert left == [], f"still in the database after erasure: {left}"
    assert not PatientProfile.objects.filter(pk=patient.pk).exists()
    assert not AccountClosure.objects.exists()
    # What happened is kept, without her.
    [erased] = AuditEvent.objects.filter(action=Action.RECORD_ERASED)
    assert erased.detail["entries"] == 3 and erased.patient is None
    assert (
        AuditEvent.objects.filter(detail__pseudonym=erased.detail["pseudonym"]).count()
        >= 5
    )
    assert (
        DailyEntry.objects.filter(patient=other).count(),
        ClinicalNote.objects.filter(patient=other).count(),
    ) == others_before
    assert "Olive Other" in database and "Olive's own words" in database


def test_a_dry_run_changes_nothing(rose, frozen):
    patient, nurse = rose
    close(patient, nurse)
    frozen.move_to(ERASE_DAY + dt.timedelta(days=1))
    before = everything_in_the_database()
    output = run("--dry-run")
    assert "Dry run: nothing changed." in output
    assert "Closed accounts would be erased (retention over): 1" in output
    assert everything_in_the_database() == before


def test_an_open_account_is_never_erased_only_counted(rose, frozen):
    patient, _ = rose
    frozen.move_to(ERASE_DAY + dt.timedelta(days=2))
    output = run()
    assert "past retention (not erased; for staff to review): 1" in output
    assert PatientProfile.objects.filter(pk=patient.pk).exists()


def test_a_request_staff_have_not_confirmed_is_counted_and_kept(rose, frozen):
    patient, _ = rose
    closure.request_closure(patient, by=patient.user)
    frozen.move_to(ERASE_DAY + dt.timedelta(days=2))
    assert "waiting for staff to confirm: 1" in run()
    assert PatientProfile.objects.filter(pk=patient.pk).exists()


def test_it_clears_expired_sessions_and_keeps_live_ones(rose, frozen):
    assert Session.objects.count() == 1
    frozen.move_to(START + dt.timedelta(days=400))
    fresh = log_in(Client(), make_patient().user)
    assert Session.objects.count() == 2
    assert "Expired sessions cleared: 1" in run()
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        fresh.session.session_key
    ]
