"""infection and bleeding (booklet pp. 4, 8; NICE CG151; UKONS)."""

from __future__ import annotations

from decimal import Decimal

import pytest

CHEMO = {"on_chemotherapy": True}


@pytest.mark.parametrize(
    ("temperature", "on_chemo", "expected"),
    [
        ("43.0", True, "red"),
        ("37.5", True, "red"),
        ("37.4", True, "none"),
        ("36.1", True, "none"),
        ("36.0", True, "red"),
        ("35.9", True, "red"),
        ("34.0", True, "red"),
        ("43.0", False, "amber"),
        ("38.0", False, "amber"),
        ("37.9", False, "green"),
        ("37.5", False, "green"),
        ("37.4", False, "none"),
        ("36.1", False, "none"),
        ("36.0", False, "amber"),
        ("35.9", False, "amber"),
    ],
    ids=lambda v: str(v),
)
def test_temperature_thresholds_are_inclusive(
    level_of, temperature, on_chemo, expected
):
    answers = {"temperature_c": Decimal(temperature)}
    assert level_of("infection", answers, on_chemotherapy=on_chemo) == expected


@pytest.mark.parametrize(
    ("on_chemo", "expected"),
    [(True, "red"), (False, "amber")],
    ids=["chemo", "no chemo"],
)
def test_shivering_without_a_temperature_is_flagged(level_of, on_chemo, expected):
    level = level_of("infection", {"shivering": True}, on_chemotherapy=on_chemo)
    assert level == expected


def test_shivering_with_a_raised_temperature_is_amber_not_green(level_of):
    assert level_of("infection", {"shivering": True, "temperature_c": 37.6}) == "amber"


def test_unmeasured_temperature_never_raises_or_lowers_the_flag(level_of):
    assert level_of("infection", {"temperature_c": None}, **CHEMO) == "none"
    assert level_of("infection", {"temperature_c": None, "shivering": True}) == "amber"


def test_raised_temperature_green_flag_has_its_own_recheck_guidance(triage):
    (flag,) = triage({"temperature_c": 37.7}).flags
    assert flag.rule_id == "infection.green.raised_temperature"
    assert flag.guidance_key == "infection.green"
    assert flag.reasons == {"temperature_c": 37.7, "on_chemotherapy": False}


def test_fever_flag_tells_the_nurse_the_patient_is_on_chemotherapy(triage):
    (flag,) = triage({"temperature_c": "38.2"}, **CHEMO).flags
    assert flag.reasons == {"temperature_c": 38.2, "on_chemotherapy": True}


def test_yesterdays_fever_does_not_flag_today(level_of):
    history = [(1, {"temperature_c": 38.4, "shivering": True})]
    assert level_of("infection", {"temperature_c": 36.9}, history, **CHEMO) == "none"


@pytest.mark.parametrize(
    ("answer", "expected"), [(True, "amber"), (False, "none"), (None, "none")]
)
def test_unexplained_bleeding_or_bruising_is_amber(level_of, answer, expected):
    assert level_of("bleeding", {"bleeding_bruising": answer}) == expected
