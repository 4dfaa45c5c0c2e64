"""The patient's "Download all my data" ZIP for a year of diary, and
apply_retention's dry run over the whole bench database.

Prints JSON lines (bench/timing.py): median milliseconds, SQL queries and
peak memory per request, after the log-in page's floor.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import PatientProfile  # noqa: E402
from bench.timing import measure, measure_floor  # noqa: E402
from diary.management.commands.seed_bench import BENCH_TEAM  # noqa: E402


def main() -> None:
    patient = (
        PatientProfile.objects.filter(team__name=BENCH_TEAM)
        .select_related("user")
        .first()
    )
    assert patient is not None, "run seed_bench first (bench/run.py does)"
    measure_floor()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(patient.user)
    measure(
        "patient_download_all_my_data",
        lambda: client.post(reverse("download_my_data")),
        entries=patient.entries.count(),
    )
    started = time.perf_counter()
    call_command("apply_retention", "--dry-run", stdout=io.StringIO())
    elapsed = round((time.perf_counter() - started) * 1000, 1)
    # Not a page (no floor ratio): one run, like seed_bench's line.
    patients = PatientProfile.objects.count()
    print(
        json.dumps(
            {"bench": "apply_retention_dry_run", "patients": patients, "ms": elapsed}
        )
    )


if __name__ == "__main__":
    main()
