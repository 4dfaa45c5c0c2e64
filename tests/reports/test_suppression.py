"""Small numbers: 1-4 hidden, and no total or rate that gives them away."""

from __future__ import annotations

import pytest

from diary.reports import suppression as sup


@pytest.mark.parametrize(("n", "shown"), [(0, "0"), (1, "<5"), (4, "<5"), (5, "5")])
def test_a_count_from_1_to_4_shows_as_under_5(n, shown):
    assert sup.count(n).text == shown


def test_a_total_is_hidden_when_any_of_its_cells_is():
    cells, total = sup.group([7, 3, 0])
    assert [c.text for c in cells] == ["7", "<5", "0"]
    assert total.text == "suppressed" and total.value is None


def test_a_total_of_unsuppressed_cells_is_shown():
    cells, total = sup.group([7, 5, 0])
    assert total.text == "12"


def test_a_rate_from_fewer_than_5_or_with_a_numerator_from_1_to_4_is_hidden():
    assert sup.rate(4, 4).text == "suppressed"
    assert sup.rate(3, 50).text == "suppressed"
    assert sup.rate(0, 50).text == "0.0%"
    assert sup.rate(5, 20).text == "25.0%"
    assert sup.rate(0, 0).text == "–"


def test_a_median_of_fewer_than_5_waits_is_hidden():
    assert sup.statistic(2.0, 4, "h").text == "suppressed"
    assert sup.statistic(2.0, 5, "h").text == "2.0 h"
