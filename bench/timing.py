"""What every page benchmark measures, the same way: bench_patient and bench_nurse.

A page's median milliseconds over RUNS requests, its SQL queries, and its peak
memory: the tracemalloc peak of Python allocations during one extra request
(timed requests run without tracemalloc, which slows Python several times).

The floor is the anonymous log-in page: a ratio to it compares pages across
machines and databases, where milliseconds alone do not. Each page's ratio is
to the floor timed alternately with it, request for request: on a shared
machine whose speed drifts from one second to the next (the floor went from
2.1 to 4.8 ms between two runs of the same script), a floor timed once before
all the pages made the same page 4x or 7x.
"""

from __future__ import annotations

import json
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpResponseBase
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

RUNS = int(os.environ.get("BENCH_RUNS", 25))
FLOOR = "login_page_floor"


def measure(
    name: str,
    request: Callable[[], HttpResponseBase],
    ok: tuple[int, ...] = (200,),
    prepare: Callable[[], object] = lambda: None,
    **extra: Any,
) -> dict[str, Any]:
    """Time `request` RUNS times after a warm-up, print and return its JSON line.

    `prepare` runs, untimed, before each request (e.g. to put back a state the
    request changes)."""
    floor = _floor_request()
    prepare()
    request()  # warm-up: template loading and the first connection are not the page
    times, floor_times, queries = [], [], 0
    for _ in range(RUNS):
        prepare()
        # Twice, timing the second: the floor as it was timed alone, back to
        # back, not slowed by the caches the page before it filled.
        floor()
        start = time.perf_counter()
        floor()
        floor_times.append(time.perf_counter() - start)
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = request()
            times.append(time.perf_counter() - start)
        assert response.status_code in ok, (name, response.status_code)
        queries = len(ctx.captured_queries)
    prepare()
    tracemalloc.start()
    request()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median, floor_median = statistics.median(times), statistics.median(floor_times)
    line = {
        "bench": name,
        **extra,
        "median_ms": round(median * 1000, 2),
        "floor_ms": round(floor_median * 1000, 2),
        "x_floor": round(median / floor_median, 2),
        "queries": queries,
        "peak_kb": round(peak / 1024),
    }
    print(json.dumps(line), flush=True)
    return line


def measure_floor() -> dict[str, Any]:
    """The anonymous log-in page: no session, two template blocks, no query."""
    return measure(FLOOR, _floor_request())


def _floor_request() -> Callable[[], HttpResponseBase]:
    client = Client(HTTP_HOST="127.0.0.1")
    return lambda: client.get(reverse("login"))
