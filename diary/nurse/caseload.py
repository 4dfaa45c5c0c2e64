"""The nurse's caseload as one annotated QuerySet, and its sparklines in one query.

Every per-patient figure is a correlated subquery on an indexed column
(DailyEntry's unique (patient, entry_date), Flag's entry key), so a page costs
the same number of queries whatever the size of the caseload.

Days filled in follow diary.completion, the rule of the diary PDF: the days of
the last 14 (or 28), today included, counted from the diary's first entry
when it began within them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import NotSupportedError
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest

from accounts.models import PatientProfile, User
from clinical.levels import LEVELS, rank
from diary.access import patients_for_nurse
from diary.charts import DayPoint, daily_series
from diary.completion import Completion, counted, last_days
from diary.models import DailyEntry, Flag
from diary.models.levels import NO_LEVEL_RANK, level_rank_expression

SPARKLINE_DAYS = 14
QUIET_DAYS = 3  # "not logged for 3 or more days" on the triage queue
OPEN_LEVEL_DAYS = 7  # an open flag this recent still sets the caseload's level
COMPLETION_DAYS = (14, 28)  # the caseload's "days filled in" periods

ORDERINGS: dict[str, list[Any]] = {
    "name": ["user__full_name", "pk"],
    "level": ["-level_rank", "user__full_name", "pk"],
    "open_flags": ["-open_flags", "user__full_name", "pk"],
    "quiet": [F("last_entry").asc(nulls_first=True), "user__full_name", "pk"],
    # The lowest share of counted days first (with_completion's rate_N).
    **{
        f"completion_{days}": [
            F(f"rate_{days}").asc(),
            f"filled_{days}",
            "user__full_name",
            "pk",
        ]
        for days in COMPLETION_DAYS
    },
}


def _rank(field: str) -> Case:
    """The level's rank (clinical.levels); NO_LEVEL_RANK when not logged."""
    return level_rank_expression(field, default=NO_LEVEL_RANK)


def annotated(user: User, today: dt.date) -> QuerySet[PatientProfile]:
    """The nurse's patients with last_entry, today_level, open_flags and level_rank.

    level_rank is the higher of today's level and the highest open flag of the
    last OPEN_LEVEL_DAYS days, so yesterday's unacknowledged red still reads
    red today; open_level_date is the newest day with that open flag (NULL when
    today's own entry sets the level).
    """
    entries = DailyEntry.objects.filter(patient=OuterRef("pk"))
    open_flags = (
        Flag.objects.open()
        .filter(entry__patient=OuterRef("pk"))
        .values("entry__patient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    recent_open = (
        Flag.objects.open()
        .filter(
            entry__patient=OuterRef("pk"),
            entry__entry_date__gte=today - dt.timedelta(days=OPEN_LEVEL_DAYS - 1),
            entry__entry_date__lte=today,
        )
        .annotate(rank=_rank("level"))
        .order_by("-rank", "-entry__entry_date")
    )
    return (
        patients_for_nurse(user)
        .select_related("user")
        .annotate(
            last_entry=Subquery(
                entries.order_by("-entry_date").values("entry_date")[:1]
            ),
            today_level=Subquery(entries.filter(entry_date=today).values("level")[:1]),
            open_flags=Coalesce(Subquery(open_flags), Value(0)),
            open_rank=Coalesce(
                Subquery(recent_open.values("rank")[:1]), Value(NO_LEVEL_RANK)
            ),
            open_date=Subquery(recent_open.values("entry__entry_date")[:1]),
            today_rank=_rank("today_level"),
        )
        .annotate(
            level_rank=Greatest("today_rank", "open_rank"),
            open_level_date=Case(
                When(open_rank__gt=F("today_rank"), then=F("open_date")),
                default=None,
                output_field=DateField(),
            ),
        )
    )


class DaysBetween(Func):
    """Whole days from the second date to the first. SQL has no portable date
    subtraction that gives a number, so each supported database has its own."""

    arity = 2
    output_field = IntegerField()

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra: Any,
    ) -> tuple[str, Any]:
        raise NotSupportedError(f"DaysBetween has no SQL for {connection.vendor}")

    def as_sqlite(
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, Any]:
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, Any]:
        # date - date is an integer number of days in PostgreSQL.
        return super().as_sql(
            compiler,
            connection,
            template="(%(expressions)s)",
            arg_joiner=" - ",
            **extra,
        )


def with_completion(
    patients: QuerySet[PatientProfile], today: dt.date
) -> QuerySet[PatientProfile]:
    """Add `began` (the first entry, ever) and, per period N of COMPLETION_DAYS,
    `filled_N` (days with an entry in the last N, today included) and
    `counted_N` (N, or the days since the diary began within them), with the
    alias `rate_N` = filled_N / counted_N to sort by.

    A patient with no entry yet counts all N days, as the diary PDF does.
    """
    entries = DailyEntry.objects.filter(patient=OuterRef("pk"))
    patients = patients.annotate(
        began=Subquery(entries.order_by("entry_date").values("entry_date")[:1])
    )
    for days in COMPLETION_DAYS:
        start, end = last_days(today, days)
        filled = (
            entries.between(start, end)
            .values("patient")
            .annotate(n=Count("pk"))
            .values("n")
        )
        since_began = DaysBetween(Value(end, DateField()), F("began")) + Value(1)
        patients = patients.annotate(
            **{
                f"filled_{days}": Coalesce(Subquery(filled), Value(0)),
                f"counted_{days}": Case(
                    When(began__gt=start, began__lte=end, then=since_began),
                    default=Value(days),
                    output_field=IntegerField(),
                ),
            }
        ).alias(
            **{
                f"rate_{days}": Cast(F(f"filled_{days}"), FloatField())
                / F(f"counted_{days}")
            }
        )
    return patients


def filled_fewer_than(
    patients: QuerySet[PatientProfile], fewer: int, days: int
) -> QuerySet[PatientProfile]:
    """Filled in on fewer than `fewer` of the last `days` days (with_completion).

    A diary that began within them is held to the same share of the days
    since it began (fewer than 7 of 14 is under half), so a new patient is
    not listed for days before her diary; one with no entry yet always is.
    """
    return patients.alias(
        short=F(f"filled_{days}") * Value(days) - F(f"counted_{days}") * Value(fewer)
    ).filter(short__lt=0)


def completions(patient: PatientProfile, today: dt.date) -> list[Completion]:
    """The days filled in of each period, from with_completion's figures."""
    began = patient.began  # type: ignore[attr-defined]  # with_completion's
    return [
        completion_of(getattr(patient, f"filled_{days}"), began, today, days)
        for days in COMPLETION_DAYS
    ]


def completion_of(
    filled: int, began: dt.date | None, today: dt.date, days: int
) -> Completion:
    """The figures of one period as diary.completion counts them."""
    return counted(filled, *last_days(today, days), began)


def level(patient: PatientProfile) -> str | None:
    """The caseload's level of an annotated patient; None: not logged today and
    no open flag in the last OPEN_LEVEL_DAYS days."""
    ranked: int = patient.level_rank  # type: ignore[attr-defined]  # annotated
    return None if ranked == NO_LEVEL_RANK else LEVELS[ranked]


def search(
    patients: QuerySet[PatientProfile],
    today: dt.date,
    *,
    q: str = "",
    level: str = "",
    not_logged: int | None = None,
    filled_fewer: int | None = None,
    filled_days: int = COMPLETION_DAYS[0],
    sort: str = "name",
) -> QuerySet[PatientProfile]:
    """The filtered, sorted caseload; filtering or sorting by days filled in
    needs with_completion's figures on `patients`."""
    q = q.strip()
    if q:
        digits = "".join(q.split()).replace("-", "")
        by_nhs = Q(nhs_number__startswith=digits) if digits.isdigit() else Q()
        patients = patients.filter(Q(user__full_name__icontains=q) | by_nhs)
    if level == "not_today":
        patients = patients.filter(today_level__isnull=True)  # type: ignore[misc]  # an annotation stubs cannot see
    elif level:
        patients = patients.filter(level_rank=rank(level))  # type: ignore[misc]  # an annotation stubs cannot see
    if not_logged:
        patients = not_logged_for(patients, today, not_logged)
    if filled_fewer:
        patients = filled_fewer_than(patients, filled_fewer, filled_days)
    return patients.order_by(*ORDERINGS.get(sort, ORDERINGS["name"]))


def not_logged_for(
    patients: QuerySet[PatientProfile], today: dt.date, days: int
) -> QuerySet[PatientProfile]:
    """Last entry `days` or more days ago, or no entry at all."""
    cutoff = today - dt.timedelta(days=days)
    return patients.filter(Q(last_entry__lte=cutoff) | Q(last_entry__isnull=True))


def days_since(patient: PatientProfile, today: dt.date) -> int | None:
    last: dt.date | None = patient.last_entry  # type: ignore[attr-defined]  # annotated
    return (today - last).days if last else None


def sparkline_series(
    patient_ids: Iterable[int], today: dt.date, days: int = SPARKLINE_DAYS
) -> dict[int, list[DayPoint]]:
    """Pain and fatigue per day for a page of patients, in one query."""
    ids = list(patient_ids)
    start = today - dt.timedelta(days=days - 1)
    rows = (
        DailyEntry.objects.filter(patient_id__in=ids)
        .between(start, today)
        .values_list("patient_id", "entry_date", "pain_score", "fatigue_score")
    )
    points: dict[int, list[DayPoint]] = defaultdict(list)
    for patient_id, day, pain, fatigue in rows:
        points[patient_id].append(DayPoint(day, pain, fatigue))
    return {pid: daily_series(start, today, points[pid]) for pid in ids}
