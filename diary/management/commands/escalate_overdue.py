"""Escalate red and amber flags that waited too long (run from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from diary.escalation import escalate_overdue


class Command(BaseCommand):
    help = (
        "Mark overdue flags and email the team's lead nurses once per flag; "
        "retry escalation emails that could not be sent."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        created, sent, failed = escalate_overdue()
        self.stdout.write(
            f"{created} flag(s) newly overdue; sent {sent} escalation email(s); "
            f"{failed} still unsent."
        )
        if failed:
            # A non-zero exit status lets cron or the scheduler report it.
            raise CommandError(
                f"{failed} escalation email(s) could not be sent: see the log."
            )
