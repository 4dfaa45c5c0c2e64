"""Print the demo nurses' current two-step code (seed_demo's published key)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import mfa


class Command(BaseCommand):
    help = "Print the current two-step sign-in code of the demo nurses."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_code only runs with DEBUG=true.")
        self.stdout.write(mfa.demo_code())
