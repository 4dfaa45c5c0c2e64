"""What every page benchmark measures, the same way: bench_patient and bench_nurse.

A page's median milliseconds over RUNS requests, its SQL queries, and its peak
memory: the tracemalloc peak of Python allocations during one extra request
(timed requests run without tracemalloc, which slows Python several times).

The floor is the anonymous log-in page, timed in the same process just before
the pages: a ratio to it compares pages across machines and databases, where
milliseconds alone do not.
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
    prepare()
    request()  # warm-up: template loading and the first connection are not the page
    times, queries = [], 0
    for _ in range(RUNS):
        prepare()
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
    line = {
        "bench": name,
        **extra,
        "median_ms": round(statistics.median(times) * 1000, 2),
        "queries": queries,
        "peak_kb": round(peak / 1024),
    }
    print(json.dumps(line), flush=True)
    return line


def measure_floor() -> dict[str, Any]:
    """The anonymous log-in page: no session, two template blocks, no query."""
    client = Client(HTTP_HOST="127.0.0.1")
    return measure(FLOOR, lambda: client.get(reverse("login")))
