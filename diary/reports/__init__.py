"""The service report: a team's figures per calendar month, for lead nurses,
staff and the commissioning analyst (docs/service-report.md defines each).

- months.py: calendar months and the report's range;
- figures.py: the queries, aggregated in the database;
- suppression.py: small numbers hidden, pure;
- table.py: the figures as suppressed rows, for the page, the CSV and the command.
"""

from diary.reports.figures import MonthFigures, team_report
from diary.reports.months import Month, months_between
from diary.reports.table import Section, csv_text, sections

__all__ = [
    "Month",
    "MonthFigures",
    "Section",
    "csv_text",
    "months_between",
    "sections",
    "team_report",
]
