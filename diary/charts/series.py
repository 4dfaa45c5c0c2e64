"""The days a chart shows: one point per calendar day, gaps kept as gaps."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class DayPoint:
    day: date
    pain: int | None
    fatigue: int | None
    breakthrough: int | None = None  # None: not logged that day, unlike 0


def daily_series(start: date, end: date, points: Iterable[DayPoint]) -> list[DayPoint]:
    """One point per calendar day from start to end, empty where nothing was logged."""
    by_day = {p.day: p for p in points if start <= p.day <= end}
    days = (start + timedelta(days=i) for i in range((end - start).days + 1))
    return [by_day.get(d, DayPoint(d, None, None)) for d in days]


def runs(values: Sequence[int | None]) -> list[list[tuple[int, int]]]:
    """Unbroken stretches of logged days as (day index, value) pairs.

    A missing day ends a stretch, so a line is never drawn across it.
    """
    found: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for index, value in enumerate(values):
        if value is None:
            current = []
        else:
            if not current:
                found.append(current)
            current.append((index, value))
    return found
