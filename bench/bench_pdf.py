"""Time and memory of build_diary_pdf for 28, 90 and 365 days of full entries.

Standalone (no Django): python bench/bench_pdf.py [--runs 7] [--out report.pdf]
Prints one JSON line per size. Targets on a 2-core machine: 90 days under
0.3 s median, 365 days under 1 s, peak memory under 100 MB.

Under `make bench` (DATABASE_URL set, the benchmark team seeded) it also times
the whole download, database queries included, of a benchmark patient's diary.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader  # noqa: E402

from clinical.fields import PAIN_SITES, fields_in_section  # noqa: E402
from clinical.levels import FLAG_LEVELS  # noqa: E402
from diary.pdf.data import (  # noqa: E402
    DayRow,
    DiaryReport,
    FlagEvent,
    ReportHeader,
)
from diary.pdf.diary import build_diary_pdf  # noqa: E402

SIZES = (28, 90, 365)
NOTE_SENTENCES = (
    "Slept badly, the ache in my lower back kept waking me.",
    "Took an extra dose at 3am and it settled after an hour.",
    "Managed a short walk to the shops in the afternoon but had to rest afterwards.",
    "Appetite still poor; ate half of my dinner.",
    "Hip sore when getting out of the car.",
    "Felt more like myself today, sat in the garden for a while.",
)
QUESTION = "Should I be taking the laxatives every day while on the morphine?"
WARNING_LABELS = [
    f.label
    for section in ("spinal_cord", "calcium", "blood_clots")
    for f in fields_in_section(section)
    if f.kind == "bool"
]


def synthetic_report(days: int, seed: int = 1) -> DiaryReport:
    """Every day logged with every field filled; a flag about once a week."""
    rng = random.Random(seed)
    end = date(2025, 6, 30)
    start = end - timedelta(days=days - 1)
    rows, events = [], []
    for offset in range(days):
        day = start + timedelta(days=offset)
        level = rng.choices(["green", "amber", "red"], [8, 3, 1])[0]
        rows.append(
            DayRow(
                day=day,
                pain_score=rng.randint(1, 9),
                pain_sites=tuple(code for code, _ in rng.sample(PAIN_SITES, 2)),
                fatigue_score=rng.randint(1, 9),
                breakthrough_doses=rng.randint(0, 4),
                warning_signs=tuple(rng.sample(WARNING_LABELS, rng.randint(0, 3))),
                temperature_c=Decimal(rng.randint(361, 385)) / 10,
                notes=" ".join(rng.sample(NOTE_SENTENCES, rng.randint(1, 3))),
                questions_for_team=QUESTION if offset % 5 == 0 else "",
                level=level,
            )
        )
        if level != "green":
            events.append(_event(day, level, acknowledged=offset % 3 != 0))
    counts = {str(lvl): sum(r.level == lvl for r in rows) for lvl in FLAG_LEVELS}
    header = ReportHeader(
        patient_name="Margaret O'Neill",
        date_of_birth=date(1961, 4, 12),
        nhs_number="9434765919",
        team_name="Breast care team, St Elsewhere",
        start=start,
        end=end,
        generated_at=datetime(2025, 7, 1, 9, 30),
    )
    return DiaryReport(header, tuple(rows), tuple(events), counts)


OPEN: dict[str, Any] = {
    "status": "open",
    "acknowledged_by": "",
    "acknowledged_at": None,
    "action": "",
    "note": "",
}


def _event(day: date, level: str, *, acknowledged: bool) -> FlagEvent:
    ack: dict[str, Any] = OPEN
    if acknowledged:
        ack = {
            "status": "acknowledged",
            "acknowledged_by": "Sam Patel, CNS",
            "acknowledged_at": datetime(day.year, day.month, day.day, 10, 15),
            "action": "Phoned patient",
            "note": "Bloods booked for tomorrow.",
        }
    return FlagEvent(
        day=day,
        condition="Possible high calcium" if level == "amber" else "Possible infection",
        level=level,
        reasons=(
            ("Very thirsty", "Being very thirsty"),
            ("Passing more urine", "Passing large amounts of urine"),
            ("Temperature: 38.1 °C", "Highest temperature today (°C): 38.1 °C"),
        ),
        **ack,
    )


def measure(days: int, runs: int) -> dict[str, object]:
    report = synthetic_report(days)
    build_diary_pdf(report)  # warm-up: imports, font metrics
    timings, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        pdf = build_diary_pdf(report)
        timings.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    build_diary_pdf(report)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # ru_maxrss is a high-water mark in KiB on Linux: the delta only shows
    # growth beyond what earlier sizes already reached.
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "bench": "diary_pdf",
        "days": days,
        "median_s": round(statistics.median(timings), 4),
        "max_s": round(max(timings), 4),
        # CPU time stays meaningful when other work shares the two cores.
        "median_cpu_s": round(statistics.median(cpu), 4),
        "peak_mb": round(peak / 2**20, 1),
        "maxrss_mb": round(rss_after / 1024, 1),  # whole process, imports included
        "maxrss_growth_mb": round((rss_after - rss_before) / 1024, 1),
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "kb": round(len(pdf) / 1024),
    }


def measure_downloads(runs: int) -> None:
    """The export view end to end, for the benchmark database's first patient."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.test import Client

    from accounts.models import PatientProfile
    from diary.management.commands.seed_bench import BENCH_TEAM

    patient = PatientProfile.objects.filter(team__name=BENCH_TEAM).first()
    if patient is None:
        return
    end = patient.entries.latest("entry_date").entry_date
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(patient.user)
    for days in SIZES:
        start = end - timedelta(days=days - 1)
        url = f"/export/?start={start}&end={end}"
        client.get(url)  # warm-up
        timings = []
        for _ in range(runs):
            began = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - began)
        assert response["Content-Type"] == "application/pdf", response.status_code
        tracemalloc.start()
        client.get(url)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        line = {
            "bench": "diary_pdf_download",
            "days": days,
            "entries": patient.entries.filter(entry_date__gte=start).count(),
            "median_s": round(statistics.median(timings), 4),
            "max_s": round(max(timings), 4),
            "peak_mb": round(peak / 2**20, 1),
            "kb": round(len(response.content) / 1024),
        }
        print(json.dumps(line), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, help="also write the 90-day PDF here")
    args = parser.parse_args()
    for days in SIZES:
        print(json.dumps(measure(days, args.runs)), flush=True)
    if args.out:
        args.out.write_bytes(build_diary_pdf(synthetic_report(90)))
    if os.environ.get("DATABASE_URL"):
        measure_downloads(args.runs)


if __name__ == "__main__":
    main()
