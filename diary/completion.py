"""How much of a period a diary is filled in: one rule for every page and the PDF.

Pure (no ORM, no Django), so the diary PDF's summary, the nurse's caseload and
record, and the patient's My diary all count the same days:

- a day counts when it falls in the period (both ends included);
- when the diary began (its first entry, ever) after the period's start, the
  days before it are not counted: they are not days the patient missed;
- a diary with no entry at all counts the whole period.

The caseload does the same sum in SQL (diary/nurse/caseload.py), tested
against this module on the same diary.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


def began_in_period(start: date, end: date, began: date | None) -> date | None:
    """The diary's first day when it falls after the period's start, else None."""
    return began if began and start < began <= end else None


def first_counted_day(start: date, end: date, began: date | None) -> date:
    return began_in_period(start, end, began) or start


@dataclass(frozen=True)
class Completion:
    start: date  # the first day counted: the period's, or the diary's first day
    end: date
    filled: int  # days with an entry, from start to end
    began: date | None  # the diary's first day when it began within the period

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __str__(self) -> str:
        return f"{self.filled}/{self.days}"


def counted(filled: int, start: date, end: date, began: date | None) -> Completion:
    """The Completion of start..end for `filled`, the days with an entry from
    first_counted_day to end (as the database counts them)."""
    first = first_counted_day(start, end, began)
    return Completion(first, end, filled, began_in_period(start, end, began))


def last_days(today: date, days: int) -> tuple[date, date]:
    """The period of the last `days` days, today included."""
    return today - timedelta(days=days - 1), today


class Mark(StrEnum):
    ENTRY = "entry"
    MISSED = "missed"  # a counted day with no entry
    BEFORE = "before"  # before the diary began: not counted


@dataclass(frozen=True)
class DayMark:
    day: date
    mark: Mark


def day_marks(
    logged: Collection[date], start: date, end: date, began: date | None
) -> list[DayMark]:
    """One mark per calendar day from start to end."""
    first = first_counted_day(start, end, began)
    days = (start + timedelta(days=i) for i in range((end - start).days + 1))
    return [
        DayMark(
            d,
            Mark.BEFORE if d < first else Mark.ENTRY if d in logged else Mark.MISSED,
        )
        for d in days
    ]


def _short(day: date) -> str:
    return f"{day.day} {day:%b}"


def _stretch(first: date, last: date) -> str:
    if first == last:
        return _short(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {_short(last)}"
    return f"{_short(first)} to {_short(last)}"


def missed_stretches(marks: Iterable[DayMark]) -> list[str]:
    """Missed days as short dates, runs of days joined: "3 Nov", "5 to 9 Nov"."""
    found: list[tuple[date, date]] = []
    for m in marks:
        if m.mark is not Mark.MISSED:
            continue
        if found and found[-1][1] + timedelta(days=1) == m.day:
            found[-1] = (found[-1][0], m.day)
        else:
            found.append((m.day, m.day))
    return [_stretch(first, last) for first, last in found]


def marks_summary(marks: list[DayMark]) -> str:
    """The strip's text alternative: "Filled in 61 of the last 90 days; missed:
    3 Nov, 5 to 9 Nov." (or "of the 40 days since the diary began on 24 Oct")."""
    counted_days = [m for m in marks if m.mark is not Mark.BEFORE]
    filled = sum(m.mark is Mark.ENTRY for m in counted_days)
    if len(counted_days) == len(marks):
        text = f"Filled in {filled} of the last {len(marks)} days"
    elif len(counted_days) == 1:
        began = _short(counted_days[0].day)
        text = f"Filled in {filled} of 1 day (the diary began on {began})"
    else:
        text = (
            f"Filled in {filled} of the {len(counted_days)} days since the diary "
            f"began on {_short(counted_days[0].day)}"
        )
    missed = missed_stretches(marks)
    return text + (f"; missed: {', '.join(missed)}." if missed else ".")
