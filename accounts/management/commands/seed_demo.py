"""Demo teams, nurses and patients with a realistic diary. Development only."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import PatientProfile, Team, User
from diary.models import DailyEntry
from diary.services import record_entry

DEMO_PASSWORD = "diary-demo-2026"
IN_MEMORY_EMAIL = "django.core.mail.backends.locmem.EmailBackend"


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
            nurse = _user(
                "nurse@example.org", "Nina Nurse", User.Role.NURSE, teams=[demo]
            )
            nurse2 = _user(
                "nurse2@example.org", "Sam Second", User.Role.NURSE, teams=[second]
            )
            p1 = _patient("patient@example.org", "Pat Demo", demo, nurse, "9434765919")
            p2 = _patient("patient2@example.org", "Alex Week", demo, nurse, "")
            p3 = _patient("patient3@example.org", "Jo Other", second, nurse2, "")
            today = timezone.localdate()
            _history(p1, today, days=60, bad_yesterday=True)
            _history(p2, today, days=7)
            _history(p3, today, days=10)
        self.stdout.write(
            self.style.SUCCESS("Demo data ready. Log in at http://127.0.0.1:8000/")
        )
        for email in (
            "patient@example.org",
            "patient2@example.org",
            "patient3@example.org",
            "nurse@example.org",
            "nurse2@example.org",
        ):
            self.stdout.write(f"  {email:24} password: {DEMO_PASSWORD}")


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


def _user(email: str, name: str, role: str, teams: list[Team] = ()) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name, role=role)
    user.teams.add(*teams)
    return user


def _patient(
    email: str, name: str, team: Team, nurse: User, nhs: str
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
        record_entry(patient=patient, data=data, by=patient.user)


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
