"""Seed the benchmark database unless it already holds the benchmark team."""

from __future__ import annotations

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

from accounts.models import Team  # noqa: E402
from diary.management.commands.seed_bench import BENCH_TEAM  # noqa: E402

if not Team.objects.filter(name=BENCH_TEAM).exists():
    call_command(
        "seed_bench",
        patients=int(os.environ.get("BENCH_PATIENTS", 1000)),
        days=int(os.environ.get("BENCH_DAYS", 365)),
    )
