"""python manage.py triage_scenarios FILE [FILE ...] [--json]

Runs clinical scenario files (shared/clinical/scenarios.md) through the same
rules a real save uses; writes nothing. Exit codes: 0 all passed, 1 any
failed, 2 a file could not be read or a scenario is malformed.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from clinical.rules.scenarios import ScenarioError, load_files, run

EXIT_FAILED = 1
EXIT_MALFORMED = 2


class Command(BaseCommand):
    help = "Check the red-flag rules against clinical scenario files."
    # The rules are pure Python: no need for the database or system checks.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--json", action="store_true", help="print a JSON array of results"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            scenarios = load_files(options["files"])
        except ScenarioError as exc:
            raise CommandError(str(exc), returncode=EXIT_MALFORMED) from exc
        results = run(scenarios)
        failed = sum(not result.passed for result in results)
        if options["json"]:
            self.stdout.write(json.dumps([r.as_json() for r in results], indent=2))
        else:
            for result in results:
                self.stdout.write(result.line())
            self.stdout.write(f"{len(results) - failed} passed, {failed} failed")
        if failed:
            # Not a CommandError: its message on stderr would come after the
            # "N passed, M failed" line that scenarios.md says the run ends with.
            sys.exit(EXIT_FAILED)
