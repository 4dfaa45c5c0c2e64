"""The database orders levels exactly as clinical.levels does."""

from __future__ import annotations

from clinical.levels import LEVELS, rank
from diary.models import DailyEntry
from diary.models.levels import NO_LEVEL_RANK, level_rank_expression
from tests.factories import days_ago, make_entry, make_patient


def test_the_database_ranks_every_level_as_the_rules_do(db):
    patient = make_patient()
    for n, level in enumerate(LEVELS):
        DailyEntry.objects.filter(pk=make_entry(patient, days_ago(n)).pk).update(
            level=level
        )
    ranked = DailyEntry.objects.annotate(r=level_rank_expression()).order_by("-r")
    assert [(e.level, e.r) for e in ranked] == [
        (level, rank(level)) for level in reversed(LEVELS)
    ]


def test_an_unknown_level_takes_the_default_rank(db):
    patient = make_patient()
    DailyEntry.objects.filter(pk=make_entry(patient).pk).update(level="")
    entry = DailyEntry.objects.annotate(
        r=level_rank_expression(default=NO_LEVEL_RANK)
    ).get()
    assert entry.r == NO_LEVEL_RANK < rank("none")
