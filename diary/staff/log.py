"""The audit trail as the staff audit page reads it: filtered, newest first,
a page at a time by keyset (docs/decisions/0004-audit-page-pagination.md),
and as CSV rows whose cells a spreadsheet cannot run as formulas."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from diary.models import AuditEvent

PAGE_SIZE = 50
# A spreadsheet runs a cell starting with one of these as a formula (CSV
# injection); tab and carriage return start one in some of them too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_HEADER = (
    "When (UTC)",
    "Action",
    "Action code",
    "User",
    "User's email",
    "Patient",
    "Patient's NHS number",
    "Account acted on",
    "Detail",
)


def _start_of(day: dt.date) -> dt.datetime:
    # A range on the column itself, not on its date in the local time zone:
    # a function of the column would keep the database off its index.
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filtered(filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    """Rows matching the audit form's cleaned filters, newest first."""
    rows = AuditEvent.objects.order_by("-at", "-pk")
    if filters.get("patient"):
        rows = rows.filter(patient=filters["patient"])
    if filters.get("actor"):
        rows = rows.filter(actor=filters["actor"])
    if filters.get("action"):
        rows = rows.filter(action=filters["action"])
    if filters.get("date_from"):
        rows = rows.filter(at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        rows = rows.filter(at__lt=_start_of(filters["date_to"] + dt.timedelta(days=1)))
    return rows


@dataclass(frozen=True)
class Page:
    rows: list[AuditEvent]
    older: int | None  # the id to ask for the next (older) page from, if any


def page(rows: QuerySet[AuditEvent], before: int | None) -> Page:
    """PAGE_SIZE rows older than the row `before` (its id), without counting
    the rest: one row more than the page says whether an older page exists."""
    if before is not None:
        last = AuditEvent.objects.filter(pk=before).values_list("at", flat=True).first()
        if last is not None:
            # (at, pk) < (last, before): at <= last is the index's range.
            rows = rows.filter(at__lte=last).exclude(at=last, pk__gte=before)
    shown = list(
        rows.select_related("actor", "patient__user", "subject")[: PAGE_SIZE + 1]
    )
    older = shown[PAGE_SIZE - 1].pk if len(shown) > PAGE_SIZE else None
    return Page(rows=shown[:PAGE_SIZE], older=older)


def neutralised(cell: str) -> str:
    """A single quote before a cell a spreadsheet would read as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_rows(rows: QuerySet[AuditEvent]) -> Iterator[list[str]]:
    """The header, then one list of cells per row. The detail is the row's
    own (codes, ids, addresses tried; never symptoms or notes, which no
    audit row holds), as JSON."""
    yield list(CSV_HEADER)
    chosen = rows.select_related("actor", "patient__user", "subject")
    for event in chosen.iterator(chunk_size=2000):
        cells = [
            event.at.astimezone(dt.UTC).isoformat(timespec="seconds"),
            event.get_action_display(),
            event.action,
            event.actor.full_name if event.actor else "",
            event.actor.email if event.actor else "",
            event.patient.user.full_name if event.patient else "",
            event.patient.nhs_number if event.patient else "",
            event.subject.email if event.subject else "",
            json.dumps(event.detail, sort_keys=True) if event.detail else "",
        ]
        yield [neutralised(cell) for cell in cells]
