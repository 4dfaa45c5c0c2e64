"""The values the red-flag rules read and the results they give.

Plain frozen dataclasses, no Django: the rules must give the same answer in a
web request, the scenario runner and a benchmark. Field codes, ranges and
choices come from `diary.fields` (the data dictionary), never from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from diary import fields as dd

HISTORY_DAYS = 14
LEVELS: tuple[str, ...] = ("none", "green", "amber", "red")
_RANK = {level: rank for rank, level in enumerate(LEVELS)}
# The levels whose guidance is "act now or today": they must never wait for a
# complete form.
URGENT_LEVELS = frozenset({"amber", "red"})

# Free text never changes a triage level, so the rules do not take it.
IGNORED_CODES = frozenset({"notes", "questions_for_team"})
# NOT_REVIEWED: a bone drug not yet known, which counts as being on one
# (services.profile_for_rules, HAZ-16).
BONE_THERAPIES = frozenset(code for code, _ in dd.BONE_THERAPY) | {dd.NOT_REVIEWED}


def level_rank(level: str) -> int:
    """0 for "none" up to 3 for "red"; ValueError for anything else."""
    try:
        return _RANK[level]
    except KeyError:
        raise ValueError(f"unknown level {level!r}; expected one of {LEVELS}") from None


class EntryFieldError(ValueError):
    """An entry value that breaks the data dictionary; `field` names its code."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


@dataclass(frozen=True)
class Profile:
    spine_metastases: bool = False
    bone_therapy: str = "none"
    on_chemotherapy: bool = False

    def __post_init__(self) -> None:
        for name in ("spine_metastases", "on_chemotherapy"):
            if not isinstance(getattr(self, name), bool):
                raise EntryFieldError(name, "must be true or false")
        if not isinstance(self.bone_therapy, str) or (
            self.bone_therapy not in BONE_THERAPIES
        ):
            raise EntryFieldError(
                "bone_therapy", f"must be one of {sorted(BONE_THERAPIES)}"
            )

    @property
    def on_bone_drug(self) -> bool:
        return self.bone_therapy != "none"


@dataclass(frozen=True)
class EntryData:
    """One diary day as the rules see it. None means "not answered".

    The form asks for both scores, but a day that reports a warning sign is
    triaged without them (diary-fields.md): a missing score must never hold
    back urgent guidance, and it never raises or lowers a flag.
    """

    entry_date: dt.date
    pain_score: int | None = None
    fatigue_score: int | None = None
    pain_sites: frozenset[str] | None = None
    pain_worse_lying_down: bool | None = None
    back_pain_positional: bool | None = None
    back_pain_band: bool | None = None
    pain_relief_helping: str | None = None
    breakthrough_doses: int | None = None
    difficulty_walking: bool | None = None
    numbness: frozenset[str] | None = None
    bladder_bowel_problem: bool | None = None
    very_thirsty: bool | None = None
    passing_more_urine: bool | None = None
    nausea: bool | None = None
    vomiting: bool | None = None
    constipation: bool | None = None
    appetite_loss: bool | None = None
    poor_concentration: bool | None = None
    drowsiness: bool | None = None
    weakness: bool | None = None
    confusion: bool | None = None
    temperature_c: Decimal | None = None
    shivering: bool | None = None
    bleeding_bruising: bool | None = None
    leg_swelling: bool | None = None
    line_site_swelling: bool | None = None
    breathless: bool | None = None
    chest_tightness: bool | None = None
    coughing_blood: bool | None = None
    possible_fracture: bool | None = None
    tingling_mouth: bool | None = None
    loose_teeth: bool | None = None
    gum_problem: bool | None = None
    ear_problem: bool | None = None

    def __post_init__(self) -> None:
        # A datetime is a date subclass but would break day arithmetic.
        if not isinstance(self.entry_date, dt.date) or isinstance(
            self.entry_date, dt.datetime
        ):
            raise EntryFieldError("entry_date", "must be a date")
        for code in RULE_FIELD_CODES:
            _check_value(code, getattr(self, code))

    @classmethod
    def from_mapping(cls, entry_date: dt.date, data: Mapping[str, Any]) -> EntryData:
        """Build from form, model or JSON values: lists become frozensets and
        numbers or strings become a Decimal temperature. Unknown codes raise
        EntryFieldError (a typo must not silently drop a symptom)."""
        values: dict[str, Any] = {}
        for code, value in data.items():
            if code in IGNORED_CODES:
                continue
            if code not in RULE_FIELD_CODES:
                raise EntryFieldError(code, "is not a diary field code")
            values[code] = _convert(code, value)
        return cls(entry_date=entry_date, **values)

    def missing_required(self) -> tuple[str, ...]:
        """The codes the form needs every day (the scores) left unanswered."""
        return tuple(code for code in REQUIRED_CODES if getattr(self, code) is None)


RULE_FIELD_CODES: tuple[str, ...] = tuple(
    f.name for f in fields(EntryData) if f.name != "entry_date"
)
REQUIRED_CODES: tuple[str, ...] = tuple(
    code for code in RULE_FIELD_CODES if dd.FIELDS_BY_CODE[code].required
)


def _convert(code: str, value: Any) -> Any:
    kind = dd.FIELDS_BY_CODE[code].kind
    if kind == "multi" and isinstance(value, list | tuple | set):
        try:
            return frozenset(value)
        except TypeError:
            raise EntryFieldError(code, "must be a list of choices") from None
    if kind == "temperature" and isinstance(value, float | int | str):
        return _to_decimal(code, value)
    return value


def _to_decimal(code: str, value: float | int | str) -> Decimal:
    if isinstance(value, bool):
        raise EntryFieldError(code, "must be a number")
    try:
        # str() first so that 36.1 stays 36.1 rather than its binary neighbour.
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise EntryFieldError(code, f"{value!r} is not a number") from None


def _check_value(code: str, value: Any) -> None:
    field = dd.FIELDS_BY_CODE[code]
    if value is None:
        return
    check = _CHECKS[field.kind]
    problem = check(field, value)
    if problem:
        raise EntryFieldError(code, problem)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_score(field: dd.Field, value: Any) -> str | None:
    if not _is_int(value) or not dd.SCORE_MIN <= value <= dd.SCORE_MAX:
        return f"must be a whole number from {dd.SCORE_MIN} to {dd.SCORE_MAX}"
    return None


def _check_count(field: dd.Field, value: Any) -> str | None:
    if not _is_int(value) or not 0 <= value <= dd.BREAKTHROUGH_MAX:
        return f"must be a whole number from 0 to {dd.BREAKTHROUGH_MAX}"
    return None


def _check_bool(field: dd.Field, value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true, false or not answered"


def _check_choice(field: dd.Field, value: Any) -> str | None:
    allowed = [code for code, _ in field.choices]
    return None if value in allowed else f"must be one of {allowed}"


def _check_multi(field: dd.Field, value: Any) -> str | None:
    allowed = {code for code, _ in field.choices}
    if not isinstance(value, frozenset):
        return "must be a list of choices"
    unknown = sorted(str(v) for v in value - allowed)
    return f"unknown choices {unknown}; allowed {sorted(allowed)}" if unknown else None


def _check_temperature(field: dd.Field, value: Any) -> str | None:
    low, high = dd.TEMPERATURE_MIN, dd.TEMPERATURE_MAX
    if not isinstance(value, Decimal) or not value.is_finite():
        return "must be a number of degrees Celsius"
    if not low <= value <= high:
        return f"must be from {low} to {high}"
    if value != value.quantize(Decimal("0.1")):
        return "must have at most one decimal place"
    return None


_CHECKS = {
    "score": _check_score,
    "count": _check_count,
    "bool": _check_bool,
    "choice": _check_choice,
    "multi": _check_multi,
    "temperature": _check_temperature,
}


@dataclass(frozen=True)
class FlagResult:
    """One condition flagged on one entry, at the highest level its rules give."""

    condition: str
    level: str
    rule_id: str
    # JSON-serialisable: field code -> the value that made the rule fire, plus
    # "history" (plain-English note on earlier entries) and "other_rules" (other
    # rule ids of the same condition that fired at the same level).
    reasons: dict[str, Any]
    source: str
    guidance_key: str


@dataclass(frozen=True)
class Triage:
    level: str
    flags: tuple[FlagResult, ...]
    # True when two or more amber conditions, and no red one, made the level red.
    escalated: bool

    @property
    def is_urgent(self) -> bool:
        return self.level in URGENT_LEVELS

    @property
    def conditions(self) -> tuple[str, ...]:
        return tuple(sorted(flag.condition for flag in self.flags))
