"""The triage levels, written once: their order, the urgent ones, their labels.

The order of the levels is the most safety-critical fact in the code: the
rules grade a condition by it, the nurse's queue and caseload sort by it, and
the patient's guidance picks the most urgent flag by it. Every other module
takes it from here (the database's rank expression, built from it, lives in
diary/models/levels.py), so no two places can disagree about it.

A Level is a str ("red" == Level.RED), so stored values, JSON, scenario files
and templates read it as the plain code.
"""

from __future__ import annotations

import enum


class Level(enum.StrEnum):
    NONE = "none"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def label(self) -> str:
        return self.value.capitalize()


# Least urgent first: a level's rank is its place here.
LEVELS: tuple[Level, ...] = (Level.NONE, Level.GREEN, Level.AMBER, Level.RED)
_RANK: dict[str, int] = {level.value: rank for rank, level in enumerate(LEVELS)}

# The levels whose guidance is "act now or today": they must never wait for a
# complete form, they alert the team by email and sort first for the nurse.
URGENT: frozenset[Level] = frozenset({Level.RED, Level.AMBER})

# The levels a flag can have (a rule never gives "none"), most urgent first:
# the order counts and lists of flags are shown in.
FLAG_LEVELS: tuple[Level, ...] = (Level.RED, Level.AMBER, Level.GREEN)

# For a model field's `choices`.
CHOICES: list[tuple[str, str]] = [(level.value, level.label) for level in LEVELS]


def rank(level: str) -> int:
    """0 for "none" up to 3 for "red"; ValueError for anything else."""
    try:
        return _RANK[level]
    except KeyError:
        expected = tuple(str(known) for known in LEVELS)
        raise ValueError(
            f"unknown level {level!r}; expected one of {expected}"
        ) from None
