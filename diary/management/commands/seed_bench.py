"""Bulk-load a large synthetic caseload for benchmarks (never for real data).

Rows are inserted with bulk_create, not through record_entry: the point is a
database the size of a busy service, fast. A few flags are added so the nurse
queue has something to show.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import random
import time
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import PatientProfile, Team, User
from diary import figures
from diary.models import CaseloadFigures, DailyEntry, Flag

BENCH_TEAM = "Benchmark Team"
BENCH_PASSWORD = "bench-password-2026"
BATCH = 5000
# Rows per COPY on PostgreSQL: one round trip and one parse per 50,000 rows.
COPY_BATCH = 50_000


class Command(BaseCommand):
    help = "Create N synthetic patients with D days of entries each (bulk inserts)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--patients", type=int, default=1000)
        parser.add_argument("--days", type=int, default=365)

    def handle(self, *args: Any, patients: int, days: int, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_bench only runs with DEBUG=true.")
        started = time.perf_counter()
        with transaction.atomic():
            team, nurse = _team_and_nurse()
            profiles = _patients(team, nurse, patients)
            entries = _entries(profiles, days)
            flags = _flags(team, days)
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner picks poor plans for the bulk rows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f'{{"bench": "seed_bench", "patients": {len(profiles)}, "days": {days}, '
            f'"entries": {entries}, "flags": {flags}, "seconds": {elapsed:.1f}}}'
        )


def _team_and_nurse() -> tuple[Team, User]:
    team, _ = Team.objects.get_or_create(
        name=BENCH_TEAM,
        defaults={
            "specialist_team_phone": "0161 000 0000",
            "acute_oncology_phone": "0161 000 0999",
            "alert_email": "bench@example.org",
        },
    )
    nurse = User.objects.filter(email="bench-nurse@example.org").first()
    if nurse is None:
        nurse = User.objects.create_user(
            "bench-nurse@example.org",
            BENCH_PASSWORD,
            full_name="Bench Nurse",
            role="nurse",
        )
    nurse.teams.add(team)
    return team, nurse


def _patients(team: Team, nurse: User, count: int) -> list[PatientProfile]:
    start = User.objects.filter(email__startswith="bench-patient-").count()
    password = make_password(BENCH_PASSWORD)
    users = User.objects.bulk_create(
        User(
            email=f"bench-patient-{n}@example.org",
            full_name=f"Bench Patient {n}",
            password=password,
        )
        for n in range(start, start + count)
    )
    users = list(User.objects.filter(email__in=[u.email for u in users]))
    # Reviewed, as an established caseload is: the queue's task list of
    # unreviewed profiles (HAZ-16) is for new patients only.
    now = timezone.now()
    profiles = PatientProfile.objects.bulk_create(
        (
            PatientProfile(
                user=u,
                team=team,
                named_nurse=nurse,
                bone_therapy="denosumab",
                profile_reviewed_at=now,
                profile_reviewed_by=nurse,
            )
            for u in users
        ),
        batch_size=BATCH,
    )
    # bulk_create sends no post_save: the figures rows diary.figures relies on.
    CaseloadFigures.objects.bulk_create(
        (figures.placeholder(p.pk) for p in profiles), batch_size=BATCH
    )
    return profiles


# Columns written for every synthetic entry; every other column is NULL
# ("not answered"). Raw executemany, because the ORM's bulk_create is held to
# 999 parameters per statement on SQLite (about 20 rows) and spends most of
# its time preparing values: 365,000 rows took minutes that way.
ENTRY_COLUMNS = (
    "patient_id", "entry_date", "pain_score", "pain_sites", "pain_relief_helping",
    "breakthrough_doses", "fatigue_score", "numbness", "nausea", "notes",
    "questions_for_team", "level", "escalated", "entered_by_id", "created_at",
    "updated_at",
)  # fmt: skip


def _entries(profiles: list[PatientProfile], days: int) -> int:
    rng = random.Random(2026)
    today = timezone.localdate()
    now = timezone.now()
    profiles = list(PatientProfile.objects.filter(pk__in=[p.pk for p in profiles]))
    rows = (
        _entry_row(rng, profile, today - dt.timedelta(days=ago), now)
        for profile in profiles
        for ago in range(days)
    )
    total = 0
    size = COPY_BATCH if connection.vendor == "postgresql" else BATCH
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(rows, size)):
            _insert_rows(cursor, batch)
            total += len(batch)
    return total


def _insert_rows(cursor: Any, rows: list[tuple]) -> None:
    table, columns = DailyEntry._meta.db_table, ", ".join(ENTRY_COLUMNS)
    if connection.vendor == "postgresql":
        # COPY, not INSERT: 3.65 million rows at 10,000 patients in minutes.
        # \N is NULL; the csv module quotes the JSON lists and the notes.
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerows(
            tuple("\\N" if value is None else value for value in row) for row in rows
        )
        buffer.seek(0)
        cursor.cursor.copy_expert(
            f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",
            buffer,
        )
    else:
        marks = ", ".join(["%s"] * len(ENTRY_COLUMNS))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _entry_row(
    rng: random.Random, profile: PatientProfile, day: dt.date, now: dt.datetime
) -> tuple:
    pain = rng.randint(0, 9)
    return (
        profile.pk,
        day,
        pain,
        json.dumps(["pelvis_hip", "ribs_chest"]) if pain > 3 else None,
        "partly",
        rng.randint(0, 4),
        rng.randint(0, 9),
        "[]",
        rng.random() < 0.1,
        "Slept badly; walked to the shop with a stick." if pain > 6 else "",
        "",
        "none",
        False,
        profile.user_id,
        now,
        now,
    )


def _flags(team: Team, days: int) -> int:
    """An open amber flag on today's entry of one patient in twenty."""
    today = timezone.localdate()
    entries = DailyEntry.objects.filter(patient__team=team, entry_date=today)
    flags = [
        Flag(
            entry=e,
            condition="uncontrolled_pain",
            level="amber",
            rule_id="uncontrolled_pain.amber.score_and_relief",
            reasons={"pain_score": e.pain_score, "pain_relief_helping": "no"},
            source="booklet p. 18",
            guidance_key="uncontrolled_pain",
        )
        for n, e in enumerate(entries.only("pk", "pain_score"))
        if n % 20 == 0
    ]
    Flag.objects.bulk_create(flags, batch_size=BATCH)
    return len(flags)
