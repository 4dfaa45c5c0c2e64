"""Seed the load test's database: one team, its patients and nurses, history.

Called by bench/loadtest/run.py in a fresh database. The patients and their
rows come from seed_bench's helpers (bulk inserts, seconds not minutes); the
history stops at yesterday, so every entry dated today was saved during the
load test.
The nurses get seed_demo's published two-step key, so the locust users can
compute their codes (accounts/mfa.py demo_code).
"""

from __future__ import annotations

import datetime as dt
import random
import time

# The locustfile runs one user per account (its fixed counts are these).
PATIENTS = 50
NURSES = 10
HISTORY_DAYS = 90
NURSE_EMAIL = "loadtest-nurse-{n}@example.org"
# seed_bench's naming, which its _patients helper uses.
PATIENT_EMAIL = "bench-patient-{n}@example.org"


def seed() -> None:
    # Imported here: run.py imports this module's names before django.setup().
    from django.db import connection, transaction
    from django.utils import timezone

    from accounts import mfa
    from accounts.models import User
    from diary.management.commands import seed_bench as sb
    from diary.models import DailyEntry, Flag

    started = time.perf_counter()
    rng = random.Random(14)
    today, now = timezone.localdate(), timezone.now()
    with transaction.atomic():
        team, bench_nurse = sb._team_and_nurse()
        profiles = sb._patients(team, bench_nurse, PATIENTS)
        rows = [
            sb._entry_row(rng, profile, today - dt.timedelta(days=ago), now)
            for profile in profiles
            for ago in range(1, HISTORY_DAYS + 1)
        ]
        with connection.cursor() as cursor:
            sb._insert_rows(cursor, rows)
        # An open amber flag on yesterday's entry of one patient in five:
        # the queue has something to page through.
        yesterday = DailyEntry.objects.filter(
            patient__team=team, entry_date=today - dt.timedelta(days=1)
        )
        Flag.objects.bulk_create(
            Flag(
                entry=e,
                condition="uncontrolled_pain",
                level="amber",
                rule_id="uncontrolled_pain.amber.score_and_relief",
                reasons={"pain_score": e.pain_score, "pain_relief_helping": "no"},
                source="booklet p. 18",
                guidance_key="uncontrolled_pain",
            )
            for n, e in enumerate(yesterday.only("pk", "pain_score"))
            if n % 5 == 0
        )
        for n in range(NURSES):
            nurse = User.objects.create_user(
                NURSE_EMAIL.format(n=n),
                sb.BENCH_PASSWORD,
                full_name=f"Load Nurse {n}",
                role=User.Role.NURSE,
            )
            nurse.teams.add(team)
            mfa.give_demo_device(nurse)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"seeded {PATIENTS} patients x {HISTORY_DAYS} days and {NURSES} nurses "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
