"""Shared builders for the rules tests: no database, no Django settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pytest

from clinical.rules import EntryData, Profile, Triage, evaluate

TODAY = dt.date(2025, 1, 15)
Day = tuple[int, Mapping[str, Any]]  # (days ago, answers incl. optional scores)


def make_entry(
    days_ago: int = 0, answers: Mapping[str, Any] | None = None
) -> EntryData:
    """An entry with mild scores (pain 2, tiredness 3) unless `answers` says."""
    values = {"pain_score": 2, "fatigue_score": 3, **(answers or {})}
    return EntryData.from_mapping(TODAY - dt.timedelta(days=days_ago), values)


def assess(
    answers: Mapping[str, Any] | None = None,
    history: Iterable[Day] = (),
    **profile: Any,
) -> Triage:
    return evaluate(
        Profile(**profile),
        make_entry(0, answers),
        [make_entry(days, day_answers) for days, day_answers in history],
    )


def condition_level(triage: Triage, condition: str) -> str:
    levels = [flag.level for flag in triage.flags if flag.condition == condition]
    return levels[0] if levels else "none"


@pytest.fixture(scope="session")
def entry() -> Callable[..., EntryData]:
    return make_entry


@pytest.fixture(scope="session")
def triage() -> Callable[..., Triage]:
    return assess


@pytest.fixture(scope="session")
def level_of() -> Callable[..., str]:
    """level_of(condition, answers, history, **profile): that condition's level."""

    def level(
        condition: str,
        answers: Mapping[str, Any] | None = None,
        history: Iterable[Day] = (),
        **profile: Any,
    ) -> str:
        return condition_level(assess(answers, history, **profile), condition)

    return level
