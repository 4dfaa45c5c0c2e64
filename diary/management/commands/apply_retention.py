"""Erase closed accounts whose retention period has run out, and clear
expired sessions. Run daily from cron (README, "Your data"); counts only in
its output, never a name."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from diary.data_rights.retention import apply_retention


class Command(BaseCommand):
    help = "Erase closed accounts past retention; clear expired sessions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be done, and change nothing.",
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        report = apply_retention(dry_run=dry_run)
        would = "would be " if dry_run else ""
        lines = [
            f"Closed accounts {would}erased (retention over): {report.erased}",
            f"Closed accounts kept (retention not over): {report.kept_closed}",
            "Closure requests waiting for staff to confirm: "
            f"{report.waiting_for_staff}",
            "Open accounts whose last entry is past retention (not erased; "
            f"for staff to review): {report.open_past_retention}",
            f"Expired sessions {would}cleared: {report.expired_sessions}",
        ]
        if dry_run:
            lines.insert(0, "Dry run: nothing changed.")
        self.stdout.write("\n".join(lines))
