"""mscc: possible spinal cord compression (red-flags.md; booklet p. 19)."""

from __future__ import annotations

import pytest

BACK = {"pain_sites": ["back"]}
KNOWN_BACK_PAIN = [(2, {"pain_score": 3, **BACK})]  # so today's back pain is not new
FINGERS = {"numbness": ["fingers"]}
TOES = {"numbness": ["toes"]}
SPINE = {"spine_metastases": True}


def back_pain(score: int) -> dict:
    return {"pain_score": score, **BACK}


CASES = [
    # red: any of the alert card's hard signs, alone
    ("difficulty walking", {"difficulty_walking": True}, [], {}, "red"),
    ("bladder or bowel problem", {"bladder_bowel_problem": True}, [], {}, "red"),
    ("numb bottom", {"numbness": ["bottom"]}, [], {}, "red"),
    ("difficulty walking answered no", {"difficulty_walking": False}, [], {}, "none"),
    ("difficulty walking unanswered", {"difficulty_walking": None}, [], {}, "none"),
    # red: back pain with limb numbness, or band pain
    ("back pain, known numb fingers", {**BACK, **FINGERS}, [(1, FINGERS)], {}, "red"),
    (
        "neck pain, known numb toes",
        {"pain_sites": ["neck"], **TOES},
        [(1, TOES)],
        {},
        "red",
    ),
    ("band pain alone", {"back_pain_band": True}, KNOWN_BACK_PAIN, {}, "red"),
    ("band pain answered no", {"back_pain_band": False}, KNOWN_BACK_PAIN, {}, "none"),
    # red: numbness in a place the previous 14 days did not report
    ("first numb fingers", FINGERS, [], {}, "red"),
    ("spreading to toes", {"numbness": ["fingers", "toes"]}, [(1, FINGERS)], {}, "red"),
    ("fingers last reported day 14", FINGERS, [(14, FINGERS)], {}, "amber"),
    ("fingers last reported day 15", FINGERS, [(15, FINGERS)], {}, "red"),
    ("fingers after unanswered", FINGERS, [(1, {"numbness": None})], {}, "red"),
    ("numbness answered none", {"numbness": []}, [], {}, "none"),
    # amber: back pain plus something
    ("back pain 7", back_pain(7), KNOWN_BACK_PAIN, {}, "amber"),
    ("back pain 6, steady", back_pain(6), [(2, back_pain(5))], {}, "none"),
    (
        "positional back pain",
        {"back_pain_positional": True},
        KNOWN_BACK_PAIN,
        {},
        "amber",
    ),
    (
        "back pain worse lying down",
        {**BACK, "pain_worse_lying_down": True},
        KNOWN_BACK_PAIN,
        {},
        "amber",
    ),
    (
        "hip pain worse lying down",
        {"pain_sites": ["pelvis_hip"], "pain_worse_lying_down": True},
        [],
        {},
        "none",
    ),
    ("new back pain", BACK, [], {}, "amber"),
    ("back pain known day 14", BACK, [(14, BACK)], {}, "none"),
    ("back pain known day 15 only", BACK, [(15, BACK)], {}, "amber"),
    (
        "back pain after unanswered sites",
        BACK,
        [(1, {"pain_sites": None})],
        {},
        "amber",
    ),
    ("spine mets, back pain 5", back_pain(5), [(1, back_pain(4))], SPINE, "amber"),
    ("spine mets, back pain 4", back_pain(4), [(1, back_pain(4))], SPINE, "none"),
    ("no spine mets, back pain 5", back_pain(5), [(1, back_pain(4))], {}, "none"),
    # amber: ongoing limb numbness without back pain
    ("known numb fingers", FINGERS, [(3, FINGERS)], {}, "amber"),
    (
        "known numb fingers and toes",
        {"numbness": ["fingers", "toes"]},
        [(3, TOES), (9, FINGERS)],
        {},
        "amber",
    ),
]


@pytest.mark.parametrize(
    ("answers", "history", "profile", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_mscc_level(level_of, answers, history, profile, expected):
    assert level_of("mscc", answers, history, **profile) == expected


@pytest.mark.parametrize(
    ("earlier_scores", "today", "expected"),
    [
        pytest.param([4, 4], 6, "amber", id="exactly 2 above the mean"),
        pytest.param([3, 4], 6, "amber", id="2.5 above the mean"),
        pytest.param([4, 5], 6, "none", id="1.5 above the mean"),
        pytest.param([4, 4], 5, "none", id="1 above the mean"),
    ],
)
def test_rising_back_pain_is_amber_from_2_points_above_the_mean(
    level_of, earlier_scores, today, expected
):
    history = [
        (days, {"pain_score": s, **BACK}) for days, s in enumerate(earlier_scores, 1)
    ]
    assert level_of("mscc", back_pain(today), history) == expected


def test_rising_pain_only_averages_earlier_days_that_had_back_pain(level_of):
    history = [(1, back_pain(4)), (2, {"pain_score": 0}), (3, {})]
    # mean over back-pain days is 4 (not 1.3): 5 is not a rise of 2
    assert level_of("mscc", back_pain(5), history) == "none"


def test_rising_pain_looks_back_7_days_not_8(level_of):
    today = back_pain(6)
    day_7 = [(7, back_pain(4)), (8, back_pain(9))]
    assert level_of("mscc", today, day_7) == "amber"
    assert level_of("mscc", today, [(8, back_pain(2))]) == "none"


def test_back_pain_with_leg_weakness_is_red(triage):
    result = triage(
        {"pain_score": 7, **BACK, "difficulty_walking": True}, KNOWN_BACK_PAIN
    )
    assert result.level == "red"
    (flag,) = result.flags
    assert flag.rule_id == "mscc.red.difficulty_walking"
    assert flag.reasons["difficulty_walking"] is True


def test_new_numbness_names_the_new_place_for_the_nurse(triage):
    result = triage({"numbness": ["fingers", "toes"]}, [(1, FINGERS)])
    (flag,) = result.flags
    assert flag.rule_id == "mscc.red.new_numbness"
    assert flag.reasons["numbness"] == ["toes"]
    assert "toes not reported in the previous 14 days" in flag.reasons["history"]


def test_band_pain_is_treated_as_back_pain_even_without_a_back_site(triage):
    (flag,) = triage({"back_pain_band": True, "pain_sites": ["ribs_chest"]}).flags
    assert (flag.level, flag.rule_id) == ("red", "mscc.red.back_pain_band")


def test_mscc_is_one_flag_even_when_many_rules_fire(triage):
    answers = {
        "pain_score": 9,
        **BACK,
        "back_pain_band": True,
        "difficulty_walking": True,
    }
    result = triage(answers)
    assert [f.condition for f in result.flags] == ["mscc"]
    assert "mscc.red.back_pain_band" in result.flags[0].reasons["other_rules"]


def test_mscc_flag_cites_the_booklet_and_nice(triage):
    (flag,) = triage({"difficulty_walking": True}).flags
    assert "booklet p. 19" in flag.source and "NICE" in flag.source
    assert flag.guidance_key == "mscc"
