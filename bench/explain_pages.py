"""EXPLAIN (ANALYZE, BUFFERS) of every SELECT the nurse's pages run, and of the
history the rules read, on the benchmark database (PostgreSQL):

    DEBUG=true PYTHONPATH=. DATABASE_URL=postgres://... BENCH_PATIENTS=10000 \\
      .venv/bin/python bench/explain_pages.py [--plans]

Per query: the tables, the execution time, the shared buffers hit and read,
and each scan with its index (or "Seq Scan") and rows; --plans prints the
whole plans. Sessions, two-step devices and the audit row are left out: they
are the same on every page. Not run by `make bench`: it reports plans, not
times to compare.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import PatientProfile, User  # noqa: E402
from bench.seed_once import ensure_seeded  # noqa: E402
from diary import figures  # noqa: E402
from diary.services import diary_around  # noqa: E402
from tests.factories import log_in  # noqa: E402

SKIPPED = ("django_session", "otp_", "diary_auditevent")
SCAN = re.compile(r"(Seq Scan on \w+|(?:Bitmap )?Index(?: Only)? Scan(?: using \w+)?)")


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("explain_pages.py needs PostgreSQL (DATABASE_URL=postgres://...)")
    whole = "--plans" in sys.argv
    team = ensure_seeded()
    nurse = User.objects.filter(teams=team, role=User.Role.NURSE).first()
    patient = team.patients.order_by("pk").first()
    assert nurse is not None and patient is not None, "seed_bench made none"
    client = Client(HTTP_HOST="127.0.0.1")
    log_in(client, nurse)
    caseload = reverse("nurse:caseload")
    pages = {
        "queue": reverse("nurse:queue"),
        "caseload (by name)": caseload,
        **{
            f"caseload {query}": f"{caseload}?{query}"
            for query in (
                "sort=level",
                "sort=open_flags",
                "sort=quiet&not_logged=3",
                "sort=completion_14",
                "sort=completion_28&filled_fewer=7&filled_days=14",
                "level=red",
                "level=not_today",
                "q=patient+9",
            )
        },
        "record, 90 days": reverse("nurse:patient", args=[patient.pk]) + "?days=90",
    }
    print(f"{team.patients.count()} patients, PostgreSQL")
    for name, url in pages.items():
        client.get(url)  # the day's figures, caches: not the page's own cost
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        report(name, sqls(ctx), whole)
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as ctx:
        diary_around(patient, today)  # what record_entry reads for the rules
        figures.refresh_patient(PatientProfile.objects.get(pk=patient.pk))
    report("the rules' history and the figures of one save", sqls(ctx), whole)


def sqls(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries]


def report(name: str, queries: list[str], whole: bool) -> None:
    print(f"\n## {name}")
    for sql in queries:
        if not sql.startswith("SELECT") or any(t in sql for t in SKIPPED):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = [row[0] for row in cursor.fetchall()]
        print(summary(sql, plan))
        if whole:
            print("\n".join(f"    {line}" for line in plan))


def summary(sql: str, plan: list[str]) -> str:
    tables = sorted(set(re.findall(r'FROM "(\w+)"', sql)))
    time = next(line for line in plan if line.startswith("Execution Time"))
    hits = re.search(r"shared hit=(\d+)(?: read=(\d+))?", "\n".join(plan))
    buffers = f"hit {hits.group(1)}, read {hits.group(2) or 0}" if hits else "-"
    scans = []
    for line in plan:
        found = SCAN.search(line)
        rows = re.search(r"actual time=\S+ rows=(\d+) loops=(\d+)", line)
        if found and rows:
            scans.append(f"{found.group(1)} ({rows.group(1)} rows x {rows.group(2)})")
    ms = time.split(": ")[1]
    return f"- {', '.join(tables)}: {ms}, buffers {buffers}\n    " + "; ".join(scans)


if __name__ == "__main__":
    main()
