"""A team's service report for the commissioning analyst, suppressed exactly
as the page and its CSV (docs/service-report.md):

    manage.py service_report --team "Demo Breast Care Team" \
        --from 2026-01 --to 2026-06 --csv
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Team
from diary.reports import Month, csv_text, months_between, sections, team_report
from diary.reports.months import MAX_MONTHS


class Command(BaseCommand):
    help = "Print a team's service report (suppressed), as CSV with --csv."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--team", required=True, help="The team's id or name.")
        parser.add_argument("--from", dest="first", required=True, help="YYYY-MM")
        parser.add_argument("--to", dest="last", required=True, help="YYYY-MM")
        parser.add_argument("--csv", action="store_true", help="CSV, not a table.")

    def handle(self, *args: Any, **options: Any) -> None:
        team = _team(options["team"])
        first, last = _month(options["first"]), _month(options["last"])
        if last < first:
            raise CommandError("--to must not be before --from.")
        if len(months_between(first, last)) > MAX_MONTHS:
            raise CommandError(f"Choose {MAX_MONTHS} months or fewer.")
        report = team_report(team, first, last)
        if options["csv"]:
            self.stdout.write(csv_text(report), ending="")
            return
        self.stdout.write(f"Service report: {team.name}, {first} to {last}")
        header = ["", *(str(m.month) for m in report)]
        for section in sections(report):
            self.stdout.write(f"\n{section.heading}")
            lines = [
                header,
                *([r.label, *(c.text for c in r.cells)] for r in section.rows),
            ]
            width = max(len(line[0]) for line in lines)
            for line in lines:
                cells = "".join(text.rjust(12) for text in line[1:])
                self.stdout.write(f"  {line[0].ljust(width)}{cells}")


def _team(key: str) -> Team:
    teams = (
        Team.objects.filter(pk=int(key))
        if key.isdigit()
        else Team.objects.filter(name=key)
    )
    team = teams.first()
    if team is None:
        raise CommandError(f"No team {key!r}.")
    return team


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a month as YYYY-MM.") from None
