"""Patient pages on a large database: "My diary" and saving an entry.

Prints JSON lines: median milliseconds and SQL queries per request.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.http import HttpResponseBase  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import PatientProfile  # noqa: E402
from diary.management.commands.seed_bench import BENCH_TEAM  # noqa: E402

RUNS = 15


def timed(fn: Callable[[], HttpResponseBase]) -> tuple[float, int]:
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = fn()
            times.append(time.perf_counter() - start)
        assert response.status_code in (200, 302), response.status_code
        queries = len(ctx.captured_queries)
    return statistics.median(times) * 1000, queries


def main() -> None:
    patient = (
        PatientProfile.objects.filter(team__name=BENCH_TEAM)
        .select_related("user")
        .first()
    )
    assert patient is not None, "run seed_bench first (bench/run.py does)"
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(patient.user)
    entries = patient.entries.count()
    ms, queries = timed(lambda: client.get(reverse("diary_list")))
    print(
        json.dumps(
            {
                "bench": "patient_my_diary",
                "entries": entries,
                "median_ms": round(ms, 1),
                "queries": queries,
            }
        )
    )
    day = timezone.localdate().isoformat()
    form = {
        "entry_date": day,
        "pain_score": "8",
        "pain_sites": ["back"],
        "back_pain_positional": "yes",
        "fatigue_score": "5",
        "pain_relief_helping": "no",
    }
    ms, queries = timed(lambda: client.post(reverse("today"), form))
    print(
        json.dumps(
            {
                "bench": "patient_save_entry_with_flags",
                "median_ms": round(ms, 1),
                "queries": queries,
            }
        )
    )


if __name__ == "__main__":
    main()
