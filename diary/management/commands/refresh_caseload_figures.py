"""Recompute the caseload figures of a new day (run from cron after midnight)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import PatientProfile
from diary import figures


class Command(BaseCommand):
    help = (
        "Recompute every patient's caseload figures for today, so the nurses' "
        "first caseload page of the day does not wait for it."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        count = figures.refresh_stale(PatientProfile.objects.all(), today)
        self.stdout.write(f"Recomputed the figures of {count} patient(s) for {today}.")
