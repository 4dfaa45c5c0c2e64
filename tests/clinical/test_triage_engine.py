"""evaluate(): one flag per condition, overall level, escalation, history window."""

from __future__ import annotations

import json

from clinical.levels import rank as level_rank
from clinical.rules import CONDITIONS, HISTORY_DAYS, RULES, Profile, evaluate


def test_two_amber_conditions_make_the_overall_level_red(triage):
    result = triage({"bleeding_bruising": True, "leg_swelling": True})
    assert (result.level, result.escalated) == ("red", True)
    assert [f.level for f in result.flags] == ["amber", "amber"]


def test_one_amber_and_one_green_condition_stay_amber(triage):
    result = triage({"bleeding_bruising": True, "temperature_c": 37.6})
    assert (result.level, result.escalated) == ("amber", False)


def test_a_red_flag_with_two_ambers_is_red_without_escalation(triage):
    result = triage(
        {"possible_fracture": True, "bleeding_bruising": True, "leg_swelling": True}
    )
    assert (result.level, result.escalated) == ("red", False)


def test_an_entry_with_no_flags_is_level_none(triage):
    result = triage({"pain_score": 0, "fatigue_score": 0})
    assert (result.level, result.flags, result.escalated) == ("none", (), False)


def test_flags_are_sorted_red_first_then_by_condition_code(triage):
    answers = {
        "bleeding_bruising": True,
        "breathless": True,
        "possible_fracture": True,
        "ear_problem": True,
        "loose_teeth": True,
    }
    result = triage(answers, bone_therapy="denosumab")
    assert [(f.level, f.condition) for f in result.flags] == [
        ("red", "fracture"),
        ("red", "vte"),
        ("amber", "bleeding"),
        ("green", "ear_osteonecrosis"),
        ("green", "onj"),
    ]
    assert result.conditions == (
        "bleeding",
        "ear_osteonecrosis",
        "fracture",
        "onj",
        "vte",
    )


def test_every_flag_is_json_serialisable_for_the_nurse_view(triage):
    answers = {
        "pain_score": 9,
        "pain_sites": ["back", "jaw"],
        "numbness": ["fingers", "toes"],
        "temperature_c": 38.3,
        "confusion": True,
        "nausea": True,
    }
    result = triage(answers, [(1, {"numbness": ["fingers"]})], bone_therapy="denosumab")
    for flag in result.flags:
        json.dumps(flag.reasons)
        assert flag.rule_id.startswith(f"{flag.condition}.{flag.level}.")


def test_entries_outside_the_14_day_window_are_ignored(entry):
    profile, back_pain = Profile(), {"pain_sites": ["back"]}
    today = entry(0, back_pain)
    ignored = [
        entry(0, back_pain),  # today's own row, passed back in by a caller
        entry(-1, back_pain),  # a later day
        entry(HISTORY_DAYS + 1, back_pain),
    ]
    assert evaluate(profile, today, ignored) == evaluate(profile, today, [])
    assert evaluate(profile, today, ignored).conditions == ("mscc",)  # new back pain


def test_a_back_filled_entry_is_judged_by_the_history_as_of_its_own_date(entry):
    back_pain = {"pain_sites": ["back"]}
    backfilled = entry(3, back_pain)
    later_days = [entry(1, back_pain), entry(2, back_pain)]
    # Back pain on the later days does not make the back-filled day's pain "known".
    assert evaluate(Profile(), backfilled, later_days).conditions == ("mscc",)


def test_every_condition_has_a_plain_english_name_and_at_least_one_rule():
    assert {rule.condition for rule in RULES} == set(CONDITIONS)
    assert all(name and name[0].isupper() for name in CONDITIONS.values())


def test_rule_ids_are_unique_and_levels_valid():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(level_rank(rule.level) > 0 for rule in RULES)
    assert all(rule.source for rule in RULES)
