"""Retry red and amber alert emails that could not be sent at once (run from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from diary.alerts import send_pending


class Command(BaseCommand):
    help = "Send every alert email that has not been sent yet."

    def handle(self, *args: Any, **options: Any) -> None:
        sent, failed = send_pending()
        self.stdout.write(f"Sent {sent} alert email(s); {failed} still unsent.")
        if failed:
            # A non-zero exit status lets cron or the scheduler report it.
            raise CommandError(
                f"{failed} alert email(s) could not be sent: see the log."
            )
