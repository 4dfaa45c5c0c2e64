"""Calendar months, the unit of the service report."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

MAX_MONTHS = 24


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """ "2026-03" as a Month; ValueError for anything else."""
        year, _, month = text.strip().partition("-")
        if len(year) != 4 or len(month) != 2 or not (year + month).isdigit():
            raise ValueError(text)
        parsed = cls(int(year), int(month))
        if not 1 <= parsed.month <= 12 or parsed.year < 2000:
            raise ValueError(text)
        return parsed

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(
            self.year, self.month, calendar.monthrange(self.year, self.month)[1]
        )

    def counted_end(self, today: dt.date) -> dt.date:
        """The month's last day, or today while the month is still running."""
        return min(self.end, today)

    def plus(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return self.start.strftime("%b %Y")


def months_between(first: Month, last: Month) -> list[Month]:
    """first..last, both included."""
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return [first.plus(n) for n in range(count)]
