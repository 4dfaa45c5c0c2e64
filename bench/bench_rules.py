"""Time clinical.rules.evaluate() per entry with 14 days of history.

Standalone, no Django: python bench/bench_rules.py [N]
Prints one JSON line; the target is a mean under 1 ms.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clinical import fields as dd  # noqa: E402
from clinical.rules import HISTORY_DAYS, EntryData, Profile, evaluate  # noqa: E402
from clinical.rules.model import RULE_FIELD_CODES  # noqa: E402

TODAY = dt.date(2025, 1, 15)


def random_answer(rng: random.Random, field: dd.Field) -> object:
    choices = [code for code, _ in field.choices]
    if field.kind == "score":
        return rng.randint(dd.SCORE_MIN, dd.SCORE_MAX)
    if rng.random() < 0.3:  # some questions left unanswered
        return None
    if field.kind == "bool":
        return rng.random() < 0.15
    if field.kind == "multi":
        return frozenset(c for c in choices if rng.random() < 0.2)
    if field.kind == "choice":
        return rng.choice(choices)
    if field.kind == "count":
        return rng.randint(0, 6)
    return Decimal(rng.randint(355, 395)) / 10  # temperature


def random_entry(rng: random.Random, days_ago: int) -> EntryData:
    values: dict[str, Any] = {
        code: random_answer(rng, dd.FIELDS_BY_CODE[code]) for code in RULE_FIELD_CODES
    }
    return EntryData(entry_date=TODAY - dt.timedelta(days=days_ago), **values)


def random_case(rng: random.Random) -> tuple[Profile, EntryData, list[EntryData]]:
    profile = Profile(
        spine_metastases=rng.random() < 0.5,
        bone_therapy=rng.choice([code for code, _ in dd.BONE_THERAPY]),
        on_chemotherapy=rng.random() < 0.5,
    )
    history = [random_entry(rng, days) for days in range(1, HISTORY_DAYS + 1)]
    return profile, random_entry(rng, 0), history


def main(n: int = 20_000) -> None:
    rng = random.Random(20250115)
    cases = [random_case(rng) for _ in range(500)]
    timings_us = []
    for i in range(n):
        profile, entry, history = cases[i % len(cases)]
        start = time.perf_counter_ns()
        evaluate(profile, entry, history)
        timings_us.append((time.perf_counter_ns() - start) / 1000)
    result = {
        "bench": "rules_evaluate",
        "history_days": HISTORY_DAYS,
        "n": n,
        "mean_us": round(statistics.fmean(timings_us), 1),
        "p95_us": round(statistics.quantiles(timings_us, n=20)[-1], 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
