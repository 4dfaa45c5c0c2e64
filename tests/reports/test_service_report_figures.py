"""The service report's figures against a hand-computed answer (issue 13).

The data (tests/reports/fixed_data.py), for January and February 2026, with
"today" 15 March 2026:

January (31 days): P1-P5 began in December, so 31 days each; P6 began on
11 January, so 21 days: 176 days expected. Entries: P1-P5 two each (a red on
5 Jan, a plain day on 6 Jan), P1 three pain days (20-22 Jan), P6 three
bleeding days: 16. Completion 16/176 = 9.1%. Amber or red: 5 red + 3 bleeding
+ 3 pain = 11 of 16 = 68.75%. Flags: mscc 5, bleeding 3 (<5), pain 3 (<5),
so the total (11) is suppressed. Waits (hours) of the 10 acknowledged:
0.5, 0.75, 0.83, 1, 2, 3, 10, 20, 30, 48: median (2 + 3) / 2 = 2.5; 90th
percentile 30 + 0.1 x (48 - 30) = 31.8. Reds within 1 hour: 3 of 5 (60%,
suppressed: 3 is from 1 to 4). Ambers within 24 hours: 10 h, 20 h and 1 h of
6, one pain flag still open (50%, suppressed likewise). Pain on 3 or more
days: P1 only (<5), referred (<5), share suppressed.
Referrals: 5 MSCC coordinator, 1 palliative care (<5): total suppressed.

February (28 days): P1-P5 28 days each, P7 began on 20 Feb: 9 days; 149 days.
Entries: P1-P5 four each, P7 one: 21. Completion 21/149 = 14.1%. Amber or
red: 15 of 21 = 71.4%. Flags: pain 15, total 15. Waits: fifteen of 2 hours:
median and 90th percentile 2.0. No reds; ambers within 24 hours 15/15.
Pain on 3 or more days: P1-P5 = 5, all referred by February's end (P1 in
January): 5, 100%. Referrals: palliative care 5, total 5.
"""

from __future__ import annotations

import datetime as dt

import pytest

from diary.reports import sections, team_report
from diary.reports.figures import percentile_cont
from tests.factories import days_ago, make_patient, make_team
from tests.nurse.helpers import red_entry, two_amber_entry
from tests.reports.fixed_data import FEBRUARY, JANUARY, TODAY, build

EXPECTED = {
    "Patients active": ["6", "6"],
    "Entries": ["16", "21"],
    "Completion rate": ["9.1%", "14.1%"],
    "Entries raising amber or red (PRO-TECT reference 34%)": ["68.8%", "71.4%"],
    "Possible spinal cord compression": ["5", "0"],
    "Unexplained bleeding or bruising": ["<5", "0"],
    "Pain that is not under control": ["<5", "15"],
    "Possible infection": ["0", "0"],
    "All flags": ["suppressed", "15"],
    "Median wait": ["2.5 h", "2.0 h"],
    "90th percentile wait": ["31.8 h", "2.0 h"],
    # 3 of 5 and 3 of 6: a numerator from 1 to 4 hides the rate.
    "Reds acknowledged within 1 hour": ["suppressed", "–"],
    "Ambers acknowledged within 24 hours": ["suppressed", "100.0%"],
    "Patients with pain flags on 3 or more days": ["<5", "5"],
    "of whom referred to palliative or supportive care": ["<5", "5"],
    "Share referred": ["suppressed", "100.0%"],
    "Palliative care or supportive care": ["<5", "5"],
    "Specialist pain team": ["0", "0"],
    "Acute oncology": ["0", "0"],
    "MSCC coordinator": ["5", "0"],
    "GP": ["0", "0"],
    "All referrals": ["suppressed", "5"],
}


def shown(team) -> dict[str, list[str]]:
    report = team_report(team, JANUARY, FEBRUARY, today=TODAY)
    return {
        row.label: [cell.text for cell in row.cells]
        for section in sections(report)
        for row in section.rows
    }


@pytest.fixture
def fixed_team(team, nurse):
    build(team, nurse)
    return team


def test_every_figure_equals_the_hand_computed_answer(fixed_team):
    table = shown(fixed_team)
    for label, expected in EXPECTED.items():
        assert table[label] == expected, label


def test_the_raw_figures_behind_the_suppressed_cells(fixed_team):
    january, february = team_report(fixed_team, JANUARY, FEBRUARY, today=TODAY)
    assert january.expected_days == 176 and february.expected_days == 149
    assert january.flags_by_condition == {
        "mscc": 5,
        "bleeding": 3,
        "uncontrolled_pain": 3,
    }
    assert (january.reds, january.reds_in_time) == (5, 3)
    assert (january.ambers, january.ambers_in_time, january.acknowledged) == (6, 3, 10)
    assert (january.pain_patients, january.pain_patients_referred) == (1, 1)
    assert january.referrals_by_kind == {"mscc_coordinator": 5, "palliative_care": 1}


def test_another_teams_patients_are_not_counted(fixed_team):
    before = shown(fixed_team)
    red_entry(make_patient(make_team("Elsewhere")), JANUARY.start)
    assert shown(fixed_team) == before


def test_a_withdrawn_flag_is_not_counted_though_its_entry_is(fixed_team):
    before = shown(fixed_team)
    withdrawn = red_entry(make_patient(fixed_team), JANUARY.start + dt.timedelta(2))
    withdrawn.flags.withdraw()
    after = shown(fixed_team)
    assert after["Entries"] == ["17", "21"]
    mscc = "Possible spinal cord compression"
    assert after[mscc] == before[mscc] == ["5", "0"]
    assert after["Reds acknowledged within 1 hour"] == ["suppressed", "–"]


def test_a_month_still_running_counts_its_days_up_to_today(team):
    patient = make_patient(team)
    for n in range(5):
        red_entry(patient, days_ago(n))
    today = days_ago(0)
    [month] = team_report(team, JANUARY.of(today), JANUARY.of(today), today=today)
    began_this_month = days_ago(4) >= JANUARY.of(today).start
    first = days_ago(4) if began_this_month else JANUARY.of(today).start
    assert month.expected_days == (today - first).days + 1


def test_percentile_cont_interpolates_like_postgresql():
    assert percentile_cont([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile_cont([0.0, 10.0], 0.9) == 9.0
    assert percentile_cont([7.0], 0.9) == 7.0


def test_ambers_on_an_entry_two_ambers_made_red_count_as_reds(team, nurse):
    """As the queue shows them (UKONS: two ambers mean red)."""
    patient = make_patient(team)
    flags = two_amber_entry(patient, JANUARY.start).flags.all()
    assert [f.level for f in flags] == ["amber", "amber"]
    [january] = team_report(team, JANUARY, JANUARY, today=TODAY)
    assert (january.reds, january.ambers) == (2, 0)
