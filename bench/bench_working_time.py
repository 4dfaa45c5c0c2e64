"""Time the pure working-time functions the queue and escalation call per flag.

Standalone, no Django: python bench/bench_working_time.py [N]
Prints one JSON line: microseconds per call for a flag's red and amber
deadlines (accounts/working_hours.py, as diary/escalation.deadline uses them)
and for the working minutes of a 30-day wait.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from accounts import working_hours as wh  # noqa: E402

CAL = wh.Calendar(
    bank_holidays=frozenset({dt.date(2026, 12, 25), dt.date(2026, 12, 28)})
)
RED = dt.timedelta(minutes=30)


def per_call_us(
    fn: Callable[[dt.datetime], object], instants: list[dt.datetime]
) -> float:
    start = time.perf_counter_ns()
    for t in instants:
        fn(t)
    return round((time.perf_counter_ns() - start) / 1000 / len(instants), 1)


def main(n: int = 5_000) -> None:
    rng = random.Random(20261203)
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    instants = [
        base + dt.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60)) for _ in range(n)
    ]
    day = CAL.longest_day
    runs = {
        "red_deadline_us": lambda t: min(
            wh.add_working_time(CAL, t, RED), wh.stretch_end(CAL, t + RED)
        ),
        "amber_deadline_us": lambda t: wh.add_working_time(CAL, t, day),
        "is_working_us": lambda t: wh.is_working(CAL, t),
        "minutes_over_30_days_us": lambda t: wh.working_minutes_between(
            CAL, t, t + dt.timedelta(days=30)
        ),
    }
    result: dict[str, object] = {"bench": "working_time", "n": n}
    for name, fn in runs.items():
        result[name] = statistics.median(per_call_us(fn, instants) for _ in range(3))
    print(json.dumps(result))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)
