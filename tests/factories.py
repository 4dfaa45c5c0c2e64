"""Plain factory functions for test data (no factory library needed)."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from typing import Any

from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa
from accounts.middleware import IDLE_CLOCK_AT, idle_seconds_for
from accounts.models import PatientProfile, Team, User, WorkingHours
from diary.models import DailyEntry
from diary.services import record_entry

PASSWORD = "a-long-test-password-2026"
_seq = itertools.count(1)


def make_team(name: str = "") -> Team:
    n = next(_seq)
    return Team.objects.create(
        name=name or f"Team {n}",
        specialist_team_phone="0161 446 3000",
        acute_oncology_phone="0800 123 4567",
        alert_email=f"team{n}@example.org",
    )


def always_open(team: Team) -> Team:
    """Working hours every day, all day: for tests of in-hours wording that
    must not depend on the hour they run at (out of hours, amber says more)."""
    WorkingHours.objects.bulk_create(
        WorkingHours(team=team, weekday=d, opens=dt.time.min, closes=dt.time.max)
        for d in range(7)
    )
    return team


def make_nurse(*teams: Team, email: str = "") -> User:
    user = User.objects.create_user(
        email or f"nurse{next(_seq)}@example.org",
        PASSWORD,
        full_name="Nora Nurse",
        role=User.Role.NURSE,
    )
    user.teams.add(*teams)
    return user


def log_in(client: Client, user: User) -> Client:
    """Signed in as both steps of the sign-in would leave the session: the
    password (force_login), then for nurses, staff and patients who turned it
    on, the second step, passed with the user's authenticator app (made here
    if they have none). Tests of the second step itself use its pages."""
    client.force_login(user)
    session = client.session
    if mfa.is_required(user) or mfa.is_enrolled(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Test app")
            User.objects.filter(pk=user.pk).update(two_step_on=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    # The idle clock as the sign-in's own response starts it.
    session[IDLE_CLOCK_AT] = int(time.time())
    session.set_expiry(idle_seconds_for(user))
    session.save()
    return client


def make_patient(
    team: Team | None = None, *, name: str = "", reviewed: bool = True, **profile: Any
) -> PatientProfile:
    """A patient whose clinical profile a nurse has reviewed, unless
    reviewed=False (a new patient's, which the rules treat the safer way)."""
    n = next(_seq)
    user = User.objects.create_user(
        f"patient{n}@example.org", PASSWORD, full_name=name or f"Patient {n}"
    )
    if reviewed:
        profile.setdefault("profile_reviewed_at", timezone.now())
    return PatientProfile.objects.create(user=user, team=team or make_team(), **profile)


def entry_data(day: dt.date | None = None, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "entry_date": day or timezone.localdate(),
        "pain_score": 2,
        "fatigue_score": 3,
    }
    data.update(fields)
    return data


def make_entry(
    patient: PatientProfile, day: dt.date | None = None, **fields: Any
) -> DailyEntry:
    return record_entry(
        patient=patient, data=entry_data(day, **fields), by=patient.user
    ).entry


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def form_post(day: dt.date | None = None, **fields: Any) -> dict[str, Any]:
    """What the browser posts for the diary form: field codes as names."""
    data: dict[str, Any] = {
        "entry_date": (day or timezone.localdate()).isoformat(),
        "pain_score": "2",
        "fatigue_score": "3",
    }
    data.update({k: v for k, v in fields.items() if v is not None})
    return data


def make_carer(*patients: PatientProfile, name: str = "Chris Carer") -> User:
    """A carer who has accepted links to each of `patients`."""
    from accounts.models import CarerLink

    carer = User.objects.create_user(
        f"carer{next(_seq)}@example.org", PASSWORD, full_name=name, role=User.Role.CARER
    )
    for patient in patients:
        CarerLink.objects.create(
            patient=patient,
            email=carer.email,
            carer=carer,
            invited_by=patient.user,
            accepted_at=timezone.now(),
        )
    return carer
