"""Properties every triage must have, over generated entries and histories.

Monotonicity, per red-flags.md: reporting one more symptom, or a higher score,
never lowers a level. Exceptions found and tested separately:
- temperature is U-shaped by nature (36.0 or less and 37.5 or more flag), so
  it is monotone only on each side of the normal band;
- history is not monotone by design: an earlier report makes today's back pain
  or numbness "known" (amber, or not flagged, instead of new) and raises the
  fatigue baseline. Only today's entry and the profile are varied here.
The mscc "numbness without back pain" item is not an exception: adding back
pain to known numbness moves it from amber to red.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from clinical import fields as dd
from clinical.levels import LEVELS
from clinical.levels import rank as level_rank
from clinical.rules import EntryData, Profile, Triage, evaluate

TODAY = dt.date(2025, 1, 15)
FIELDS = [dd.FIELDS_BY_CODE[f.name] for f in dataclasses.fields(EntryData)[1:]]
BOOLS = [f.code for f in FIELDS if f.kind == "bool"]
MULTIS = [f.code for f in FIELDS if f.kind == "multi"]
SCORES = ["pain_score", "fatigue_score"]

temperatures = st.integers(340, 430).map(lambda tenths: Decimal(tenths) / 10)
profiles = st.builds(
    Profile,
    spine_metastases=st.booleans(),
    bone_therapy=st.sampled_from([code for code, _ in dd.BONE_THERAPY]),
    on_chemotherapy=st.booleans(),
)


def answer(field: dd.Field) -> st.SearchStrategy:
    """Any value the data dictionary allows, "not answered" (None) included."""
    choices = [code for code, _ in field.choices]
    if field.kind == "score":
        return st.integers(dd.SCORE_MIN, dd.SCORE_MAX)
    given_answer = {
        "bool": st.booleans,
        "multi": lambda: st.frozensets(st.sampled_from(choices)),
        "choice": lambda: st.sampled_from(choices),
        "count": lambda: st.integers(0, dd.BREAKTHROUGH_MAX),
        "temperature": lambda: temperatures,
    }[field.kind]()
    return st.none() | given_answer


answers = st.fixed_dictionaries({f.code: answer(f) for f in FIELDS})
# The only answers any rule reads from earlier days (history.py, catalogue.py);
# drawing just these keeps generation fast. Other answers on earlier days are
# never read: test_answers_on_earlier_days_that_no_rule_reads_change_nothing.
HISTORY_CODES = (
    "pain_score", "fatigue_score", "pain_sites", "back_pain_positional",
    "back_pain_band", "numbness", "breakthrough_doses",
)  # fmt: skip
history_answers = st.fixed_dictionaries(
    {code: answer(dd.FIELDS_BY_CODE[code]) for code in HISTORY_CODES}
)


def on_day(days_ago: int, values: dict) -> EntryData:
    return EntryData(entry_date=TODAY - dt.timedelta(days=days_ago), **values)


todays_entries = answers.map(lambda values: on_day(0, values))
# days -2..16 include days evaluate() must ignore: today, the future, > 14 ago
histories = st.lists(
    st.tuples(st.integers(-2, 16), history_answers),
    max_size=14,
    unique_by=lambda d: d[0],
).map(lambda days: [on_day(*day) for day in days])
cases = st.tuples(profiles, todays_entries, histories)


def rank(triage: Triage) -> int:
    return level_rank(triage.level)


def condition_ranks(triage: Triage) -> dict[str, int]:
    return {flag.condition: level_rank(flag.level) for flag in triage.flags}


def never_lower(before: Triage, after: Triage) -> bool:
    was, now = condition_ranks(before), condition_ranks(after)
    return rank(after) >= rank(before) and all(
        now.get(c, 0) >= r for c, r in was.items()
    )


@settings(max_examples=150)
@given(cases, st.randoms(use_true_random=False))
def test_triage_is_deterministic_and_independent_of_history_order(case, random):
    profile, entry, history = case
    shuffled = random.sample(history, len(history))
    assert evaluate(profile, entry, history) == evaluate(profile, entry, shuffled)


@settings(max_examples=150)
@given(cases)
def test_any_valid_entry_gets_a_consistent_triage(case):
    triage = evaluate(*case)
    assert triage.level in LEVELS
    flag_levels = [flag.level for flag in triage.flags]
    assert len(set(triage.conditions)) == len(triage.flags)
    ambers = flag_levels.count("amber")
    expected = (
        "red" if ambers >= 2 else max(flag_levels, key=level_rank, default="none")
    )
    assert triage.level == expected
    assert triage.escalated == (ambers >= 2 and "red" not in flag_levels)


def report_more(entry: EntryData, data: st.DataObject) -> EntryData:
    """Today's entry with one more symptom reported or one score higher."""
    field = data.draw(st.sampled_from(BOOLS + MULTIS + SCORES + ["breakthrough_doses"]))
    value = getattr(entry, field)
    if field in BOOLS:
        return dataclasses.replace(entry, **{field: True})
    if field in MULTIS:
        place = data.draw(st.sampled_from(dd.FIELDS_BY_CODE[field].choices))[0]
        return dataclasses.replace(entry, **{field: (value or frozenset()) | {place}})
    top = dd.BREAKTHROUGH_MAX if field == "breakthrough_doses" else dd.SCORE_MAX
    higher = data.draw(st.integers(value or 0, top))
    return dataclasses.replace(entry, **{field: higher})


@settings(max_examples=250)
@given(cases, st.data())
def test_reporting_more_never_lowers_any_level(case, data):
    profile, entry, history = case
    more = report_more(entry, data)
    assert never_lower(
        evaluate(profile, entry, history), evaluate(profile, more, history)
    )


@settings(max_examples=150)
@given(cases, st.data())
def test_more_risk_in_the_profile_never_lowers_any_level(case, data):
    profile, entry, history = case
    riskier = dataclasses.replace(
        profile,
        spine_metastases=profile.spine_metastases or data.draw(st.booleans()),
        on_chemotherapy=profile.on_chemotherapy or data.draw(st.booleans()),
        bone_therapy=data.draw(st.sampled_from(["denosumab", profile.bone_therapy]))
        if profile.bone_therapy == "none"
        else profile.bone_therapy,
    )
    before = evaluate(profile, entry, history)
    assert never_lower(before, evaluate(riskier, entry, history))


@settings(max_examples=150)
@given(cases, temperatures, temperatures)
def test_temperature_is_monotone_on_each_side_of_the_normal_band(case, t1, t2):
    profile, entry, history = case
    low, high = sorted((t1, t2))

    def at(t: Decimal | None) -> Triage:
        return evaluate(profile, dataclasses.replace(entry, temperature_c=t), history)

    if low >= Decimal("36.1"):  # warmer is never safer above 36.0
        assert never_lower(at(low), at(high))
    if high <= Decimal("37.4"):  # colder is never safer below 37.5
        assert never_lower(at(high), at(low))
    assert never_lower(at(None), at(t1))  # measuring never lowers a level


@settings(max_examples=150)
@given(cases, st.data())
def test_unanswered_is_treated_exactly_like_no_today_and_in_history(case, data):
    profile, entry, history = case
    code = data.draw(st.sampled_from(BOOLS + MULTIS))
    no = False if code in BOOLS else frozenset()

    def with_answer(e: EntryData, value: object) -> EntryData:
        return dataclasses.replace(e, **{code: value})

    assert evaluate(profile, with_answer(entry, None), history) == evaluate(
        profile, with_answer(entry, no), history
    )
    unanswered = [with_answer(e, None) for e in history]
    answered_no = [with_answer(e, no) for e in history]
    assert evaluate(profile, entry, unanswered) == evaluate(profile, entry, answered_no)


score_days = st.lists(
    st.tuples(st.integers(1, 14), st.integers(0, 10), st.integers(0, 10)),
    max_size=14,
    unique_by=lambda day: day[0],
)


@settings(max_examples=150)
@given(profiles, st.integers(0, 10), st.integers(0, 10), score_days)
def test_entries_answering_only_the_scores_flag_only_score_trends(
    profile, pain, tired, days
):
    entry = EntryData(TODAY, pain, tired)
    history = [EntryData(TODAY - dt.timedelta(days=d), p, t) for d, p, t in days]
    flagged = set(evaluate(profile, entry, history).conditions)
    assert flagged <= {"uncontrolled_pain", "fatigue"}
    assert evaluate(profile, entry, []).level == "none"


@settings(max_examples=50)
@given(cases, answers)
def test_answers_on_earlier_days_that_no_rule_reads_change_nothing(case, other):
    profile, entry, history = case
    unread = {code: v for code, v in other.items() if code not in HISTORY_CODES}
    noisy = [dataclasses.replace(e, **unread) for e in history]
    assert evaluate(profile, entry, noisy) == evaluate(profile, entry, history)
