"""CaseloadFigures: each patient's caseload figures as of a day, stored.

The caseload sorts and filters every patient of a team by these figures
(level, last entry, days filled in); worked out per request they cost a set
of subqueries for every patient of the team before 25 are kept (0.9 s at
10,000 patients on PostgreSQL). diary.figures defines them, keeps this row
current after every write and recomputes the rows of a day gone by.
"""

from __future__ import annotations

from django.db import models
from django.db.models import DateField, F, FloatField, Func, Value
from django.db.models.functions import Cast, NullIf

from accounts.models import PatientProfile

COMPLETION_DAYS = (14, 28)  # the caseload's "days filled in" periods


def completion_rate(days: int) -> models.Expression:
    """The share of the last `days` days filled in, as the caseload sorts by
    it: the same expression in the index and in the query, or PostgreSQL
    does not use the one for the other. NULL for a row not computed yet
    (a placeholder counts 0 days), which PostgreSQL would otherwise refuse
    to index as a division by zero."""
    return Cast(F(f"filled_{days}"), FloatField()) / NullIf(
        F(f"counted_{days}"), Value(0)
    )


class QuietSince(Func):
    """The last entry, or the first day of the calendar for a patient who
    never logged: "not logged for N days or more" is then one range of it,
    with "never" first in the longest-quiet sort, both read from one index.

    The day is written into the SQL, not passed as a parameter: SQLite uses
    an index on an expression only for the same expression, and a parameter
    is not the same as the index's literal."""

    template = "COALESCE(%(expressions)s, '0001-01-01')"
    arity = 1
    output_field = DateField()


def _sort_index(first: models.Expression, *then: str, name: str) -> models.Index:
    """An index in the order of one caseload sort, ending with its tie-breaks
    (the name, then the patient), so a page of a whole team reads its 25
    rows from the index instead of sorting the team (docs/performance.md)."""
    return models.Index(
        first, *(F(field) for field in then), F("sort_name"), F("patient"), name=name
    )


class CaseloadFigures(models.Model):
    patient = models.OneToOneField(
        PatientProfile,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="caseload_figures",
    )
    # The day the figures below are for: "today" and the periods end on it.
    as_of = models.DateField()
    began = models.DateField(null=True)  # the diary's first entry
    last_entry = models.DateField(null=True)
    # NULL: no entry that day, as the defining subquery gives it.
    today_level = models.CharField(max_length=5, null=True)  # noqa: DJ001
    # The higher of today's level and of the open flags of the last days
    # (diary.figures.OPEN_LEVEL_DAYS); NO_LEVEL_RANK when neither.
    level_rank = models.SmallIntegerField()
    open_level_date = models.DateField(null=True)
    open_flags = models.PositiveIntegerField()
    filled_14 = models.PositiveSmallIntegerField()
    counted_14 = models.PositiveSmallIntegerField()
    filled_28 = models.PositiveSmallIntegerField()
    counted_28 = models.PositiveSmallIntegerField()
    # The patient's full name (her user's), copied as the sorts' tie-break so
    # that each sort is one index of this table; pages show the user's own.
    # Kept by every recompute and when her name is saved (diary.figures).
    sort_name = models.CharField(max_length=200, default="")

    class Meta:
        verbose_name_plural = "caseload figures"
        indexes = [
            # The stale rows of a new day are found by this.
            models.Index(fields=["as_of"], name="figures_as_of"),
            # The queue's "not logged for 3 days" list and the caseload's
            # "not logged for longest" sort and filter.
            _sort_index(QuietSince("last_entry"), name="figures_by_quiet_since"),
            _sort_index(F("level_rank").desc(), name="figures_by_level"),
            _sort_index(F("open_flags").desc(), name="figures_by_open_flags"),
            *(
                _sort_index(
                    completion_rate(days),
                    f"filled_{days}",
                    name=f"figures_by_completion_{days}",
                )
                for days in COMPLETION_DAYS
            ),
        ]

    def __str__(self) -> str:
        return f"figures of patient {self.patient_id} as of {self.as_of}"
