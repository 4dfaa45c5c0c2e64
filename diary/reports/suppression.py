"""Small numbers hidden, so no patient can be picked out of a figure (HAZ-36).

The rules (docs/service-report.md, "Small numbers"):
- a count from 1 to 4 shows as "<5" (0 shows as 0: nobody to pick out);
- primary suppression in a group (the cells of one month that add up to a
  total, such as flags by condition): when any of its cells is "<5", the
  total is suppressed as well, so it cannot be used to work the cell out;
- a rate or a percentile made from fewer than 5 (its denominator, or the
  number of values) is suppressed, and so is a rate whose numerator is 1 to 4,
  which its denominator would otherwise give away.
Pure: plain numbers in, a Cell out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5
SMALL = "<5"
HIDDEN = "suppressed"
NONE = "–"  # nothing to count: a rate over no entries


@dataclass(frozen=True)
class Cell:
    text: str
    # The number a chart may draw: None when suppressed or nothing was counted.
    value: float | None


def is_small(count: int) -> bool:
    return 0 < count < THRESHOLD


def count(n: int) -> Cell:
    return Cell(SMALL, None) if is_small(n) else Cell(str(n), float(n))


def group(counts: Sequence[int]) -> tuple[list[Cell], Cell]:
    """The cells of a group and its total, the total hidden if any cell is."""
    cells = [count(n) for n in counts]
    total = sum(counts)
    if any(is_small(n) for n in counts):
        return cells, Cell(HIDDEN, None)
    return cells, count(total)


def rate(numerator: int, denominator: int) -> Cell:
    if denominator == 0:
        return Cell(NONE, None)
    if denominator < THRESHOLD or is_small(numerator):
        return Cell(HIDDEN, None)
    percent = 100 * numerator / denominator
    return Cell(f"{percent:.1f}%", percent)


def statistic(value: float | None, values_counted: int, unit: str) -> Cell:
    """A median or percentile of `values_counted` values."""
    if value is None or values_counted == 0:
        return Cell(NONE, None)
    if values_counted < THRESHOLD:
        return Cell(HIDDEN, None)
    return Cell(f"{value:.1f} {unit}", value)
