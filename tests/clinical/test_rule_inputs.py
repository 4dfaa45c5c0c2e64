"""EntryData and Profile: what the rules accept, matching clinical/fields.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from clinical import fields as dd
from clinical.levels import LEVELS
from clinical.levels import rank as level_rank
from clinical.rules import EntryData, EntryFieldError, Profile

DAY = dt.date(2025, 1, 15)
SCORES = {"pain_score": 2, "fatigue_score": 3}


def test_entry_data_has_every_entry_field_of_the_data_dictionary_except_free_text():
    codes = {f.name for f in dataclasses.fields(EntryData)} - {"entry_date"}
    assert codes == set(dd.ENTRY_CODES) - {"notes", "questions_for_team"}


def test_unanswered_fields_default_to_none_not_no():
    entry = EntryData.from_mapping(DAY, SCORES)
    assert entry.difficulty_walking is None
    assert entry.pain_sites is None
    assert entry.temperature_c is None


def test_from_mapping_converts_lists_and_numbers():
    entry = EntryData.from_mapping(
        DAY, {**SCORES, "pain_sites": ["back", "back", "jaw"], "temperature_c": 36.1}
    )
    assert entry.pain_sites == frozenset({"back", "jaw"})
    assert entry.temperature_c == Decimal("36.1")
    assert EntryData.from_mapping(
        DAY, {**SCORES, "temperature_c": "37.5"}
    ).temperature_c == Decimal("37.5")


def test_from_mapping_ignores_free_text():
    entry = EntryData.from_mapping(
        DAY, {**SCORES, "notes": "x", "questions_for_team": "<b>y</b>"}
    )
    assert entry == EntryData(DAY, 2, 3)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        pytest.param({"pain_scor": 2, "fatigue_score": 3}, "pain_scor", id="typo"),
        pytest.param({**SCORES, "pain_score": 11}, "pain_score", id="pain 11"),
        pytest.param({**SCORES, "pain_score": -1}, "pain_score", id="pain -1"),
        pytest.param({**SCORES, "pain_score": 7.0}, "pain_score", id="pain float"),
        pytest.param({**SCORES, "pain_score": True}, "pain_score", id="pain bool"),
        pytest.param(
            {**SCORES, "breakthrough_doses": 25}, "breakthrough_doses", id="bt 25"
        ),
        pytest.param({**SCORES, "temperature_c": 33.9}, "temperature_c", id="33.9"),
        pytest.param({**SCORES, "temperature_c": 43.1}, "temperature_c", id="43.1"),
        pytest.param(
            {**SCORES, "temperature_c": 37.55}, "temperature_c", id="2 places"
        ),
        pytest.param({**SCORES, "temperature_c": "hot"}, "temperature_c", id="text"),
        pytest.param({**SCORES, "temperature_c": "NaN"}, "temperature_c", id="NaN"),
        pytest.param(
            {**SCORES, "temperature_c": True}, "temperature_c", id="temp bool"
        ),
        pytest.param({**SCORES, "shivering": "yes"}, "shivering", id="bool as text"),
        pytest.param({**SCORES, "shivering": 1}, "shivering", id="bool as 1"),
        pytest.param({**SCORES, "pain_sites": "back"}, "pain_sites", id="site as text"),
        pytest.param({**SCORES, "pain_sites": ["knee"]}, "pain_sites", id="bad site"),
        pytest.param({**SCORES, "numbness": [["toes"]]}, "numbness", id="nested list"),
        pytest.param(
            {**SCORES, "pain_relief_helping": "maybe"},
            "pain_relief_helping",
            id="choice",
        ),
        pytest.param(
            {**SCORES, "pain_relief_helping": ""}, "pain_relief_helping", id="empty"
        ),
    ],
)
def test_values_outside_the_data_dictionary_are_rejected_naming_the_field(
    values, field
):
    with pytest.raises(EntryFieldError) as error:
        EntryData.from_mapping(DAY, values)
    assert error.value.field == field


def test_a_datetime_is_not_accepted_as_an_entry_date():
    with pytest.raises(EntryFieldError):
        EntryData(dt.datetime(2025, 1, 15, 9, 0), 2, 3)


def test_profile_defaults_are_no_spine_metastases_no_bone_drug_no_chemotherapy():
    profile = Profile()
    assert (
        profile.spine_metastases,
        profile.on_bone_drug,
        profile.on_chemotherapy,
    ) == (
        False,
        False,
        False,
    )


@pytest.mark.parametrize(
    ("therapy", "expected"), [(c, c != "none") for c, _ in dd.BONE_THERAPY]
)
def test_every_bone_therapy_except_none_counts_as_a_bone_drug(therapy, expected):
    assert Profile(bone_therapy=therapy).on_bone_drug is expected


@pytest.mark.parametrize(
    "profile",
    [{"bone_therapy": "zoledronic"}, {"bone_therapy": None}, {"on_chemotherapy": None}],
    ids=str,
)
def test_an_invalid_profile_is_rejected(profile):
    with pytest.raises(EntryFieldError):
        Profile(**profile)


def test_levels_rank_from_none_to_red():
    assert [level_rank(level) for level in LEVELS] == [0, 1, 2, 3]
    assert LEVELS == ("none", "green", "amber", "red")
    with pytest.raises(ValueError, match="unknown level"):
        level_rank("purple")
