"""evaluate(): run every rule of the catalogue on one entry and grade it.

Pure: no clock, no I/O, no database. The answer depends only on the profile,
the entry and the earlier entries dated 1..HISTORY_DAYS days before it, and
not on the order those entries come in.
"""

from __future__ import annotations

from collections.abc import Iterable

from clinical.levels import Level, rank
from clinical.rules.catalogue import RULES
from clinical.rules.history import Context, History
from clinical.rules.model import EntryData, FlagResult, Profile, Triage
from clinical.rules.predicates import Reasons, Rule

# UKONS: "any red, or two or more ambers, means a face-to-face assessment".
AMBERS_THAT_MAKE_RED = 2


def evaluate(
    profile: Profile, entry: EntryData, history: Iterable[EntryData]
) -> Triage:
    context = Context(profile=profile, history=History.build(entry, history))
    fired: dict[str, list[tuple[Rule, Reasons]]] = {}
    for rule in RULES:
        reasons = rule.test(context)
        if reasons is not None:
            fired.setdefault(rule.condition, []).append((rule, reasons))
    flags = sorted(
        (_flag(hits) for hits in fired.values()),
        key=lambda flag: (-rank(flag.level), flag.condition),
    )
    return _grade(tuple(flags))


def _flag(hits: list[tuple[Rule, Reasons]]) -> FlagResult:
    """One flag per condition, at the highest level any of its rules gives.

    The first rule in catalogue order at that level names the flag; the others
    at that level add their reasons and are listed under "other_rules".
    """
    top = max((rule.level for rule, _ in hits), key=rank)
    at_top = [(rule, reasons) for rule, reasons in hits if rule.level == top]
    first = at_top[0][0]
    other_rules = [rule.id for rule, _ in at_top[1:]]
    return FlagResult(
        condition=first.condition,
        level=first.level,
        rule_id=first.id,
        reasons=_merge([reasons for _, reasons in at_top], other_rules),
        source=first.source,
        guidance_key=first.guidance_key,
    )


def _merge(all_reasons: list[Reasons], other_rules: list[str]) -> Reasons:
    merged: Reasons = {}
    notes: list[str] = []
    for reasons in all_reasons:
        for code, value in reasons.items():
            if code == "history":
                notes.append(value)
            else:
                merged.setdefault(code, value)
    if notes:
        merged["history"] = "; ".join(dict.fromkeys(notes))
    if other_rules:
        merged["other_rules"] = other_rules
    return merged


def _grade(flags: tuple[FlagResult, ...]) -> Triage:
    level, escalated = overall_level(flag.level for flag in flags)
    return Triage(level=level, flags=flags, escalated=escalated)


def overall_level(flag_levels: Iterable[str]) -> tuple[str, bool]:
    """(the entry's level, escalated) from the levels of its flags, one per
    condition: the highest, or red for two or more ambers."""
    levels = list(flag_levels)
    level = max(levels, key=rank, default=Level.NONE)
    ambers = levels.count(Level.AMBER)
    escalated = level == Level.AMBER and ambers >= AMBERS_THAT_MAKE_RED
    return (Level.RED if escalated else level), escalated
