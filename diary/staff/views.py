"""The staff audit page and its CSV download, each read of them audited.

Behind staff_required (staff who passed the second step; anyone else a 404).
An invalid filter is shown by its field and the page lists nothing until it
is put right: a half-applied filter would answer a question nobody asked.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedRequest
from diary import audit
from diary.access import staff_required
from diary.models import AuditEvent
from diary.staff import log
from diary.staff.forms import AuditFilterForm

Action = AuditEvent.Action


def _recorded(filters: dict[str, Any]) -> dict[str, Any]:
    """The filters as the audit row keeps them: ids, a code, ISO dates."""
    kept = {
        "patient": filters["patient"].pk if filters.get("patient") else None,
        "actor": filters["actor"].pk if filters.get("actor") else None,
        "action": filters.get("action") or None,
        "date_from": d.isoformat() if (d := filters.get("date_from")) else None,
        "date_to": d.isoformat() if (d := filters.get("date_to")) else None,
    }
    return {name: value for name, value in kept.items() if value is not None}


def _before(request: AuthenticatedRequest) -> int | None:
    # The keyset cursor: a row's id; anything else is the first page.
    value = request.GET.get("before", "")
    return int(value) if value.isdigit() and len(value) < 19 else None


@require_GET
@staff_required
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    invalid = form.is_bound and not form.is_valid()
    filters = form.cleaned_data if form.is_bound and not invalid else {}
    before = _before(request)
    shown = None if invalid else log.page(log.filtered(filters), before)
    detail = _recorded(filters)
    if invalid:
        detail["invalid"] = sorted(form.errors)
    elif before is not None:
        detail["older_than"] = before
    audit.audit_log_read(
        request.user, Action.VIEWED_AUDIT_LOG, filters.get("patient"), detail
    )
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "staff/audit_log.html",
        {"form": form, "page": shown, "query": query.urlencode()},
    )


class _Echo:
    """csv.writer writes into this and gets the line back, to stream it."""

    def write(self, value: str) -> str:
        return value


def _lines(rows: Iterator[list[str]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for cells in rows:
        yield writer.writerow(cells)


@require_GET
@staff_required
def audit_log_csv(request: AuthenticatedRequest) -> HttpResponseBase:
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # The page shows what to put right; nothing is downloaded or audited
        # as downloaded.
        return audit_log(request)
    filters = form.cleaned_data if form.is_bound else {}
    audit.audit_log_read(
        request.user,
        Action.EXPORTED_AUDIT_LOG,
        filters.get("patient"),
        _recorded(filters),
    )
    # Streamed: the rows are read 2,000 at a time, never all in memory.
    response = StreamingHttpResponse(
        _lines(log.csv_rows(log.filtered(filters))), content_type="text/csv"
    )
    name = f"audit-log-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
