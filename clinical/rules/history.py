"""What a rule can see: the profile, today's entry and the earlier entries,
with the day windows of red-flags.md spelled out once.

Window words (red-flags.md, "Conditions and rules"):
- "the previous N days": entries dated 1 to N days before today's, not today's.
- "the last 7 days": today's entry plus entries dated 1 to 6 days before it.
- "the 7 days before" (fatigue): entries dated 7 to 13 days before today's.

Every helper here gives the same answer whatever order the entries came in:
they count, sum, take unions or sort dates, never pick "the first" entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from clinical.rules.model import HISTORY_DAYS, EntryData, Profile

BACK_PAIN_SITES = frozenset({"back", "neck"})
LIMB_NUMBNESS_PLACES = frozenset({"fingers", "toes"})


def reported(answer: bool | None) -> bool:
    """An unanswered question (None) counts as not reported."""
    return answer is True


def pain_sites(entry: EntryData) -> frozenset[str]:
    return entry.pain_sites or frozenset()


def numb_places(entry: EntryData) -> frozenset[str]:
    return entry.numbness or frozenset()


def has_back_pain(entry: EntryData) -> bool:
    """red-flags.md: back or neck among the pain sites, or either back-pain
    question ticked (the patient is telling us about back pain)."""
    return bool(
        pain_sites(entry) & BACK_PAIN_SITES
        or reported(entry.back_pain_positional)
        or reported(entry.back_pain_band)
    )


def back_pain_answers(entry: EntryData) -> dict[str, object]:
    """The answers that show back pain, for a flag's reasons."""
    answers: dict[str, object] = {}
    if sites := sorted(pain_sites(entry) & BACK_PAIN_SITES):
        answers["pain_sites"] = sites
    for code in ("back_pain_positional", "back_pain_band"):
        if reported(getattr(entry, code)):
            answers[code] = True
    return answers


def iso_dates(entries: Iterable[EntryData]) -> list[str]:
    return sorted(entry.entry_date.isoformat() for entry in entries)


@dataclass(frozen=True)
class History:
    today: EntryData
    # (days before today, entry) for entries dated 1..HISTORY_DAYS days before;
    # anything else the caller passed (today's own row, older days, later days)
    # is dropped here, so no rule can see it.
    earlier: tuple[tuple[int, EntryData], ...]

    @classmethod
    def build(cls, today: EntryData, entries: Iterable[EntryData]) -> History:
        dated = []
        for entry in entries:
            days = (today.entry_date - entry.entry_date).days
            if 1 <= days <= HISTORY_DAYS:
                dated.append((days, entry))
        dated.sort(key=lambda pair: pair[0])
        return cls(today=today, earlier=tuple(dated))

    def days_before(self, first: int, last: int) -> tuple[EntryData, ...]:
        """Earlier entries dated `first` to `last` days before today."""
        return tuple(entry for days, entry in self.earlier if first <= days <= last)

    def previous(self, days: int) -> tuple[EntryData, ...]:
        return self.days_before(1, days)

    def last_7_days(self) -> tuple[EntryData, ...]:
        return (self.today, *self.days_before(1, 6))

    def seven_days_before(self) -> tuple[EntryData, ...]:
        return self.days_before(7, 13)


@dataclass(frozen=True)
class Context:
    """Everything one rule may read."""

    profile: Profile
    history: History

    @property
    def entry(self) -> EntryData:
        return self.history.today


def entries_where(
    entries: Iterable[EntryData], test: Callable[[EntryData], bool]
) -> tuple[EntryData, ...]:
    return tuple(entry for entry in entries if test(entry))


def at_least(score: int | None, low: int) -> bool:
    """score >= low; a score not answered (None) is never at least anything,
    so that it can neither raise a flag nor stand in for a low score."""
    return score is not None and score >= low


def answered_scores(scores: Iterable[int | None]) -> list[int]:
    """The scores that were given: a mean over days is a mean of answers."""
    return [score for score in scores if score is not None]


def mean_rise_at_least(
    recent: Iterable[int], earlier: Iterable[int], rise: int
) -> bool:
    """mean(recent) - mean(earlier) >= rise, in whole numbers so that the
    boundary is exact (no floating-point 1.9999...)."""
    recent, earlier = list(recent), list(earlier)
    return sum(recent) * len(earlier) - sum(earlier) * len(recent) >= rise * len(
        recent
    ) * len(earlier)


def mean_text(values: Iterable[int]) -> str:
    values = list(values)
    return f"{sum(values) / len(values):.1f}"
