"""hypercalcaemia (booklet p. 20) and confusion (UKONS) rules."""

from __future__ import annotations

import pytest

YES = True


def signs(*codes: str, fatigue: int = 3) -> dict:
    return {"fatigue_score": fatigue, **dict.fromkeys(codes, YES)}


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param(
            signs("confusion", "nausea"), "red", id="confusion + general sign"
        ),
        pytest.param(
            signs("confusion", "very_thirsty"), "red", id="confusion + specific"
        ),
        pytest.param(
            signs("confusion", fatigue=7), "red", id="confusion + tiredness 7"
        ),
        pytest.param(
            signs("confusion", fatigue=6), "none", id="confusion + tiredness 6"
        ),
        pytest.param(signs("confusion"), "none", id="confusion alone"),
        pytest.param(
            signs("drowsiness", "nausea", "constipation"), "red", id="drowsiness + 2"
        ),
        pytest.param(
            signs("drowsiness", "very_thirsty", fatigue=8), "red", id="drowsy+2b"
        ),
        pytest.param(signs("drowsiness", "nausea"), "amber", id="drowsiness + 1"),
        pytest.param(signs("drowsiness"), "none", id="drowsiness alone"),
        pytest.param(
            signs("very_thirsty", "passing_more_urine"), "amber", id="two specific"
        ),
        pytest.param(signs("very_thirsty"), "none", id="one specific alone"),
        pytest.param(
            signs("passing_more_urine", fatigue=7), "amber", id="specific+tired 7"
        ),
        pytest.param(
            signs("passing_more_urine", fatigue=6), "none", id="specific+tired 6"
        ),
        pytest.param(
            signs("nausea", "vomiting", "constipation"), "amber", id="three general"
        ),
        pytest.param(signs("appetite_loss", "weakness"), "none", id="two general"),
        pytest.param(
            signs("poor_concentration", "weakness", fatigue=7),
            "amber",
            id="2 general+7",
        ),
        pytest.param(
            signs("poor_concentration", "weakness", fatigue=6), "none", id="2 general+6"
        ),
        pytest.param({"fatigue_score": 10}, "none", id="tiredness 10 alone"),
    ],
)
def test_hypercalcaemia_level(level_of, answers, expected):
    assert level_of("hypercalcaemia", answers) == expected


def test_any_confusion_is_red_even_alone(triage):
    result = triage({"confusion": True})
    assert result.level == "red"
    assert result.conditions == ("confusion",)


def test_confusion_answered_no_or_unanswered_gives_no_flag(level_of):
    assert level_of("confusion", {"confusion": False}) == "none"
    assert level_of("confusion", {"confusion": None}) == "none"


def test_calcium_flag_lists_every_sign_that_counted(triage):
    result = triage(signs("drowsiness", "nausea", "constipation", fatigue=7))
    flag = next(f for f in result.flags if f.condition == "hypercalcaemia")
    assert flag.rule_id == "hypercalcaemia.red.drowsiness_with_two_other_signs"
    assert flag.reasons == {
        "drowsiness": True,
        "nausea": True,
        "constipation": True,
        "fatigue_score": 7,
    }


def test_calcium_signs_on_different_days_do_not_add_up(level_of):
    history = [(1, signs("vomiting")), (2, signs("constipation"))]
    assert level_of("hypercalcaemia", signs("nausea"), history) == "none"
