"""Clinical scenario files (shared/clinical/scenarios.md): load, validate, run.

A scenario is a made-up patient: profile, earlier diary days, today's entry
and the triage the rules must give. Loading is strict, because a typo in a
safety check must fail loudly rather than test nothing: every problem raises
ScenarioError naming the file, the scenario id and the field.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinical import fields as dd
from clinical.levels import LEVELS
from clinical.rules.catalogue import CONDITIONS
from clinical.rules.engine import evaluate
from clinical.rules.model import (
    EntryData,
    EntryFieldError,
    Profile,
    Triage,
)

# Any fixed date will do: scenarios speak in days_ago, never in dates.
TODAY = dt.date(2025, 1, 15)

SCENARIO_KEYS = frozenset({"id", "source", "profile", "history", "entry", "expect"})
EXPECT_KEYS = frozenset({"level", "conditions", "absent"})
RULE_PROFILE_FIELDS = ("spine_metastases", "bone_therapy", "on_chemotherapy")


class ScenarioError(Exception):
    """A file that cannot be read or a scenario that breaks the format."""

    def __init__(
        self, path: str, problem: str, scenario_id: str = "", field: str = ""
    ) -> None:
        where = [path]
        if scenario_id:
            where.append(f"scenario {scenario_id!r}")
        if field:
            where.append(f"field {field!r}")
        super().__init__(f"{': '.join(where)}: {problem}")
        self.path, self.scenario_id, self.field = path, scenario_id, field


Fail = Callable[[str, str], ScenarioError]  # (field, problem) -> error to raise


@dataclass(frozen=True)
class Expectation:
    level: str
    conditions: tuple[str, ...]
    absent: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    id: str
    source: str
    path: str
    profile: Profile
    history: tuple[EntryData, ...]
    entry: EntryData
    expect: Expectation


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    triage: Triage

    @property
    def missing(self) -> tuple[str, ...]:
        flagged = self.triage.conditions
        return tuple(c for c in self.scenario.expect.conditions if c not in flagged)

    @property
    def unexpected(self) -> tuple[str, ...]:
        flagged = self.triage.conditions
        return tuple(c for c in self.scenario.expect.absent if c in flagged)

    @property
    def passed(self) -> bool:
        level_ok = self.triage.level == self.scenario.expect.level
        return level_ok and not self.missing and not self.unexpected

    @property
    def rule_ids(self) -> frozenset[str]:
        """Every rule seen firing at its condition's level in this scenario."""
        ids = set()
        for flag in self.triage.flags:
            ids.add(flag.rule_id)
            ids.update(flag.reasons.get("other_rules", ()))
        return frozenset(ids)

    def line(self) -> str:
        if self.passed:
            return f"PASS {self.scenario.id}"
        expect = self.scenario.expect
        got = self.triage
        return (
            f"FAIL {self.scenario.id}: expected level {expect.level}, "
            f"conditions {list(expect.conditions)}, absent {list(expect.absent)}; "
            f"got level {got.level}, conditions {list(got.conditions)}"
        )

    def as_json(self) -> dict[str, Any]:
        expect = self.scenario.expect
        return {
            "id": self.scenario.id,
            "passed": self.passed,
            "expected_level": expect.level,
            "level": self.triage.level,
            "conditions": list(self.triage.conditions),
            "expected_conditions": list(expect.conditions),
            "absent_conditions": list(expect.absent),
        }


def run(scenarios: Iterable[Scenario]) -> list[ScenarioResult]:
    return [
        ScenarioResult(s, evaluate(s.profile, s.entry, s.history)) for s in scenarios
    ]


def load_files(paths: Iterable[str | Path]) -> list[Scenario]:
    """All scenarios of all files; ids must be unique across them."""
    scenarios = [scenario for path in paths for scenario in load_file(path)]
    _check_unique_ids(scenarios)
    return scenarios


def _check_unique_ids(scenarios: list[Scenario]) -> None:
    first_seen: dict[str, str] = {}
    for scenario in scenarios:
        if scenario.id in first_seen:
            problem = f"id already used in {first_seen[scenario.id]}"
            raise ScenarioError(scenario.path, problem, scenario.id, "id")
        first_seen[scenario.id] = scenario.path


class RepeatedKey(ValueError):
    pass


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON lets a key repeat (the last wins): a copy-paste slip in a scenario
    would then silently test a different patient."""
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise RepeatedKey(key)
    return dict(pairs)


def load_file(path: str | Path) -> list[Scenario]:
    name = str(path)
    try:
        document = json.loads(
            # utf-8-sig: UTF-8, with or without a byte order mark.
            Path(path).read_text(encoding="utf-8-sig"),
            object_pairs_hook=_no_repeated_keys,
        )
    except OSError as exc:
        raise ScenarioError(name, f"cannot read file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ScenarioError(name, f"not UTF-8 text: {exc.reason}") from exc
    except RepeatedKey as exc:
        raise ScenarioError(
            name, f'the key "{exc}" appears twice in one object'
        ) from exc
    except json.JSONDecodeError as exc:
        raise ScenarioError(
            name, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    if not isinstance(document, dict) or set(document) != {"scenarios"}:
        raise ScenarioError(name, 'expected an object with only a "scenarios" list')
    raw = document["scenarios"]
    if not isinstance(raw, list) or not raw:
        raise ScenarioError(name, "must be a non-empty list", field="scenarios")
    scenarios = [_scenario(name, index, item) for index, item in enumerate(raw)]
    _check_unique_ids(scenarios)
    return scenarios


def _scenario(path: str, index: int, raw: Any) -> Scenario:
    if not isinstance(raw, dict):
        raise ScenarioError(path, f"scenario number {index + 1} is not an object")
    sid = raw.get("id")
    if not isinstance(sid, str) or not sid.strip():
        raise ScenarioError(path, f"scenario number {index + 1} has no id", field="id")

    def fail(field: str, problem: str) -> ScenarioError:
        return ScenarioError(path, problem, sid, field)

    if unknown := sorted(set(raw) - SCENARIO_KEYS):
        raise fail(unknown[0], f"unknown key; allowed {sorted(SCENARIO_KEYS)}")
    for key in ("entry", "expect"):
        if key not in raw:
            raise fail(key, "is required")
    source = raw.get("source", "")
    if not isinstance(source, str):
        raise fail("source", "must be text")
    profile = _profile(raw.get("profile", {}), fail)
    history = _history(raw.get("history", []), fail)
    entry = _entry(raw["entry"], TODAY, "entry", fail)
    _require_scores(entry, evaluate(profile, entry, history), "entry", fail)
    for index, day in enumerate(history):
        _require_scores(day, evaluate(profile, day, ()), f"history[{index}]", fail)
    return Scenario(
        id=sid,
        source=source,
        path=path,
        profile=profile,
        history=history,
        entry=entry,
        expect=_expectation(raw["expect"], fail),
    )


def _require_scores(entry: EntryData, triage: Triage, where: str, fail: Fail) -> None:
    """The scores are required, as on the form, unless the day reports a
    warning sign (red or amber): then a score may be left out, as not answered."""
    missing = entry.missing_required()
    if missing and not triage.is_urgent:
        raise fail(
            f"{where}.{missing[0]}", "is required unless a warning sign is reported"
        )


def _profile(raw: Any, fail: Fail) -> Profile:
    if not isinstance(raw, dict):
        raise fail("profile", "must be an object")
    if unknown := sorted(set(raw) - set(dd.PROFILE_FIELDS)):
        raise fail(f"profile.{unknown[0]}", "is not a profile field code")
    for code, value in raw.items():
        if code not in RULE_PROFILE_FIELDS and not isinstance(value, str | None):
            raise fail(f"profile.{code}", "must be text or null")
    values = {code: raw[code] for code in RULE_PROFILE_FIELDS if code in raw}
    try:
        return Profile(**values)
    except EntryFieldError as exc:
        raise fail(f"profile.{exc.field}", exc.problem) from exc


# The rules look back 14 days; ten years is generous and keeps dates valid.
MAX_DAYS_AGO = 3650


def _history(raw: Any, fail: Fail) -> tuple[EntryData, ...]:
    if not isinstance(raw, list):
        raise fail("history", "must be a list of entries")
    entries, days_seen = [], set()
    for index, item in enumerate(raw):
        where = f"history[{index}]"
        if not isinstance(item, dict):
            raise fail(where, "must be an object")
        days = item.get("days_ago")
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            raise fail(f"{where}.days_ago", "must be a whole number, 1 or more")
        if days > MAX_DAYS_AGO:
            raise fail(f"{where}.days_ago", f"must be {MAX_DAYS_AGO} or less")
        if days in days_seen:
            raise fail(f"{where}.days_ago", f"two entries {days} days ago")
        days_seen.add(days)
        values = {k: v for k, v in item.items() if k != "days_ago"}
        day = TODAY - dt.timedelta(days=days)
        entries.append(_entry(values, day, where, fail))
    return tuple(entries)


def _entry(raw: Any, day: dt.date, where: str, fail: Fail) -> EntryData:
    if not isinstance(raw, Mapping):
        raise fail(where, "must be an object")
    try:
        return EntryData.from_mapping(day, raw)
    except EntryFieldError as exc:
        raise fail(f"{where}.{exc.field}", exc.problem) from exc


def _expectation(raw: Any, fail: Fail) -> Expectation:
    if not isinstance(raw, dict):
        raise fail("expect", "must be an object")
    if unknown := sorted(set(raw) - EXPECT_KEYS):
        raise fail(
            f"expect.{unknown[0]}", f"unknown key; allowed {sorted(EXPECT_KEYS)}"
        )
    level = raw.get("level")
    if level not in LEVELS:
        raise fail("expect.level", f"must be one of {[str(x) for x in LEVELS]}")
    conditions = _condition_list(raw.get("conditions", []), "expect.conditions", fail)
    absent = _condition_list(raw.get("absent", []), "expect.absent", fail)
    if both := sorted(set(conditions) & set(absent)):
        raise fail("expect.absent", f"{both} also listed as expected")
    return Expectation(level=level, conditions=conditions, absent=absent)


def _condition_list(raw: Any, field: str, fail: Fail) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
        raise fail(field, "must be a list of condition codes")
    if unknown := sorted(set(raw) - set(CONDITIONS)):
        raise fail(field, f"unknown condition {unknown}; known {sorted(CONDITIONS)}")
    return tuple(raw)
