"""The building blocks of catalogue.py: the `Rule` record and the small
predicate builders most rules are made of.

A rule's test takes a `Context` and returns its reasons (the answers that made
it fire, JSON-serialisable) or None. An unanswered question (None) never makes
a test fire.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from clinical.levels import FLAG_LEVELS, Level
from clinical.rules.history import (
    Context,
    at_least,
    back_pain_answers,
    entries_where,
    has_back_pain,
    iso_dates,
    reported,
)
from clinical.rules.model import EntryData

Reasons = dict[str, Any]
Test = Callable[[Context], Reasons | None]


@dataclass(frozen=True)
class Rule:
    condition: str  # a code of catalogue.CONDITIONS
    level: Level  # the level the rule gives when it fires
    name: str  # what it tests, unique within the condition and level
    when: str
    source: str
    test: Test
    guidance_key: str = ""  # defaults to the condition code

    def __post_init__(self) -> None:
        if self.level not in FLAG_LEVELS:
            raise ValueError(f"rule {self.id}: a rule gives red, amber or green")
        if not self.guidance_key:
            object.__setattr__(self, "guidance_key", self.condition)

    @property
    def id(self) -> str:
        """The stable id, "<condition>.<level>.<name>": stored on flags and
        named in scenario files, so it must not change once a rule has fired."""
        return f"{self.condition}.{self.level}.{self.name}"


def sign(code: str) -> Test:
    """Fires when today's entry answers `code` yes."""

    def test(c: Context) -> Reasons | None:
        return {code: True} if reported(getattr(c.entry, code)) else None

    return test


def on_bone_drug(test: Test) -> Test:
    def guarded(c: Context) -> Reasons | None:
        if not c.profile.on_bone_drug or (reasons := test(c)) is None:
            return None
        return {**reasons, "bone_therapy": c.profile.bone_therapy}

    return guarded


def with_back_pain(test: Test) -> Test:
    def guarded(c: Context) -> Reasons | None:
        if not has_back_pain(c.entry) or (reasons := test(c)) is None:
            return None
        return {**back_pain_answers(c.entry), **reasons}

    return guarded


def on_at_least_3_of_last_7_days(what: str, test: Callable[[EntryData], bool]) -> Test:
    """Counts today's entry and earlier ones alike; today need not be one."""

    def counted(c: Context) -> Reasons | None:
        hits = entries_where(c.history.last_7_days(), test)
        if len(hits) < 3:
            return None
        dates = ", ".join(iso_dates(hits))
        return {"history": f"{what} in {len(hits)} entries of the last 7 days: {dates}"}

    return counted


def pain_at_least(score: int) -> Test:
    def test(c: Context) -> Reasons | None:
        pain = c.entry.pain_score
        return {"pain_score": pain} if at_least(pain, score) else None

    return test


def temperature_at_least(low: Decimal, *, below: Decimal | None = None) -> Test:
    """low <= temperature_c, and temperature_c < below when given."""

    def test(c: Context) -> Reasons | None:
        t = c.entry.temperature_c
        if t is None or t < low or (below is not None and t >= below):
            return None
        return {"temperature_c": float(t)}

    return test


def temperature_at_most(high: Decimal) -> Test:
    def test(c: Context) -> Reasons | None:
        t = c.entry.temperature_c
        return {"temperature_c": float(t)} if t is not None and t <= high else None

    return test


def chemotherapy(on: bool, test: Test) -> Test:
    """Only for a patient whose on_chemotherapy is `on`."""

    def guarded(c: Context) -> Reasons | None:
        if c.profile.on_chemotherapy is not on or (reasons := test(c)) is None:
            return None
        return {**reasons, "on_chemotherapy": on}

    return guarded
