"""vte (booklet p. 22), fracture (pp. 4, 18) and bone-drug side effects
(pp. 12-13)."""

from __future__ import annotations

import pytest

DENOSUMAB = {"bone_therapy": "denosumab"}
THIGH = {"pain_sites": ["thigh_groin"]}
HIP = {"pain_sites": ["pelvis_hip"]}


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"breathless": True}, "red"),
        ({"chest_tightness": True}, "red"),
        ({"coughing_blood": True}, "red"),
        ({"leg_swelling": True}, "amber"),
        ({"line_site_swelling": True}, "amber"),
        ({"leg_swelling": True, "breathless": True}, "red"),
        ({"leg_swelling": False, "breathless": None}, "none"),
    ],
    ids=str,
)
def test_blood_clot_level(level_of, answers, expected):
    assert level_of("vte", answers) == expected


def test_two_amber_clot_signs_are_one_condition_and_do_not_escalate(triage):
    result = triage({"leg_swelling": True, "line_site_swelling": True})
    assert (result.level, result.escalated, result.conditions) == (
        "amber",
        False,
        ("vte",),
    )


def test_possible_fracture_is_red(level_of):
    assert level_of("fracture", {"possible_fracture": True}) == "red"


@pytest.mark.parametrize(
    ("condition", "answers", "bone_drug_level"),
    [
        ("hypocalcaemia", {"tingling_mouth": True}, "amber"),
        ("onj", {"pain_sites": ["jaw"]}, "green"),
        ("onj", {"loose_teeth": True}, "green"),
        ("onj", {"gum_problem": True}, "green"),
        ("ear_osteonecrosis", {"ear_problem": True}, "green"),
    ],
    ids=str,
)
@pytest.mark.parametrize(
    "therapy", ["bisphosphonate_iv", "bisphosphonate_oral", "denosumab", "none"]
)
def test_bone_drug_side_effects_flag_only_on_a_bone_drug(
    level_of, condition, answers, bone_drug_level, therapy
):
    expected = "none" if therapy == "none" else bone_drug_level
    assert level_of(condition, answers, bone_therapy=therapy) == expected


@pytest.mark.parametrize(
    ("history", "today", "expected"),
    [
        pytest.param([(2, THIGH), (4, THIGH)], THIGH, "green", id="3 incl today"),
        pytest.param([(3, THIGH)], THIGH, "none", id="2 entries"),
        pytest.param([(4, HIP), (5, HIP), (6, HIP)], {}, "green", id="days 4-6"),
        pytest.param([(5, HIP), (6, HIP), (7, HIP)], {}, "none", id="days 5-7"),
        pytest.param([(1, THIGH), (6, HIP)], HIP, "green", id="thigh and hip mixed"),
        pytest.param([(1, THIGH), (2, {"pain_sites": None})], THIGH, "none", id="null"),
    ],
)
def test_persistent_thigh_hip_or_groin_pain_on_a_bone_drug_is_green(
    level_of, history, today, expected
):
    assert level_of("atypical_fracture", today, history, **DENOSUMAB) == expected


def test_persistent_thigh_pain_without_a_bone_drug_is_not_flagged(level_of):
    history = [(1, THIGH), (2, THIGH)]
    assert level_of("atypical_fracture", THIGH, history) == "none"


def test_bone_drug_flags_name_the_drug(triage):
    (flag,) = triage({"ear_problem": True}, **DENOSUMAB).flags
    assert flag.reasons == {"ear_problem": True, "bone_therapy": "denosumab"}
