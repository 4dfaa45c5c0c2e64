"""Patient pages on a large database: My diary, trends, the Today form, a save.

Prints JSON lines (bench/timing.py): median milliseconds over 25 requests,
SQL queries and peak memory per request, after the log-in page's floor.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

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
    entries = patient.entries.count()
    measure(
        "patient_my_diary", lambda: client.get(reverse("diary_list")), entries=entries
    )
    measure("patient_trends", lambda: client.get(reverse("trends")))
    measure("patient_today_form", lambda: client.get(reverse("today")))
    day = timezone.localdate().isoformat()
    form = {
        "entry_date": day,
        "pain_score": "8",
        "pain_sites": ["back"],
        "back_pain_positional": "yes",
        "fatigue_score": "5",
        "pain_relief_helping": "no",
    }
    measure(
        "patient_save_entry_with_flags",
        lambda: client.post(reverse("today"), form),
        ok=(200, 302),
    )


if __name__ == "__main__":
    main()
