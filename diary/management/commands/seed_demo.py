"""Demo teams, nurses and patients with a realistic diary. Development only."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from accounts import mfa
from accounts.models import (
    BankHoliday,
    CarerLink,
    PatientProfile,
    Team,
    User,
    WorkingHours,
)
from diary.models import Acknowledgement, DailyEntry, Flag, Referral, Reminder
from diary.services import acknowledge_flag, record_entry

DEMO_PASSWORD = "diary-demo-2026"
# Flags older than this were dealt with by the nurse; newer ones wait in the queue.
ACKNOWLEDGED_AFTER_DAYS = 3
# The demo patient's run of uncontrolled pain: the 10th to 12th of last month,
# three pain days in one month (whatever today is), so the service report's
# pain figure and its referrals have data.
PAIN_RUN_DAYS = (10, 11, 12)
# What the demo nurse records about each kind of old flag (service report data).
DEMO_REFERRALS = {"uncontrolled_pain": [Referral.Kind.PALLIATIVE_CARE]}
IN_MEMORY_EMAIL = "django.core.mail.backends.locmem.EmailBackend"
# Monday to Friday 09:00-17:00, and England's bank holidays around the demo.
DEMO_OPEN, DEMO_CLOSE = dt.time(9), dt.time(17)
DEMO_BANK_HOLIDAYS = {
    dt.date(2026, 12, 25): "Christmas Day",
    dt.date(2026, 12, 28): "Boxing Day (substitute day)",
    dt.date(2027, 1, 1): "New Year's Day",
}


class Command(BaseCommand):
    help = "Load demo data (idempotent). Refused unless DEBUG is on."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DEBUG=true: it creates known passwords."
            )
        # The demo history raises alerts; emailing them would bury the logins
        # printed below under console emails to example.org addresses.
        with override_settings(EMAIL_BACKEND=IN_MEMORY_EMAIL), transaction.atomic():
            demo, second = _teams()
            for team in (demo, second):
                _working_hours(team)
            nurse = _user(
                "nurse@example.org", "Nina Nurse", User.Role.NURSE, teams=[demo]
            )
            nurse2 = _user(
                "nurse2@example.org", "Sam Second", User.Role.NURSE, teams=[second]
            )
            lead = _user("lead@example.org", "Lee Lead", User.Role.NURSE, teams=[demo])
            demo.lead_nurses.add(lead)
            # Phone numbers from Ofcom's range for drama, which rings nobody.
            p1 = _patient(
                "patient@example.org",
                "Pat Demo",
                demo,
                nurse,
                "9434765919",
                phones=("07700 900461", "0161 496 0732"),
            )
            p2 = _patient(
                "patient2@example.org",
                "Alex Week",
                demo,
                nurse,
                "",
                phones=("07700 900118", ""),
                # Left for the demo nurse to review: her queue shows the task.
                reviewed=False,
            )
            p3 = _patient(
                "patient3@example.org",
                "Jo Other",
                second,
                nurse2,
                "",
                phones=("07700 900835", ""),
            )
            today = timezone.localdate()
            _history(p1, today, days=60, bad_yesterday=True)
            _history(p2, today, days=7)
            _history(p3, today, days=10)
            # The demo patient's own choice, shown on her reminders page.
            Reminder.objects.get_or_create(
                patient=p1,
                defaults={"local_time": dt.time(18, 0), "days": "01234"},  # Mon-Fri
            )
            _acknowledge_old_flags(nurse, today)
            _acknowledge_old_flags(nurse2, today)
            _carer("carer@example.org", "Chris Carer", p1)
            for user in (nurse, nurse2, lead):
                mfa.give_demo_device(user)
        self.stdout.write(
            self.style.SUCCESS("Demo data ready. Log in at http://127.0.0.1:8000/")
        )
        for email in (
            "patient@example.org",
            "patient2@example.org",
            "patient3@example.org",
            "nurse@example.org",
            "nurse2@example.org",
            "lead@example.org",
            "carer@example.org",
        ):
            self.stdout.write(f"  {email:24} password: {DEMO_PASSWORD}")
        self.stdout.write(
            "Nurses also need a code (two-step sign-in). Add this key to any "
            f"authenticator app: {mfa.DEMO_KEY_TEXT}\n"
            "or, without an app, print the current code: make demo-code"
        )


def _teams() -> tuple[Team, Team]:
    demo, _ = Team.objects.get_or_create(
        name="Demo Breast Care Team",
        defaults={
            "hospital": "Demo Hospital",
            "specialist_team_phone": "0161 000 0001",
            "acute_oncology_phone": "0161 000 0999",
            "alert_email": "demo-team@example.org",
        },
    )
    second, _ = Team.objects.get_or_create(
        name="Second Team",
        defaults={
            "hospital": "Second Hospital",
            "specialist_team_phone": "0113 000 0002",
            "acute_oncology_phone": "0113 000 0888",
            "alert_email": "second-team@example.org",
        },
    )
    return demo, second


def _working_hours(team: Team) -> None:
    for weekday in range(5):
        WorkingHours.objects.get_or_create(
            team=team,
            weekday=weekday,
            defaults={"opens": DEMO_OPEN, "closes": DEMO_CLOSE},
        )
    for day, name in DEMO_BANK_HOLIDAYS.items():
        BankHoliday.objects.get_or_create(team=team, date=day, defaults={"name": name})


def _user(email: str, name: str, role: str, teams: Sequence[Team] = ()) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name, role=role)
    user.teams.add(*teams)
    return user


def _carer(email: str, name: str, patient: PatientProfile) -> None:
    """A carer who has accepted the patient's invitation (once, idempotent)."""
    carer = _user(email, name, User.Role.CARER)
    if not CarerLink.objects.active().filter(carer=carer, patient=patient).exists():
        CarerLink.objects.create(
            patient=patient,
            email=email,
            carer=carer,
            invited_by=patient.user,
            accepted_at=timezone.now(),
        )


def _patient(
    email: str,
    name: str,
    team: Team,
    nurse: User,
    nhs: str,
    *,
    phones: tuple[str, str],
    reviewed: bool = True,
) -> PatientProfile:
    user = _user(email, name, User.Role.PATIENT)
    profile, _ = PatientProfile.objects.get_or_create(
        user=user,
        defaults={
            "team": team,
            "named_nurse": nurse,
            "spine_metastases": email == "patient@example.org",
            "bone_therapy": "denosumab" if email == "patient@example.org" else "none",
            "nhs_number": nhs,
            "date_of_birth": dt.date(1961, 4, 12),
            "mobile_phone": phones[0],
            "other_phone": phones[1],
            "profile_reviewed_at": timezone.now() if reviewed else None,
            "profile_reviewed_by": nurse if reviewed else None,
        },
    )
    return profile


def _history(
    patient: PatientProfile, today: dt.date, *, days: int, bad_yesterday: bool = False
) -> None:
    if DailyEntry.objects.for_patient(patient).exists():
        return
    rng = random.Random(patient.user.email)
    for ago in range(days, 0, -1):
        day = today - dt.timedelta(days=ago)
        data = _ordinary_day(rng, day)
        if ago in (40, 22):
            data.update(
                pain_score=8, pain_relief_helping="partly", breakthrough_doses=4
            )
            data["questions_for_team"] = (
                "Could my pain relief be changed? Nights are hard."
            )
        if bad_yesterday and day in _pain_run(today):
            data.update(pain_score=8, pain_relief_helping="no")
        if ago == 12:
            data.update(
                fatigue_score=8, nausea=True, constipation=True, appetite_loss=True
            )
        if bad_yesterday and ago == 1:
            data.update(
                pain_score=8,
                pain_sites=["back"],
                back_pain_positional=True,
                difficulty_walking=True,
                notes="Legs felt heavy on the stairs this evening.",
            )
        entry = record_entry(patient=patient, data=data, by=patient.user).entry
        _backdate(entry, _evening_of(day))


def _pain_run(today: dt.date) -> list[dt.date]:
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return [last_month.replace(day=n) for n in PAIN_RUN_DAYS]


def _evening_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(19, 30)))


def _backdate(entry: DailyEntry, at: dt.datetime) -> None:
    """Saved on its own day, as a real diary is: the queue's "open for" and the
    record's "saved at" would otherwise all say "just now"."""
    DailyEntry.objects.filter(pk=entry.pk).update(created_at=at, updated_at=at)
    Flag.objects.filter(entry=entry).update(created_at=at, updated_at=at)


def _acknowledge_old_flags(nurse: User, today: dt.date) -> None:
    cutoff = today - dt.timedelta(days=ACKNOWLEDGED_AFTER_DAYS)
    old = Flag.objects.open().filter(
        entry__patient__team__in=nurse.teams.all(), entry__entry_date__lt=cutoff
    )
    for flag in old.select_related("entry__patient"):
        acknowledge_flag(
            flag=flag,
            nurse=nurse,
            actions=[Acknowledgement.Action.PHONED_PATIENT],
            note="Phoned the patient; symptoms settling. Reviewed at clinic.",
            referrals=DEMO_REFERRALS.get(flag.condition, []),
            outcome=Acknowledgement.Outcome.ADVICE_GIVEN,
        )
        next_morning = _evening_of(flag.entry.entry_date) + dt.timedelta(hours=14)
        Acknowledgement.objects.filter(flag=flag).update(created_at=next_morning)


def _ordinary_day(rng: random.Random, day: dt.date) -> dict[str, Any]:
    no = dict.fromkeys(
        [
            "difficulty_walking",
            "bladder_bowel_problem",
            "very_thirsty",
            "passing_more_urine",
            "nausea",
            "vomiting",
            "constipation",
            "appetite_loss",
            "poor_concentration",
            "drowsiness",
            "weakness",
            "confusion",
            "shivering",
            "bleeding_bruising",
            "leg_swelling",
            "line_site_swelling",
            "breathless",
            "chest_tightness",
            "coughing_blood",
            "possible_fracture",
        ],
        False,
    )
    pain = rng.choice([2, 3, 3, 4, 4, 5])
    return {
        **no,
        "entry_date": day,
        "pain_score": pain,
        "pain_sites": ["pelvis_hip"] if pain >= 5 else None,
        "pain_relief_helping": "yes",
        "breakthrough_doses": rng.choice([0, 0, 1, 1, 2]),
        "fatigue_score": rng.choice([3, 4, 4, 5, 6]),
        "numbness": [],
        "notes": rng.choice(["", "", "Walked to the shop.", "Slept badly."]),
    }
