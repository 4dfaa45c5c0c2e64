"""The one level vocabulary: order, the urgent set, and a rule's level as data."""

from __future__ import annotations

import json

import pytest

from clinical.levels import CHOICES, FLAG_LEVELS, LEVELS, URGENT, Level, rank
from clinical.rules import RULES
from clinical.rules.predicates import Rule, sign


def test_it_ranks_the_levels_from_none_to_red():
    assert sorted(["red", "none", "amber", "green"], key=rank) == list(LEVELS)
    assert [rank(level) for level in ("none", "green", "amber", "red")] == [0, 1, 2, 3]


def test_it_says_unknown_level_for_anything_else():
    with pytest.raises(ValueError, match="unknown level 'Red'"):
        rank("Red")


def test_red_and_amber_are_urgent_and_green_is_not():
    assert {"red", "amber"} == URGENT
    assert "green" not in URGENT and "none" not in URGENT


def test_flags_are_counted_most_urgent_first():
    assert FLAG_LEVELS == ("red", "amber", "green")


def test_a_level_reads_as_its_plain_code_in_text_json_and_choices():
    assert f"{Level.AMBER}" == str(Level.AMBER) == "amber"
    assert json.dumps({"level": Level.RED}) == '{"level": "red"}'
    assert CHOICES == [
        ("none", "None"),
        ("green", "Green"),
        ("amber", "Amber"),
        ("red", "Red"),
    ]


def test_every_rule_id_is_its_condition_level_and_name():
    for rule in RULES:
        assert rule.id == f"{rule.condition}.{rule.level.value}.{rule.name}"
        assert rule.level in FLAG_LEVELS
    assert len({rule.id for rule in RULES}) == len(RULES)


def test_a_rule_that_gives_no_level_is_refused():
    with pytest.raises(ValueError, match="red, amber or green"):
        Rule("mscc", Level.NONE, "nothing", "never", "nowhere", sign("weakness"))
