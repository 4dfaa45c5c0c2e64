"""The shipped clinical scenario files, and the strict scenario loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinical.rules import RULES
from clinical.rules.scenarios import ScenarioError, load_file, load_files, run

SCENARIO_FILES = sorted((Path(__file__).parents[1] / "scenarios").glob("*.json"))


@pytest.fixture(scope="module")
def results():
    return run(load_files(SCENARIO_FILES))


def test_every_shipped_scenario_passes(results):
    failures = [result.line() for result in results if not result.passed]
    assert failures == []


def test_there_are_at_least_90_scenarios_each_with_a_source(results):
    assert len(results) >= 90
    assert all(result.scenario.source for result in results)


def test_every_rule_in_the_catalogue_fires_in_at_least_one_scenario(results):
    seen = frozenset().union(*(result.rule_ids for result in results))
    assert {rule.id for rule in RULES} - seen == set()


def test_every_level_is_expected_by_some_scenario(results):
    assert {r.scenario.expect.level for r in results} == {
        "none",
        "green",
        "amber",
        "red",
    }


def test_history_dates_count_back_from_a_fixed_today(tmp_path):
    path = write(tmp_path, scenario(history=[{"days_ago": 1, **SCORES}]))
    (loaded,) = load_file(path)
    assert (loaded.entry.entry_date - loaded.history[0].entry_date).days == 1


SCORES = {"pain_score": 1, "fatigue_score": 2}


def scenario(**overrides: object) -> dict:
    return {
        "id": "s1",
        "source": "test",
        "entry": dict(SCORES),
        "expect": {"level": "none"},
        **overrides,
    }


def write(tmp_path: Path, *scenarios: dict, raw: str | None = None) -> Path:
    path = tmp_path / "scenarios.json"
    path.write_text(raw if raw is not None else json.dumps({"scenarios": scenarios}))
    return path


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"entry": {**SCORES, "pain_scor": 3}}, "entry.pain_scor"),
        ({"entry": {"pain_score": 3}}, "entry.fatigue_score"),
        ({"entry": {**SCORES, "pain_score": 11}}, "entry.pain_score"),
        ({"entry": {**SCORES, "temperature_c": 45}}, "entry.temperature_c"),
        ({"entry": {**SCORES, "breakthrough_doses": 30}}, "entry.breakthrough_doses"),
        ({"entry": {**SCORES, "pain_sites": ["knee"]}}, "entry.pain_sites"),
        ({"entry": {**SCORES, "shivering": "yes"}}, "entry.shivering"),
        ({"entry": {**SCORES, "days_ago": 1}}, "entry.days_ago"),
        ({"history": [{"pain_score": 1, "fatigue_score": 1}]}, "history[0].days_ago"),
        ({"history": [{"days_ago": 0, **SCORES}]}, "history[0].days_ago"),
        ({"history": [{"days_ago": "1", **SCORES}]}, "history[0].days_ago"),
        ({"history": [{"days_ago": 1.5, **SCORES}]}, "history[0].days_ago"),
        ({"history": [{"days_ago": 10**9, **SCORES}]}, "history[0].days_ago"),
        (
            {"history": [{"days_ago": 2, **SCORES}, {"days_ago": 2, **SCORES}]},
            "history[1].days_ago",
        ),
        ({"history": [{"days_ago": 1, "pain_score": 1}]}, "history[0].fatigue_score"),
        ({"profile": {"bone_therapy": "zometa"}}, "profile.bone_therapy"),
        ({"profile": {"on_chemo": True}}, "profile.on_chemo"),
        ({"profile": {"spine_metastases": "yes"}}, "profile.spine_metastases"),
        ({"expect": {"level": "orange"}}, "expect.level"),
        ({"expect": {"level": "red", "conditions": ["sepsis"]}}, "expect.conditions"),
        (
            {"expect": {"level": "red", "absent": ["mscc"], "conditions": ["mscc"]}},
            "expect.absent",
        ),
        ({"expect": {"level": "red", "expected": ["mscc"]}}, "expect.expected"),
        ({"expected": {"level": "red"}}, "expected"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_a_malformed_scenario_names_file_scenario_and_field(tmp_path, bad, field):
    path = write(tmp_path, scenario(**bad))
    with pytest.raises(ScenarioError) as error:
        load_file(path)
    assert (error.value.path, error.value.scenario_id, error.value.field) == (
        str(path),
        "s1",
        field,
    )
    assert str(path) in str(error.value) and "'s1'" in str(error.value)


def test_a_scenario_without_an_id_is_malformed(tmp_path):
    with pytest.raises(ScenarioError, match="has no id"):
        load_file(write(tmp_path, {k: v for k, v in scenario().items() if k != "id"}))


def test_duplicate_scenario_ids_are_malformed(tmp_path):
    with pytest.raises(ScenarioError, match="id already used"):
        load_file(write(tmp_path, scenario(), scenario()))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"scenarios": [', "malformed JSON"),
        ("[]", '"scenarios" list'),
        ('{"scenarios": []}', "non-empty"),
        ('{"scenarios": [], "extra": 1}', '"scenarios" list'),
        (
            '{"scenarios": [{"id": "s", '
            '"entry": {"confusion": true, "confusion": false}}]}',
            '"confusion" appears twice',
        ),
    ],
)
def test_a_malformed_file_is_reported_with_its_name(tmp_path, raw, message):
    path = write(tmp_path, raw=raw)
    with pytest.raises(ScenarioError, match=message) as error:
        load_file(path)
    assert str(error.value).startswith(str(path))


def test_an_unreadable_file_is_reported_with_its_name(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(ScenarioError, match="cannot read file") as error:
        load_file(missing)
    assert str(missing) in str(error.value)


def test_a_file_that_is_not_utf8_is_malformed(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"scenarios": [{"id": "café"}]}'.encode("latin-1"))
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_file(path)


def test_a_utf8_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    # Windows editors often add one; it is still UTF-8 JSON.
    path = tmp_path / "bom.json"
    scenario = {"id": "bom", "entry": SCORES, "expect": {"level": "none"}}
    text = json.dumps({"scenarios": [scenario]})
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert [s.id for s in load_file(path)] == ["bom"]


def test_a_failing_scenario_says_what_was_expected_and_what_came_out(tmp_path):
    expect = {"level": "green", "conditions": ["fatigue"], "absent": ["mscc"]}
    path = write(
        tmp_path, scenario(entry={**SCORES, "pain_sites": ["back"]}, expect=expect)
    )
    (result,) = run(load_file(path))
    assert not result.passed
    assert result.line() == (
        "FAIL s1: expected level green, conditions ['fatigue'], absent ['mscc']; "
        "got level amber, conditions ['mscc']"
    )
    assert result.as_json() == {
        "id": "s1",
        "passed": False,
        "expected_level": "green",
        "level": "amber",
        "conditions": ["mscc"],
        "expected_conditions": ["fatigue"],
        "absent_conditions": ["mscc"],
    }


def test_an_entry_reporting_a_warning_sign_may_leave_out_the_scores(tmp_path):
    path = write(
        tmp_path,
        scenario(
            entry={"difficulty_walking": True},
            expect={"level": "red", "conditions": ["mscc"]},
        ),
    )
    (loaded,) = load_file(path)
    assert loaded.entry.pain_score is None and loaded.entry.fatigue_score is None


def test_a_missing_score_is_still_required_when_nothing_urgent_is_reported(tmp_path):
    path = write(tmp_path, scenario(entry={"pain_score": 2, "nausea": True}))
    with pytest.raises(ScenarioError, match="unless a warning sign is reported"):
        load_file(path)
