"""The nurse's caseload: her patients with their stored figures, and their
sparklines in one query.

The per-patient figures (level, last entry, days filled in) are defined and
stored by diary.figures, so sorting and filtering a team by them reads one
row per patient, and a page costs the same number of queries whatever the
size of the caseload.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    F,
    Q,
    QuerySet,
    Value,
)
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accounts.models import PatientProfile, User
from clinical.levels import LEVELS, rank
from diary import figures
from diary.access import patients_for_nurse
from diary.charts import DayPoint, daily_series, series_summary, sparkline, to_svg
from diary.completion import Completion, counted, last_days
from diary.models import DailyEntry
from diary.models.figures import QuietSince
from diary.models.levels import NO_LEVEL_RANK
from diary.presenters import day_month, short_day

SPARKLINE_DAYS = 14
QUIET_DAYS = 3  # "not logged for 3 or more days" on the triage queue
COMPLETION_DAYS = figures.COMPLETION_DAYS

# Each sort by a figure ends on the name copied onto the figures row
# (sort_name) and the patient, the columns of its index there
# (CaseloadFigures.Meta), so a page reads 25 rows of that index.
ORDERINGS: dict[str, list[Any]] = {
    "name": ["user__full_name", "pk"],
    "level": ["-level_rank", "sort_name", "pk"],
    "open_flags": ["-open_flags", "sort_name", "pk"],
    # Never logged first, then the oldest last entry (QuietSince).
    "quiet": [QuietSince("last_entry").asc(), "sort_name", "pk"],
    # The lowest share of counted days first (diary.figures' rate_N).
    **{
        f"completion_{days}": [
            F(f"rate_{days}").asc(),
            f"filled_{days}",
            "sort_name",
            "pk",
        ]
        for days in COMPLETION_DAYS
    },
}


def listed(patients: QuerySet[PatientProfile]) -> QuerySet[PatientProfile]:
    """`patients` joined inner to their figures rows, which every patient has
    (diary.figures.placeholder), so that PostgreSQL may start a sorted page
    from the figures' index: through the outer join it sorted the whole team
    (10-40 ms at 10,000 patients, 0.2 ms from the index)."""
    return patients.filter(caseload_figures__isnull=False)


def annotated(user: User, today: dt.date) -> QuerySet[PatientProfile]:
    """The nurse's patients with their caseload figures of `today`
    (diary.figures.FIELDS: last_entry, today_level, open_flags, level_rank,
    open_level_date, began, filled_N and counted_N, and the alias rate_N)."""
    return figures.current(patients_for_nurse(user), today).select_related("user")


def filled_fewer_than(
    patients: QuerySet[PatientProfile], fewer: int, days: int
) -> QuerySet[PatientProfile]:
    """Filled in on fewer than `fewer` of the last `days` days.

    A diary that began within them is held to the same share of the days
    since it began (fewer than 7 of 14 is under half), so a new patient is
    not listed for days before her diary; one with no entry yet always is.
    """
    return patients.alias(
        short=F(f"filled_{days}") * Value(days) - F(f"counted_{days}") * Value(fewer)
    ).filter(short__lt=0)


def completions(patient: PatientProfile, today: dt.date) -> list[Completion]:
    """The days filled in of each period, from the stored figures."""
    began = patient.began  # type: ignore[attr-defined]  # annotated
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
    no open flag in the last figures.OPEN_LEVEL_DAYS days."""
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
    """The filtered, sorted caseload of annotated() patients."""
    q = q.strip()
    if q:
        patients = patients.filter(_matching(q))
    if level == "not_today":
        patients = patients.filter(today_level__isnull=True)  # type: ignore[misc]  # an annotation stubs cannot see
    elif level:
        patients = patients.filter(level_rank=rank(level))  # type: ignore[misc]  # an annotation stubs cannot see
    if not_logged:
        patients = not_logged_for(patients, today, not_logged)
    if filled_fewer:
        patients = filled_fewer_than(patients, filled_fewer, filled_days)
    return patients.order_by(*ORDERINGS.get(sort, ORDERINGS["name"]))


def _matching(q: str) -> Q:
    """Digits (spaced or dashed as NHS numbers are written) are the start of
    an NHS number; anything else is part of a name. Names have no digits, and
    asking for either in one OR across the profile and the user made the
    database join every patient of the team to her user before it could
    filter (70 ms for the page at 10,000 patients on PostgreSQL, 35 ms as the
    profiles alone; docs/performance.md)."""
    digits = "".join(q.split()).replace("-", "")
    if digits.isdigit():
        return Q(nhs_number__startswith=digits)
    return Q(user__full_name__icontains=q)


def not_logged_for(
    patients: QuerySet[PatientProfile], today: dt.date, days: int
) -> QuerySet[PatientProfile]:
    """Last entry `days` or more days ago, or no entry at all (a NULL
    last_entry, which QuietSince puts before any day)."""
    cutoff = today - dt.timedelta(days=days)
    # An inner join (listed), so the database can read the range from the
    # figures' quiet index.
    return (
        listed(patients)
        .alias(quiet_since=QuietSince("last_entry"))
        .filter(quiet_since__lte=cutoff)
    )


def quiet(user: User, today: dt.date) -> QuerySet[PatientProfile]:
    """The triage queue's "not logged for QUIET_DAYS days or more", longest
    first, with `last_entry`: only the columns the queue shows, not every
    figure of annotated() (building and compiling those was a tenth of the
    queue's time).

    The stored rows are read as they are, not recomputed for today first as
    the caseload's are: the last entry does not move with the date, and
    every write of an entry stores it at once (diary.services). A row never
    computed (figures.placeholder) reads "never logged": listed, not missed."""
    return (
        not_logged_for(
            patients_for_nurse(user).annotate(
                last_entry=F("caseload_figures__last_entry"),
                sort_name=F("caseload_figures__sort_name"),
            ),
            today,
            QUIET_DAYS,
        )
        .select_related("user")
        .only("user__full_name", "user__is_active")
        .order_by(*ORDERINGS["quiet"])
    )


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


@dataclass(frozen=True)
class Row:
    """One patient's row of the caseload table, its values worked out once
    (25 rows of template filters and look-ups were most of the page)."""

    name: str
    url: str
    nhs_number: str  # as displayed; "" when there is none
    invited: bool  # not signed up yet
    last_entry: str  # "4 Dec 2026"; "" when she has never logged
    last_seen: str  # "today", "yesterday", "3 days ago"
    level: str | None  # see level()
    open_level_from: str  # the day of an open flag that makes the level
    not_logged_today: bool
    open_flags: int
    completions: list[Completion]  # empty before the first entry
    began: str  # the diary's first day when it began within the longer period
    sparkline: str
    summary: str
    latest: DayPoint | None  # the last day with a pain score

    @property
    def html(self) -> SafeString:
        return row_html(self)


def rows(
    patients: Iterable[PatientProfile],
    today: dt.date,
    patient_url: Callable[[int], str],
) -> list[Row]:
    """The rows of a page of annotated() patients; `patient_url(pk)` links each."""
    page = list(patients)
    series = sparkline_series([p.pk for p in page], today)
    return [_row(p, today, series[p.pk], patient_url(p.pk)) for p in page]


def _row(
    patient: PatientProfile, today: dt.date, series: list[DayPoint], url: str
) -> Row:
    last: dt.date | None = patient.last_entry  # type: ignore[attr-defined]  # annotated
    open_from: dt.date | None = patient.open_level_date  # type: ignore[attr-defined]
    periods = completions(patient, today) if patient.began else []  # type: ignore[attr-defined]
    began = periods[1].began if len(periods) > 1 else None
    summary = series_summary(series)
    return Row(
        name=patient.user.full_name,
        url=url,
        nhs_number=patient.nhs_number_display if patient.nhs_number else "",
        invited=not patient.user.is_active,
        last_entry=f"{day_month(last)} {last.year}" if last else "",
        last_seen=_days_ago(days_since(patient, today)),
        level=level(patient),
        open_level_from=short_day(open_from) if open_from else "",
        not_logged_today=patient.today_level is None,  # type: ignore[attr-defined]
        open_flags=patient.open_flags,  # type: ignore[attr-defined]
        completions=periods,
        began=day_month(began) if began else "",
        sparkline=to_svg(
            sparkline(series),
            title=f"Pain and tiredness, last {SPARKLINE_DAYS} days",
            desc=summary,
        ),
        summary=summary,
        latest=next((d for d in reversed(series) if d.pain is not None), None),
    )


def row_html(row: Row) -> SafeString:
    """The row's <tr> as nurse/caseload.html wrote it (the same HTML, byte
    for byte: tests/nurse/test_caseload_html.py), in Python because 25 rows of
    template look-ups and filters were a tenth of the page."""
    e = escape
    name = e(row.name)
    nhs = f'<span class="nhs">NHS {e(row.nhs_number)}</span>' if row.nhs_number else ""
    invited = (
        '<span class="muted-note">Invited, not signed up yet</span>'
        if row.invited
        else ""
    )
    last = (
        f'{e(row.last_entry)}<br><span class="muted-note">{e(row.last_seen)}</span>'
        if row.last_entry
        else "Never"
    )
    latest = (
        f'<span class="muted-note">Latest: pain {row.latest.pain}, '
        f"tiredness {row.latest.fatigue}</span>"
        if row.latest
        else ""
    )
    return mark_safe(  # every value above is escaped or a number
        f'\n    <tr>\n      <th scope="row">\n        <a href="{e(row.url)}">{name}</a>'
        f"\n        {nhs}\n        {invited}\n      </th>\n      <td>{last}</td>"
        f"\n      <td>{_level_html(row)}</td>\n      <td>{row.open_flags}</td>"
        f'\n      <td class="filled-cell">{_filled_html(row)}</td>'
        f'\n      <td class="sparkline-cell"><div class="sparkline">{row.sparkline}'
        f'</div><span class="visually-hidden">{e(row.summary)}</span>{latest}</td>'
        "\n    </tr>\n  "
    )


def _level_html(row: Row) -> str:
    if row.level is None:
        return '<span class="muted-note">Not logged yet</span>'
    if row.level == "none":
        return "No flags"
    level = escape(row.level)
    shown = level[:1].upper() + level[1:]  # as |capfirst
    badge = f'<span class="level-badge level-{level}">{shown}</span>'
    if not row.open_level_from:
        return badge
    today = "; not logged today" if row.not_logged_today else ""
    return (
        f'{badge}<br><span class="muted-note">Open {level} flag from '
        f"{escape(row.open_level_from)}{today}</span>"
    )


def _filled_html(row: Row) -> str:
    if not row.completions:
        return '<span class="muted-note">No entries yet</span>'
    between = (
        '<span aria-hidden="true"> · </span><span class="visually-hidden">, </span>'
    )
    periods = between.join(
        f'<span class="filled-days" aria-hidden="true">{c}</span>'
        f'<span class="visually-hidden">{c.filled} of {c.days} days</span>'
        for c in row.completions
    )
    began = (
        f'<br><span class="muted-note">Diary began {escape(row.began)}</span>'
        if row.began
        else ""
    )
    return periods + began


def _days_ago(days: int | None) -> str:
    if days is None:
        return ""
    return {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")
