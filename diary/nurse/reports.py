"""A team's service report, for its lead nurses and for staff: the page (with
its charts) and the CSV. The figures come from diary.reports; each view and
download is audited with the team and the months, never a patient."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.http import AuthenticatedRequest
from diary import audit
from diary.access import get_team_for_report, report_reader_required, report_teams
from diary.nurse.forms import ServiceReportForm
from diary.presenters import service_report_charts
from diary.reports import Month, csv_text, sections, team_report
from diary.reports.table import COMPLETION, URGENT_SHARE


@report_reader_required
def report_index(request: AuthenticatedRequest) -> HttpResponse:
    """The teams whose report the user may read: names only, no patient's data."""
    teams = report_teams(request.user).order_by("name")
    return render(request, "nurse/report_index.html", {"teams": teams})


def _period(
    request: AuthenticatedRequest,
) -> tuple[ServiceReportForm, tuple[Month, Month] | None]:
    form = ServiceReportForm(request.GET or None, today=timezone.localdate())
    return form, form.period()


@report_reader_required
def service_report(request: AuthenticatedRequest, team_id: int) -> HttpResponse:
    team = get_team_for_report(request.user, team_id)
    form, period = _period(request)
    context: dict = {"team": team, "form": form}
    if period is None:
        audit.read_report(
            request.user, audit.Action.VIEWED_REPORT, team=team.pk, valid=False
        )
        return render(request, "nurse/service_report.html", context, status=400)
    first, last = period
    audit.read_report(
        request.user,
        audit.Action.VIEWED_REPORT,
        team=team.pk,
        first=str(first),
        last=str(last),
    )
    report = team_report(team, first, last)
    table = sections(report)
    people = table[0]
    context.update(
        months=[m.month for m in report],
        sections=table,
        query=f"first={first}&last={last}",
        **service_report_charts(
            [m.month.label for m in report],
            [c.value for c in people.row(COMPLETION).cells],
            [c.value for c in people.row(URGENT_SHARE).cells],
        ),
    )
    return render(request, "nurse/service_report.html", context)


@report_reader_required
def service_report_csv(request: AuthenticatedRequest, team_id: int) -> HttpResponse:
    team = get_team_for_report(request.user, team_id)
    form, period = _period(request)
    if period is None:
        return render(
            request,
            "nurse/service_report.html",
            {"team": team, "form": form},
            status=400,
        )
    first, last = period
    audit.read_report(
        request.user,
        audit.Action.DOWNLOADED_REPORT,
        team=team.pk,
        first=str(first),
        last=str(last),
    )
    response = HttpResponse(
        csv_text(team_report(team, first, last)), content_type="text/csv"
    )
    name = f"service-report-team-{team.pk}-{first}-to-{last}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
