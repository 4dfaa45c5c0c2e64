"""The report as rows of suppressed cells: one table for the page (where it is
also the charts' text alternative), the CSV and the management command."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from clinical.rules import CONDITIONS
from diary.models import Referral
from diary.reports import suppression as sup
from diary.reports.figures import MonthFigures
from diary.reports.suppression import Cell

# PRO-TECT (Basch et al.): about a third of weekly reports raised an alert.
REFERENCE_URGENT_SHARE = 34.0
URGENT_SHARE = "Entries raising amber or red (PRO-TECT reference 34%)"
COMPLETION = "Completion rate"


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]
    total: bool = False  # a group's total row


@dataclass(frozen=True)
class Section:
    heading: str
    rows: list[Row]

    def row(self, label: str) -> Row:
        return next(r for r in self.rows if r.label == label)


def _row(
    label: str, report: Sequence[MonthFigures], cell: Callable[[MonthFigures], Cell]
) -> Row:
    return Row(label, [cell(m) for m in report])


def _grouped(
    labels: dict[str, str],
    report: Sequence[MonthFigures],
    counts: Callable[[MonthFigures], dict[str, int]],
    total_label: str,
) -> list[Row]:
    """One row per code, then the total row; suppressed month by month."""
    columns = [sup.group([counts(m).get(code, 0) for code in labels]) for m in report]
    rows = [
        Row(label, [cells[i] for cells, _ in columns])
        for i, label in enumerate(labels.values())
    ]
    return [*rows, Row(total_label, [total for _, total in columns], total=True)]


def sections(report: Sequence[MonthFigures]) -> list[Section]:
    kinds = dict(Referral.Kind.choices)
    return [
        Section(
            "Patients and entries",
            [
                _row("Patients active", report, lambda m: sup.count(m.patients_active)),
                _row("Entries", report, lambda m: sup.count(m.entries)),
                _row(
                    COMPLETION, report, lambda m: sup.rate(m.entries, m.expected_days)
                ),
                _row(
                    URGENT_SHARE,
                    report,
                    lambda m: sup.rate(m.urgent_entries, m.entries),
                ),
            ],
        ),
        Section(
            "Flags by condition",
            _grouped(CONDITIONS, report, lambda m: m.flags_by_condition, "All flags"),
        ),
        Section(
            "Time from flag to acknowledgement (amber and red)",
            [
                _row(
                    "Median wait",
                    report,
                    lambda m: sup.statistic(m.median_wait_hours, m.acknowledged, "h"),
                ),
                _row(
                    "90th percentile wait",
                    report,
                    lambda m: sup.statistic(m.p90_wait_hours, m.acknowledged, "h"),
                ),
                _row(
                    "Reds acknowledged within 1 hour",
                    report,
                    lambda m: sup.rate(m.reds_in_time, m.reds),
                ),
                _row(
                    "Ambers acknowledged within 24 hours",
                    report,
                    lambda m: sup.rate(m.ambers_in_time, m.ambers),
                ),
            ],
        ),
        Section(
            "Pain and palliative care",
            [
                _row(
                    "Patients with pain flags on 3 or more days",
                    report,
                    lambda m: sup.count(m.pain_patients),
                ),
                _row(
                    "of whom referred to palliative or supportive care",
                    report,
                    lambda m: sup.count(m.pain_patients_referred),
                ),
                _row(
                    "Share referred",
                    report,
                    lambda m: sup.rate(m.pain_patients_referred, m.pain_patients),
                ),
            ],
        ),
        Section(
            "Referrals by kind",
            _grouped(kinds, report, lambda m: m.referrals_by_kind, "All referrals"),
        ),
    ]


def csv_text(report: Sequence[MonthFigures]) -> str:
    """The same suppressed cells as the page: nothing the page hides."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Section", "Figure", *(str(m.month) for m in report)])
    for section in sections(report):
        for row in section.rows:
            writer.writerow([section.heading, row.label, *(c.text for c in row.cells)])
    return out.getvalue()
