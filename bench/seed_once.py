"""Seed the benchmark database unless it already holds the benchmark team.

Run by bench/run.py before the benchmarks; the page benchmarks also call
ensure_seeded() so that each runs on its own.
"""

from __future__ import annotations

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

from accounts.models import Team  # noqa: E402
from diary.management.commands.seed_bench import BENCH_TEAM  # noqa: E402


def ensure_seeded() -> Team:
    """The benchmark team, seeded first (BENCH_PATIENTS x BENCH_DAYS) if absent."""
    if not Team.objects.filter(name=BENCH_TEAM).exists():
        call_command(
            "seed_bench",
            patients=int(os.environ.get("BENCH_PATIENTS", 1000)),
            days=int(os.environ.get("BENCH_DAYS", 365)),
        )
    return Team.objects.get(name=BENCH_TEAM)


if __name__ == "__main__":
    ensure_seeded()
