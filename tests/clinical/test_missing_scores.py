"""A score left unanswered (None): triaged without it, never raising or
lowering a flag (diary-fields.md; red-flags.md: NULL never raises or lowers)."""

from __future__ import annotations

import datetime as dt

from clinical.rules import EntryData, Profile, evaluate
from tests.clinical.conftest import TODAY, condition_level

NO_SCORES = {"pain_score": None, "fatigue_score": None}


def entry(days_ago: int = 0, **answers: object) -> EntryData:
    return EntryData.from_mapping(
        TODAY - dt.timedelta(days=days_ago), {**NO_SCORES, **answers}
    )


def test_an_entry_without_scores_is_accepted_as_not_answered():
    day = EntryData.from_mapping(TODAY, {"difficulty_walking": True})
    assert (day.pain_score, day.fatigue_score) == (None, None)
    assert day.missing_required() == ("pain_score", "fatigue_score")


def test_red_signs_with_no_scores_are_still_red():
    triage = evaluate(Profile(), entry(difficulty_walking=True, numbness=["toes"]), [])
    assert triage.level == "red"
    assert condition_level(triage, "mscc") == "red"
    assert triage.is_urgent


def test_back_pain_with_spine_disease_and_no_score_does_not_fire_the_score_rule():
    triage = evaluate(Profile(spine_metastases=True), entry(pain_sites=["back"]), [])
    rule_ids = {flag.rule_id for flag in triage.flags}
    assert "mscc.amber.spine_metastases_and_pain_at_least_5" not in rule_ids


def test_a_missing_tiredness_score_is_not_a_general_calcium_sign():
    # A specific sign needs one other sign: tiredness counts only when it is
    # answered 7 or more.
    triage = evaluate(Profile(), entry(very_thirsty=True), [])
    with_score = evaluate(Profile(), entry(very_thirsty=True, fatigue_score=8), [])
    assert condition_level(with_score, "hypercalcaemia") == "amber"
    assert condition_level(triage, "hypercalcaemia") == "none"


def test_days_without_a_score_do_not_count_towards_3_days_of_severe_pain():
    history = [entry(1, pain_score=8), entry(2), entry(3)]
    triage = evaluate(Profile(), entry(pain_score=8), history)
    assert condition_level(triage, "uncontrolled_pain") == "none"


def test_rising_back_pain_averages_only_the_days_with_a_score():
    back = {"pain_sites": ["back"]}
    history = [entry(1, **back, pain_score=3), entry(2, **back)]
    triage = evaluate(Profile(), entry(**back, pain_score=5), history)
    # Mean of the answered day is 3: 5 is a rise of 2 (amber); the unanswered
    # day is not read as 0, which would make it a rise of 3.5.
    assert condition_level(triage, "mscc") == "amber"
    rising = [f for f in triage.flags if f.condition == "mscc"][0]
    assert "mean back pain score 3.0 on 1 of the previous 7 days" in str(rising.reasons)


def test_rising_back_pain_does_not_fire_when_todays_score_is_missing():
    back = {"pain_sites": ["back"]}
    history = [entry(1, **back, pain_score=1), entry(2, **back, pain_score=1)]
    triage = evaluate(Profile(), entry(**back), history)
    assert "mscc.amber.rising_back_pain" not in {f.rule_id for f in triage.flags}


def test_a_missing_score_never_lowers_a_flag_given_by_other_answers():
    signs = {"temperature_c": 38.5}
    with_scores = evaluate(
        Profile(on_chemotherapy=True),
        entry(**signs, pain_score=2, fatigue_score=3),
        [],
    )
    without = evaluate(Profile(on_chemotherapy=True), entry(**signs), [])
    assert without.level == with_scores.level == "red"
