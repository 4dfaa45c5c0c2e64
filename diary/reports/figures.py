"""The service report's figures for one team, per calendar month, counted in
the database: one grouped query per figure over the whole range, and one per
month for the pain figure (a count of patients over a per-patient count).

Every figure is defined in docs/service-report.md; the names here follow it.
A patient belongs to her team of today (PatientProfile.team); an entry, and
the flags raised on it, to the month of its diary day; a referral to the month
it was recorded in (its acknowledgement's time, in the site's time zone).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractDay, TruncMonth
from django.utils import timezone

from accounts.models import PatientProfile, Team
from clinical.levels import URGENT, Level, rank
from diary.models import DailyEntry, Flag, FlagQuerySet, Referral
from diary.reports.months import Month, months_between

PAIN_CONDITION = "uncontrolled_pain"
PAIN_DAYS = 3
RED_TARGET = dt.timedelta(hours=1)
AMBER_TARGET = dt.timedelta(hours=24)


@dataclass
class MonthFigures:
    month: Month
    patients_active: int = 0
    entries: int = 0
    # Days the active patients' diaries could have been filled in (the
    # completion rule of diary/completion.py): the completion rate's denominator.
    expected_days: int = 0
    urgent_entries: int = 0  # entries whose level is amber or red
    flags_by_condition: dict[str, int] = field(default_factory=dict)
    reds: int = 0
    reds_in_time: int = 0
    ambers: int = 0
    ambers_in_time: int = 0
    acknowledged: int = 0  # amber and red flags acknowledged: the waits' count
    median_wait_hours: float | None = None
    p90_wait_hours: float | None = None
    pain_patients: int = 0
    pain_patients_referred: int = 0
    referrals_by_kind: dict[str, int] = field(default_factory=dict)


def team_report(
    team: Team, first: Month, last: Month, today: dt.date | None = None
) -> list[MonthFigures]:
    today = today or timezone.localdate()
    months = months_between(first, last)
    report = {str(m): MonthFigures(m) for m in months}
    _add_entries(report, team, first, last, today)
    _add_flags_by_condition(report, team, first, last)
    _add_waits(report, team, first, last)
    _add_referrals(report, team, first, last)
    for month in months:
        _add_pain(report[str(month)], team)
    return list(report.values())


def month_key(date_field: str) -> models.Func:
    """A date's month, grouped on in SQL: date_trunc on PostgreSQL (to_char
    per row is twice as slow); on SQLite the "YYYY-MM" prefix of the stored
    date, since its TruncMonth is a Python function called once per row
    (0.75 s over a year of 1,000 diaries). _key makes both a Month's str."""
    if connection.vendor == "postgresql":
        return TruncMonth(date_field, output_field=models.DateField())
    return models.Func(
        F(date_field),
        template="substr(%(expressions)s, 1, 7)",
        output_field=models.CharField(),
    )


def _key(month: dt.date | str) -> str:
    return month if isinstance(month, str) else str(Month.of(month))


def _team_entries(team: Team, first: Month, last: Month) -> models.QuerySet[DailyEntry]:
    return DailyEntry.objects.filter(
        patient__team=team, entry_date__range=(first.start, last.end)
    )


def _team_flags(team: Team, first: Month, last: Month) -> FlagQuerySet:
    return Flag.objects.current().filter(
        entry__patient__team=team,
        entry__entry_date__range=(first.start, last.end),
    )


def _add_entries(
    report: dict[str, MonthFigures],
    team: Team,
    first: Month,
    last: Month,
    today: dt.date,
) -> None:
    rows = (
        _team_entries(team, first, last)
        .annotate(month=month_key("entry_date"))
        .values("month")
        .annotate(entries=Count("pk"), urgent=Count("pk", filter=Q(level__in=URGENT)))
    )
    for row in rows:
        figures = report[_key(row["month"])]
        figures.entries = row["entries"]
        figures.urgent_entries = row["urgent"]
    for month, patients in _patients_active(team, first, last):
        figures = report[_key(month)]
        figures.patients_active = patients
        days = (figures.month.counted_end(today) - figures.month.start).days + 1
        figures.expected_days = patients * days
    # A diary that began within a month does not count the days before it
    # (diary/completion.py): take them off, summed in the database.
    began = Subquery(
        DailyEntry.objects.filter(patient=OuterRef("pk"))
        .order_by("entry_date")
        .values("entry_date")[:1]
    )
    late_starts = (
        PatientProfile.objects.filter(team=team)
        .annotate(began=began)
        .filter(began__range=(first.start, last.end))
        .annotate(month=month_key("began"))
        .values("month")
        .annotate(skipped=Sum(ExtractDay("began") - 1))
    )
    for late in late_starts:
        report[_key(late["month"])].expected_days -= late["skipped"]


def _patients_active(
    team: Team, first: Month, last: Month
) -> list[tuple[dt.date | str, int]]:
    """(month, patients with an entry in it). Counted over the distinct
    (month, patient) pairs rather than COUNT(DISTINCT patient), which sorts
    the whole range's entries: 0.8 s of 2.5 s at 10,000 patients on PostgreSQL."""
    pairs = (
        _team_entries(team, first, last)
        .annotate(month=month_key("entry_date"))
        .values("month", "patient")
        .order_by()
        .distinct()
    )
    sql, params = pairs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pairs.month, COUNT(*) FROM ({sql}) pairs GROUP BY pairs.month",  # noqa: S608  # Django's own SQL, with params
            params,
        )
        return list(cursor.fetchall())


def _add_flags_by_condition(
    report: dict[str, MonthFigures], team: Team, first: Month, last: Month
) -> None:
    rows = (
        _team_flags(team, first, last)
        .annotate(month=month_key("entry__entry_date"))
        .values("month", "condition")
        .annotate(flags=Count("pk"))
    )
    for row in rows:
        report[_key(row["month"])].flags_by_condition[row["condition"]] = row["flags"]


def _add_waits(
    report: dict[str, MonthFigures], team: Team, first: Month, last: Month
) -> None:
    acked_at = F("acknowledgement__created_at")
    shown_red = Q(shown_rank=rank(Level.RED))
    flags = (
        _team_flags(team, first, last)
        .filter(level__in=URGENT)
        .with_shown_rank()
        .annotate(month=month_key("entry__entry_date"))
    )
    rows = flags.values("month").annotate(
        reds=Count("pk", filter=shown_red),
        reds_in_time=Count(
            "pk",
            filter=shown_red
            & Q(acknowledgement__created_at__lte=F("created_at") + RED_TARGET),
        ),
        ambers=Count("pk", filter=~shown_red),
        ambers_in_time=Count(
            "pk",
            filter=~shown_red
            & Q(acknowledgement__created_at__lte=F("created_at") + AMBER_TARGET),
        ),
        acknowledged=Count("pk", filter=Q(acknowledgement__isnull=False)),
    )
    for row in rows:
        figures = report[_key(row["month"])]
        for name in ("reds", "reds_in_time", "ambers", "ambers_in_time"):
            setattr(figures, name, row[name])
        figures.acknowledged = row["acknowledged"]
    waited = flags.filter(acknowledgement__isnull=False).annotate(
        wait=models.ExpressionWrapper(
            acked_at - F("created_at"), output_field=models.DurationField()
        )
    )
    for month, median, p90 in _wait_percentiles(waited):
        report[_key(month)].median_wait_hours = median
        report[_key(month)].p90_wait_hours = p90


class PercentileCont(models.Aggregate):
    """PostgreSQL's PERCENTILE_CONT(fraction) WITHIN GROUP (ORDER BY x)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = models.FloatField()

    def __init__(self, expression: Any, fraction: float) -> None:
        super().__init__(expression, fraction=float(fraction))


class EpochSeconds(models.Func):
    template = "EXTRACT(EPOCH FROM %(expressions)s)"
    output_field = models.FloatField()


def _wait_percentiles(
    waited: models.QuerySet[Flag],
) -> Iterable[tuple[dt.date | str, float, float]]:
    """(month, median hours, 90th percentile hours) of the waits."""
    if connection.vendor == "postgresql":
        seconds = EpochSeconds(F("wait"))
        rows = waited.values("month").annotate(  # type: ignore[misc]  # annotations stubs cannot see
            median=PercentileCont(seconds, 0.5), p90=PercentileCont(seconds, 0.9)
        )
        for row in rows:
            yield row["month"], row["median"] / 3600, row["p90"] / 3600
        return
    # The development fallback (SQLite has no PERCENTILE_CONT): the database
    # sorts the waits, this interpolates exactly as PERCENTILE_CONT does. Only
    # the acknowledged amber and red flags of one team come back.
    by_month: dict[dt.date | str, list[float]] = defaultdict(list)
    ordered = waited.order_by("month", "wait")  # type: ignore[misc]  # annotations
    for month, wait in ordered.values_list("month", "wait"):  # type: ignore[misc]  # annotations
        by_month[month].append(wait.total_seconds() / 3600)
    for month, hours in by_month.items():
        yield month, percentile_cont(hours, 0.5), percentile_cont(hours, 0.9)


def percentile_cont(ordered: Sequence[float], fraction: float) -> float:
    """PERCENTILE_CONT's linear interpolation over sorted values."""
    position = fraction * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _add_referrals(
    report: dict[str, MonthFigures], team: Team, first: Month, last: Month
) -> None:
    rows = (
        Referral.objects.filter(
            acknowledgement__flag__entry__patient__team=team,
            acknowledgement__created_at__gte=_start_of(first.start),
            acknowledgement__created_at__lt=_start_of(last.end + dt.timedelta(days=1)),
        )
        .annotate(
            month=TruncMonth(
                "acknowledgement__created_at", output_field=models.DateField()
            )
        )
        .values("month", "kind")
        .annotate(referrals=Count("pk"))
    )
    for row in rows:
        report[_key(row["month"])].referrals_by_kind[row["kind"]] = row["referrals"]


def _add_pain(figures: MonthFigures, team: Team) -> None:
    """Patients with a pain flag on PAIN_DAYS or more diary days of the month,
    and how many of them had a palliative or supportive care referral recorded
    by the month's end (at any time before, not only in the month)."""
    month = figures.month
    next_day = _start_of(month.end + dt.timedelta(days=1))
    referred = Referral.objects.filter(
        kind=Referral.Kind.PALLIATIVE_CARE,
        acknowledgement__created_at__lt=next_day,
    ).values("acknowledgement__flag__entry__patient")
    # One filter() call, so the day count runs over the joined pain flags only.
    counts = (
        PatientProfile.objects.filter(
            team=team,
            entries__entry_date__range=(month.start, month.end),
            entries__flags__condition=PAIN_CONDITION,
            entries__flags__status__in=(Flag.Status.OPEN, Flag.Status.ACKNOWLEDGED),
        )
        .annotate(pain_days=Count("entries__entry_date", distinct=True))
        .filter(pain_days__gte=PAIN_DAYS)
        .aggregate(
            patients=Count("pk"), referred=Count("pk", filter=Q(pk__in=referred))
        )
    )
    figures.pain_patients = counts["patients"]
    figures.pain_patients_referred = counts["referred"]
