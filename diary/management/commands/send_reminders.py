"""Send the diary reminders that are due (run from cron every 5 minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from diary.reminders.service import send_due_reminders


class Command(BaseCommand):
    help = "Send each diary reminder that is due now, once."

    def handle(self, *args: Any, **options: Any) -> None:
        sent, failed = send_due_reminders()
        self.stdout.write(f"Sent {sent} reminder(s); {failed} could not be sent.")
        if failed:
            # A non-zero exit status lets cron or the scheduler report it.
            raise CommandError(f"{failed} reminder(s) could not be sent: see the log.")
