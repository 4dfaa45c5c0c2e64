"""Entries that raise known flags (red-flags.md), and a fast bulk caseload."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from accounts.models import PatientProfile, Team, User
from diary import figures
from diary.models import CaseloadFigures, DailyEntry, Flag
from tests.factories import make_entry


def red_entry(patient: PatientProfile, day: dt.date | None = None) -> DailyEntry:
    """Possible spinal cord compression: red."""
    return make_entry(patient, day, difficulty_walking=True)


def amber_entry(patient: PatientProfile, day: dt.date | None = None) -> DailyEntry:
    """Unexplained bleeding or bruising: amber."""
    return make_entry(patient, day, bleeding_bruising=True)


def two_amber_entry(patient: PatientProfile, day: dt.date | None = None) -> DailyEntry:
    """Bleeding (amber) and a swollen leg (amber): escalated to red."""
    return make_entry(patient, day, bleeding_bruising=True, leg_swelling=True)


def green_entry(patient: PatientProfile, day: dt.date | None = None) -> DailyEntry:
    """A temperature of 37.6 without chemotherapy: green."""
    return make_entry(patient, day, temperature_c="37.6")


def opened_at(entry: DailyEntry, when: dt.datetime) -> None:
    """Pretend the entry's flags were raised at `when` (queue order is by age)."""
    Flag.objects.filter(entry=entry).update(created_at=when)


def hours_ago(n: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=n)


def bulk_caseload(team: Team, count: int, *, days: int = 14, start: int = 0) -> None:
    """`count` patients with up to `days` entries each, in a handful of bulk
    inserts, with something in every part of the queue: a red flag on every
    seventh patient's entry, an amber one on every other, a green one on every
    fifth, and every third patient quiet (no entry for the last 4 days)."""
    rng = random.Random(count)
    users = User.objects.bulk_create(
        User(
            email=f"bulk{start + n}@example.org",
            full_name=f"Bulk Patient {start + n:04d}",
        )
        for n in range(count)
    )
    users = User.objects.filter(email__in=[u.email for u in users])
    profiles = PatientProfile.objects.bulk_create(
        # Reviewed, like make_patient's: an established caseload.
        PatientProfile(user=u, team=team, profile_reviewed_at=timezone.now())
        for u in users
    )
    # bulk_create sends no post_save: the figures rows, as seed_bench makes.
    CaseloadFigures.objects.bulk_create(figures.placeholder(p.pk) for p in profiles)
    today = timezone.localdate()
    quiet_days = 4

    def level(i: int, ago: int) -> str:
        latest = quiet_days if i % 3 == 1 else 0
        if ago != latest:
            return "none"
        if i % 7 == 0:
            return "red"
        if i % 2 == 0:
            return "amber"
        return "green" if i % 5 == 0 else "none"

    entries = DailyEntry.objects.bulk_create(
        DailyEntry(
            patient=p,
            entry_date=today - dt.timedelta(days=ago),
            pain_score=rng.randint(0, 10),
            fatigue_score=rng.randint(0, 10),
            level=level(i, ago),
            entered_by_id=p.user_id,
        )
        for i, p in enumerate(profiles)
        for ago in range(quiet_days if i % 3 == 1 else 0, days)
    )
    Flag.objects.bulk_create(
        Flag(entry=e, level=e.level, **BULK_FLAGS[e.level])
        for e in entries
        if e.level != "none"
    )


BULK_FLAGS = {
    "red": {
        "condition": "mscc",
        "rule_id": "mscc.red.difficulty_walking",
        "reasons": {"difficulty_walking": True},
        "source": "booklet p. 6",
        "guidance_key": "mscc",
    },
    "amber": {
        "condition": "bleeding",
        "rule_id": "bleeding.amber.bleeding_bruising",
        "reasons": {"bleeding_bruising": True},
        "source": "booklet pp. 4, 8",
        "guidance_key": "bleeding",
    },
    "green": {
        "condition": "infection",
        "rule_id": "infection.green.temperature",
        "reasons": {"temperature_c": "37.6"},
        "source": "booklet p. 8",
        "guidance_key": "infection",
    },
}
