"""CaseloadFigures: each patient's caseload figures as of a day, stored.

The caseload sorts and filters every patient of a team by these figures
(level, last entry, days filled in); worked out per request they cost a set
of subqueries for every patient of the team before 25 are kept (0.9 s at
10,000 patients on PostgreSQL). diary.figures defines them, keeps this row
current after every write and recomputes the rows of a day gone by.
"""

from __future__ import annotations

from django.db import models

from accounts.models import PatientProfile


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

    class Meta:
        verbose_name_plural = "caseload figures"
        indexes = [
            # The stale rows of a new day are found by this.
            models.Index(fields=["as_of"], name="figures_as_of"),
            # The queue's "not logged for 3 days" list, without reading them all.
            models.Index(fields=["last_entry"], name="figures_last_entry"),
        ]

    def __str__(self) -> str:
        return f"figures of patient {self.patient_id} as of {self.as_of}"
