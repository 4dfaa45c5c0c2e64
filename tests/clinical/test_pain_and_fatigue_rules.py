"""uncontrolled_pain (booklet p. 18) and fatigue (p. 21)."""

from __future__ import annotations

import pytest

LEG = {"pain_sites": ["leg"]}  # pain that is not back pain, so mscc stays out


def pain(score: int, **answers: object) -> dict:
    return {"pain_score": score, **LEG, **answers}


def tired(score: int, days: list[int]) -> list[tuple[int, dict]]:
    return [(day, {"fatigue_score": score}) for day in days]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (pain(8, pain_relief_helping="no"), "amber"),
        (pain(8, pain_relief_helping="not_taking"), "amber"),
        (pain(7, pain_relief_helping="no"), "none"),
        (pain(8, pain_relief_helping="partly"), "none"),
        (pain(10, pain_relief_helping="yes"), "none"),
        (pain(8, pain_relief_helping=None), "none"),
    ],
    ids=str,
)
def test_severe_pain_with_relief_not_working_is_amber(level_of, answers, expected):
    assert level_of("uncontrolled_pain", answers) == expected


@pytest.mark.parametrize(
    ("today", "history", "expected"),
    [
        pytest.param(pain(7), [(1, pain(7)), (3, pain(8))], "green", id="7 on 3 days"),
        pytest.param(pain(7), [(2, pain(7))], "none", id="7 on 2 days"),
        pytest.param(pain(6), [(1, pain(6)), (2, pain(6))], "none", id="6 on 3 days"),
        pytest.param(
            pain(2), [(4, pain(7)), (5, pain(7)), (6, pain(9))], "green", id="d4-6"
        ),
        pytest.param(
            pain(2), [(5, pain(7)), (6, pain(7)), (7, pain(9))], "none", id="d5-7"
        ),
    ],
)
def test_severe_pain_on_3_of_the_last_7_days_is_green(
    level_of, today, history, expected
):
    assert level_of("uncontrolled_pain", today, history) == expected


@pytest.mark.parametrize(
    ("doses", "expected"), [(3, "green"), (2, "none")], ids=["3 doses", "2 doses"]
)
def test_three_days_of_breakthrough_doses_is_green(level_of, doses, expected):
    day = pain(4, breakthrough_doses=doses)
    assert level_of("uncontrolled_pain", day, [(1, day), (5, day)]) == expected


def test_unanswered_breakthrough_doses_do_not_count(level_of):
    day = pain(4, breakthrough_doses=3)
    assert level_of("uncontrolled_pain", pain(4), [(1, day), (2, day)]) == "none"


def test_severe_pain_not_helped_stays_amber_with_a_pain_trend(triage):
    result = triage(pain(8, pain_relief_helping="no"), [(1, pain(7)), (2, pain(7))])
    (flag,) = result.flags
    assert flag.level == "amber"
    assert flag.rule_id == "uncontrolled_pain.amber.severe_pain_relief_not_working"


@pytest.mark.parametrize(
    ("today", "history", "expected"),
    [
        pytest.param(8, tired(8, [2, 6]), "green", id="8 on 3 days"),
        pytest.param(7, tired(7, [1, 2]), "none", id="7 on 3 days"),
        pytest.param(8, tired(8, [1]), "none", id="8 on 2 days"),
        pytest.param(3, tired(9, [4, 5, 6]), "green", id="days 4-6"),
        pytest.param(3, tired(8, [5, 6, 7]), "none", id="days 5-7"),
    ],
)
def test_severe_tiredness_on_3_of_the_last_7_days_is_green(
    level_of, today, history, expected
):
    assert level_of("fatigue", {"fatigue_score": today}, history) == expected


@pytest.mark.parametrize(
    ("recent_days", "earlier", "expected"),
    [
        pytest.param(
            [1, 2, 3], tired(4, [7, 8, 9, 10]), "green", id="rise of exactly 2"
        ),
        pytest.param(
            [1, 2, 3], tired(4, [7, 8, 9]) + tired(5, [10]), "none", id="rise of 1.75"
        ),
        pytest.param([1, 2], tired(4, [7, 8, 9, 10]), "none", id="3 recent entries"),
        pytest.param([1, 2, 3], tired(4, [8, 9, 10]), "none", id="3 earlier entries"),
        pytest.param([1, 2, 6], tired(4, [7, 8, 9, 10]), "green", id="day 6 is recent"),
        pytest.param(
            [1, 2, 3], tired(4, [7, 11, 12, 13]), "green", id="day 7, 13 earlier"
        ),
        pytest.param(
            [1, 2, 3], tired(4, [7, 8, 9, 14]), "none", id="day 14 is outside"
        ),
    ],
)
def test_tiredness_rising_by_2_between_two_weeks_is_green(
    level_of, recent_days, earlier, expected
):
    history = tired(6, recent_days) + earlier
    assert level_of("fatigue", {"fatigue_score": 6}, history) == expected


def test_rising_tiredness_flag_explains_both_weekly_means(triage):
    history = tired(6, [1, 2, 3]) + tired(4, [7, 8, 9, 10])
    (flag,) = triage({"fatigue_score": 6}, history).flags
    assert flag.rule_id == "fatigue.green.rising_fatigue"
    assert flag.reasons["history"] == (
        "mean tiredness 6.0 over 4 entries of the last 7 days, "
        "4.0 over 4 entries of the 7 days before"
    )
