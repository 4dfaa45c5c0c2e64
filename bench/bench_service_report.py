"""The service report on the benchmark team (seed_bench: 1,000 patients x 365
days by default; BENCH_PATIENTS=10000 for the issue's target): the page over
12 and 24 months and the 12-month CSV, as the team's lead nurse reads them.

Run by bench/run.py on the shared benchmark database; seeds it itself when run
alone on an empty database:

    DEBUG=true DATABASE_URL=... python bench/bench_service_report.py

Prints one JSON line per page (bench/timing.py). Its query count does not
depend on the number of patients (one grouped query per figure, one per month
for the pain figure); its time grows with the team's rows in the range.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")
django.setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.seed_once import ensure_seeded  # noqa: E402
from bench.timing import measure, measure_floor  # noqa: E402
from diary.reports import Month  # noqa: E402
from tests.factories import log_in  # noqa: E402


def main() -> None:
    team = ensure_seeded()
    nurse = User.objects.filter(teams=team, role=User.Role.NURSE).first()
    assert nurse is not None, "seed_bench made no nurse"
    team.lead_nurses.add(nurse)  # the report is the lead nurse's
    client = Client(HTTP_HOST="127.0.0.1")
    log_in(client, nurse)
    this_month = Month.of(timezone.localdate())
    page = reverse("nurse:service_report", args=[team.pk])
    csv = reverse("nurse:service_report_csv", args=[team.pk])
    year = f"?first={this_month.plus(-11)}&last={this_month}"
    two_years = f"?first={this_month.plus(-23)}&last={this_month}"
    pages = {
        "service_report_12_months": page + year,
        "service_report_24_months": page + two_years,
        "service_report_csv_12_months": csv + year,
    }
    patients = team.patients.count()
    measure_floor()
    for name, url in pages.items():
        measure(name, partial(client.get, url), patients=patients)


if __name__ == "__main__":
    main()
