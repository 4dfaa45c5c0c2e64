"""Each patient's caseload figures: defined here, stored in CaseloadFigures.

The definition is one annotated QuerySet of patients (`computed`): per
patient a set of correlated subqueries on indexed columns (DailyEntry's
unique (patient, entry_date), Flag's entry key). Sorting a whole team by
them ran those subqueries for every patient on every page, so the figures
are stored instead, one row per patient, for the day `as_of`:

- every write that can change them (an entry saved, a flag raised, withdrawn
  or acknowledged) calls `refresh_patient` in its own transaction (the
  services in diary.services);
- the figures also move with the date alone (today's level, the periods of
  the last 14 and 28 days), so `current` first recomputes the rows of the
  patients asked for whose `as_of` is not today: the first caseload page of
  a day pays once for the team (or `manage.py refresh_caseload_figures`
  does, after midnight).

A recompute locks the rows it will write before it computes them (see
`_store`), so a save committed while it runs is never overwritten with older
figures.

Days filled in follow diary.completion, the rule of the diary PDF: the days
of the last 14 (or 28), today included, counted from the diary's first entry
when it began within them. A patient with no entry yet counts all N days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import NotSupportedError, transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.db.models.signals import post_save
from django.utils import timezone

from accounts.models import PatientProfile, User
from diary.completion import last_days
from diary.models import CaseloadFigures, DailyEntry, Flag
from diary.models.figures import COMPLETION_DAYS, completion_rate
from diary.models.levels import NO_LEVEL_RANK, level_rank_expression

OPEN_LEVEL_DAYS = 7  # an open flag this recent still sets the caseload's level
BATCH = 2000  # patients computed and written per statement in a recompute

FIELDS = (
    "began",
    "last_entry",
    "today_level",
    "level_rank",
    "open_level_date",
    "open_flags",
    *(f"{name}_{days}" for days in COMPLETION_DAYS for name in ("filled", "counted")),
    "sort_name",
)


def current(
    patients: QuerySet[PatientProfile], today: dt.date
) -> QuerySet[PatientProfile]:
    """`patients` with their stored figures as annotations (FIELDS, and the
    alias `rate_N` = filled_N / counted_N to sort by), recomputed first for
    those whose figures are not of `today`."""
    refresh_stale(patients, today)
    return with_rates(
        patients.annotate(**{name: F(f"caseload_figures__{name}") for name in FIELDS})
    )


def refresh_patient(patient: PatientProfile) -> None:
    """Recompute the patient's figures for today (after a write of hers, in
    its transaction)."""
    _store(CaseloadFigures.objects.filter(patient=patient), _today())


def refresh_stale(patients: QuerySet[PatientProfile], today: dt.date) -> int:
    """Recompute the figures of `patients` not yet of `today`; how many.

    Once the day's are done this is one read of the as_of index: no write,
    so no lock, on every page of the day."""
    stale = CaseloadFigures.objects.filter(
        patient__in=patients.values("pk"), as_of__lt=today
    )
    if not stale.exists():
        return 0
    _add_missing_rows(patients)
    return _store(stale, today)


def _add_missing_rows(patients: QuerySet[PatientProfile]) -> None:
    """A row for any of `patients` who has none (a profile written around
    its post_save, as a bulk load does), once a day with the recompute: the
    caseload lists patients through their rows (nurse.caseload.listed), and
    one without would be left out of it."""
    missing = patients.filter(caseload_figures__isnull=True).values_list(
        "pk", flat=True
    )
    CaseloadFigures.objects.bulk_create(
        [placeholder(pk) for pk in missing], ignore_conflicts=True
    )


@transaction.atomic(savepoint=False)
def _store(rows: QuerySet[CaseloadFigures], today: dt.date) -> int:
    """Lock `rows`, then compute and write them.

    Locked first, so the figures are computed from everything committed
    before, and a save of the same patient meanwhile waits for this commit
    and then writes its own, newer ones over them (never the reverse).
    SQLite has no row locks, but its transactions begin IMMEDIATE (ADR
    0011): the recompute holds the database's write lock from its start, so
    a save there waits for it too (SQLite is the development database)."""
    ids = list(
        rows.select_for_update().order_by("pk").values_list("patient_id", flat=True)
    )
    for start in range(0, len(ids), BATCH):
        batch = PatientProfile.objects.filter(pk__in=ids[start : start + BATCH])
        values = computed(batch, today).values("pk", *FIELDS)
        CaseloadFigures.objects.bulk_create(
            [CaseloadFigures(patient_id=v.pop("pk"), as_of=today, **v) for v in values],
            update_conflicts=True,
            unique_fields=["patient"],
            update_fields=["as_of", *FIELDS],
        )
    return len(ids)


def placeholder(patient_id: int) -> CaseloadFigures:
    """The row of a patient whose figures were never computed: older than any
    day, so the next refresh computes it. Every patient has one (her
    profile's post_save; seed_bench and the migration make their own)."""
    zeros = {name: 0 for name in FIELDS if name.startswith(("filled", "counted"))}
    return CaseloadFigures(
        patient_id=patient_id,
        as_of=dt.date.min,
        level_rank=NO_LEVEL_RANK,
        open_flags=0,
        **zeros,
    )


def _add_placeholder(
    sender: type[PatientProfile], instance: PatientProfile, created: bool, **_: Any
) -> None:
    if created:
        placeholder(instance.pk).save(force_insert=True)


def _copy_name(
    sender: type[User], instance: User, update_fields: Any = None, **_: Any
) -> None:
    """Her name as the sorts' tie-break follows her name at once, not at the
    next recompute (a corrected name would sort in its old place all day)."""
    if instance.is_patient and (update_fields is None or "full_name" in update_fields):
        CaseloadFigures.objects.filter(patient__user=instance).update(
            sort_name=instance.full_name
        )


def connect_signals() -> None:
    """A new patient gets her (not yet computed) figures row with her profile,
    and her row's sort name follows her user's (accounts may not import
    diary, so the diary listens)."""
    post_save.connect(
        _add_placeholder, sender=PatientProfile, dispatch_uid="diary.figures.row"
    )
    post_save.connect(_copy_name, sender=User, dispatch_uid="diary.figures.name")


def _today() -> dt.date:
    return timezone.localdate()


def with_rates(patients: QuerySet[PatientProfile]) -> QuerySet[PatientProfile]:
    return patients.alias(
        **{f"rate_{days}": completion_rate(days) for days in COMPLETION_DAYS}
    )


def _rank(field: str) -> Case:
    """The level's rank (clinical.levels); NO_LEVEL_RANK when not logged."""
    return level_rank_expression(field, default=NO_LEVEL_RANK)


def computed(
    patients: QuerySet[PatientProfile], today: dt.date
) -> QuerySet[PatientProfile]:
    """The definition: `patients` annotated with FIELDS as of `today`.

    level_rank is the higher of today's level and the highest open flag of
    the last OPEN_LEVEL_DAYS days, so yesterday's unacknowledged red still
    reads red today; open_level_date is the newest day with that open flag
    (NULL when today's own entry sets the level).
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
    patients = patients.annotate(
        last_entry=Subquery(entries.order_by("-entry_date").values("entry_date")[:1]),
        today_level=Subquery(entries.filter(entry_date=today).values("level")[:1]),
        open_flags=Coalesce(Subquery(open_flags), Value(0)),
        open_rank=Coalesce(
            Subquery(recent_open.values("rank")[:1]), Value(NO_LEVEL_RANK)
        ),
        open_date=Subquery(recent_open.values("entry__entry_date")[:1]),
        today_rank=_rank("today_level"),
        sort_name=F("user__full_name"),
    ).annotate(
        level_rank=Greatest("today_rank", "open_rank"),
        open_level_date=Case(
            When(open_rank__gt=F("today_rank"), then=F("open_date")),
            default=None,
            output_field=DateField(),
        ),
    )
    return _with_completion(patients, today)


def _with_completion(
    patients: QuerySet[PatientProfile], today: dt.date
) -> QuerySet[PatientProfile]:
    """Add `began` (the first entry, ever) and, per period N of COMPLETION_DAYS,
    `filled_N` (days with an entry in the last N, today included) and
    `counted_N` (N, or the days since the diary began within them)."""
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
        )
    return patients


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
