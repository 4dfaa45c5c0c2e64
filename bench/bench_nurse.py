"""The nurse's pages on a large caseload: triage queue, caseload, patient record.

Run by bench/run.py on the shared benchmark database (seed_bench: 1,000
patients x 365 days); seeds it itself when run alone on an empty database:

    DEBUG=true DATABASE_URL=... python bench/bench_nurse.py

Prints one JSON line per page (bench/timing.py): median milliseconds over 25
requests, SQL queries and peak memory per request, after the log-in page's
floor. Targets: each page under 300 ms, and a query count
that does not depend on the number of patients.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from functools import partial
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Team, User  # noqa: E402
from bench.seed_once import ensure_seeded  # noqa: E402
from bench.timing import measure, measure_floor  # noqa: E402
from diary import figures  # noqa: E402
from diary.models import CaseloadFigures  # noqa: E402
from tests.factories import log_in  # noqa: E402


def main() -> None:
    team = ensure_seeded()
    nurse = User.objects.filter(teams=team, role=User.Role.NURSE).first()
    patient = team.patients.order_by("pk").first()
    assert nurse is not None and patient is not None, "seed_bench made none"
    client = Client(HTTP_HOST="127.0.0.1")
    # Both steps of the nurse's sign-in, or every page redirects to the second.
    log_in(client, nurse)
    pages = {
        "nurse_queue": reverse("nurse:queue"),
        "nurse_caseload": reverse("nurse:caseload"),
        "nurse_caseload_by_level": reverse("nurse:caseload") + "?sort=level",
        "nurse_caseload_not_logged_3_days": reverse("nurse:caseload")
        + "?not_logged=3&sort=quiet",
        "nurse_caseload_search": reverse("nurse:caseload") + "?q=patient+9",
        "nurse_caseload_by_days_filled_in_14": reverse("nurse:caseload")
        + "?sort=completion_14",
        "nurse_caseload_filled_fewer_than_7_of_14": reverse("nurse:caseload")
        + "?filled_fewer=7&filled_days=14&sort=completion_28",
        "nurse_patient_record_90_days": reverse("nurse:patient", args=[patient.pk])
        + "?days=90",
    }
    patients = team.patients.count()
    _as_the_nightly_job_leaves_them(team)
    measure_floor()
    for name, url in pages.items():
        measure(name, partial(client.get, url), patients=patients)
    # The first caseload page of a day recomputes the stored figures of every
    # patient of her team (diary.figures); `manage.py refresh_caseload_figures`
    # after midnight takes this off the nurses' first page. Other teams' rows
    # are left of today, as that job leaves them.
    measure(
        "nurse_caseload_first_of_the_day",
        partial(client.get, pages["nurse_caseload"]),
        prepare=lambda: CaseloadFigures.objects.filter(patient__team=team).update(
            as_of=dt.date.min
        ),
        patients=patients,
    )
    _compact_figures()


def _as_the_nightly_job_leaves_them(team: Team) -> None:
    """The team's figures computed for today and their statistics current,
    as `manage.py refresh_caseload_figures` after midnight and autovacuum
    leave them: seed_bench writes placeholders, and the queue (timed first)
    reads the stored rows without computing them."""
    figures.refresh_stale(team.patients.all(), timezone.localdate())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE diary_caseloadfigures")


def _compact_figures() -> None:
    """Each run above rewrote every figures row: in service that is once a
    day and autovacuum keeps up, here it is once a request, and PostgreSQL's
    table grew to 45 MB of dead rows for 1 MB of live ones, which the next
    `make bench` then read on every sort (docs/performance.md)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM FULL ANALYZE diary_caseloadfigures")


if __name__ == "__main__":
    main()
