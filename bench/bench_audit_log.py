"""The staff audit page (diary/staff/) over 1,000,000 audit rows.

Seeds its own rows once into the benchmark database (an "Audit bench team"
of 20 nurses and 500 patients, and AUDIT_ROWS events over two years: COPY
on PostgreSQL, large executemany batches on SQLite), then times a page per
filter and a one-patient CSV. Run by bench/run.py, or alone:

    DEBUG=true DATABASE_URL=... python manage.py migrate
    DEBUG=true DATABASE_URL=... python bench/bench_audit_log.py

Prints one JSON line per page (bench/timing.py). Every timed request writes
its own audit row (the page is audited), as in use.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")
django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import PatientProfile, Team, User  # noqa: E402
from bench.timing import measure, measure_floor  # noqa: E402
from diary import figures  # noqa: E402
from diary.models import AuditEvent, CaseloadFigures  # noqa: E402
from tests.factories import log_in  # noqa: E402

AUDIT_TEAM = "Audit bench team"
AUDIT_ROWS = int(os.environ.get("BENCH_AUDIT_ROWS", 1_000_000))
NURSES, PATIENTS, BATCH = 20, 500, 20_000
COLUMNS = ("at", "actor_id", "patient_id", "subject_id", "action", "detail")
# Roughly as in use: mostly sign-ins and nurses' reads.
ACTIONS = (
    ["signed_in"] * 30
    + ["viewed_record"] * 30
    + ["viewed_list"] * 25
    + ["signed_out"] * 10
    + [
        "sign_in_failed",
        "acknowledged_flag",
        "added_note",
        "staff_viewed",
        "refused_access",
    ]
)
ABOUT_A_PATIENT = {"viewed_record", "acknowledged_flag", "added_note"}


@transaction.atomic
def seed() -> None:
    """All in one transaction: an interrupted seed leaves nothing behind to be
    taken for a finished one (and SQLite in autocommit would sync each row)."""
    started = time.perf_counter()
    team = Team.objects.create(
        name=AUDIT_TEAM,
        specialist_team_phone="0161 000 0000",
        acute_oncology_phone="0161 000 0999",
        alert_email="audit-bench@example.org",
    )
    password = make_password("audit-bench-password-2026")
    User.objects.bulk_create(
        User(
            email=f"audit-nurse-{n}@example.org",
            full_name=f"Audit Nurse {n}",
            role=User.Role.NURSE,
            password=password,
        )
        for n in range(NURSES)
    )
    User.objects.create_user(
        "audit-staff@example.org",
        "audit-bench-password-2026",
        full_name="Audit Staff",
        role=User.Role.ADMIN,
        is_staff=True,
    )
    User.objects.bulk_create(
        User(
            email=f"audit-patient-{n}@example.org",
            full_name=f"Audit Patient {n}",
            password=password,
        )
        for n in range(PATIENTS)
    )
    users = list(User.objects.filter(email__startswith="audit-patient-"))
    PatientProfile.objects.bulk_create(
        PatientProfile(user=u, team=team, nhs_number=f"{9_000_000_000 + i}")
        for i, u in enumerate(users)
    )
    nurse_ids = list(
        User.objects.filter(email__startswith="audit-nurse-").values_list(
            "pk", flat=True
        )
    )
    patient_ids = list(
        PatientProfile.objects.filter(team=team).values_list("pk", flat=True)
    )
    # Bulk-created profiles miss their post_save: their figures rows too;
    # computed, as the nightly refresh_caseload_figures would have.
    CaseloadFigures.objects.bulk_create(figures.placeholder(pk) for pk in patient_ids)
    figures.refresh_stale(
        PatientProfile.objects.filter(team=team), timezone.localdate()
    )
    rows = _rows(random.Random(2026), nurse_ids, patient_ids)
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(rows, BATCH)):
            _insert(cursor, batch)
        if connection.vendor == "postgresql":
            # The audit rows, and the team, users and profiles this added:
            # as the README asks after adding a team, or the planner, still
            # counting one team, reads the nurse's pages' rows once per team.
            cursor.execute(
                f"ANALYZE {AuditEvent._meta.db_table}, accounts_team, "
                "accounts_user, accounts_patientprofile, diary_caseloadfigures"
            )
        else:
            cursor.execute("ANALYZE")
    print(
        json.dumps(
            {
                "bench": "seed_audit_log",
                "rows": AUDIT_ROWS,
                "seconds": round(time.perf_counter() - started, 1),
            }
        ),
        flush=True,
    )


def _rows(
    rng: random.Random, nurse_ids: list[int], patient_ids: list[int]
) -> Iterator[tuple]:
    now = timezone.now()
    span = dt.timedelta(days=730).total_seconds()
    for _ in range(AUDIT_ROWS):
        action = rng.choice(ACTIONS)
        patient = rng.choice(patient_ids) if action in ABOUT_A_PATIENT else None
        at = now - dt.timedelta(seconds=rng.random() * span)
        detail = {"page": "record"} if patient else {"via": "bench"}
        yield (at, rng.choice(nurse_ids), patient, None, action, json.dumps(detail))


def _insert(cursor: Any, rows: list[tuple]) -> None:
    table, columns = AuditEvent._meta.db_table, ", ".join(COLUMNS)
    if connection.vendor == "postgresql":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(
            tuple("\\N" if v is None else v for v in row) for row in rows
        )
        buffer.seek(0)
        cursor.cursor.copy_expert(
            f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",
            buffer,
        )
    else:
        # Raw executemany, as seed_bench: the ORM's bulk_create spends most
        # of its time preparing values (and AuditEvent.save is not the point).
        marks = ", ".join(["%s"] * len(COLUMNS))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def main() -> None:
    if not Team.objects.filter(name=AUDIT_TEAM).exists():
        seed()
    staff = User.objects.get(email="audit-staff@example.org")
    nurse = User.objects.filter(email__startswith="audit-nurse-").first()
    patient = PatientProfile.objects.filter(team__name=AUDIT_TEAM).first()
    assert nurse is not None and patient is not None
    client = Client(HTTP_HOST="127.0.0.1")
    log_in(client, staff)
    url, csv_url = reverse("staff:audit_log"), reverse("staff:audit_log_csv")
    month_ago = timezone.localdate() - dt.timedelta(days=30)
    # The cursor of a page deep in the log (a year back), for "Older".
    deep = (
        AuditEvent.objects.filter(at__lt=timezone.now() - dt.timedelta(days=365))
        .order_by("-at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    pages: dict[str, dict[str, Any]] = {
        "audit_log_newest": {},
        "audit_log_by_patient": {"patient": patient.nhs_number},
        "audit_log_by_user": {"actor": nurse.email},
        "audit_log_by_action": {"action": "added_note"},
        "audit_log_by_dates_one_month": {
            "date_from": month_ago.isoformat(),
            "date_to": timezone.localdate().isoformat(),
        },
        "audit_log_user_action_dates": {
            "actor": nurse.email,
            "action": "viewed_record",
            "date_from": month_ago.isoformat(),
        },
        "audit_log_older_a_year_back": {"before": deep},
    }
    rows = AuditEvent.objects.count()
    measure_floor()
    for name, params in pages.items():
        measure(name, partial(client.get, url, params), audit_rows=rows)
    measure(
        "audit_log_csv_one_patient",
        lambda: _drained(client.get(csv_url, {"patient": patient.nhs_number})),
        audit_rows=rows,
    )


def _drained(response: Any) -> Any:
    # A streamed response costs nothing until read: read it all.
    b"".join(response.streaming_content)
    return response


if __name__ == "__main__":
    main()
