"""The service report's page, CSV and command: who may read it, what it
shows (suppressed), how its months are checked, and its audit (issue 13)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from diary.models import AuditEvent
from tests.factories import log_in, make_nurse, make_team
from tests.reports.fixed_data import build

MONTHS = {"first": "2026-01", "last": "2026-02"}


@pytest.fixture
def lead(team):
    lead = make_nurse(team, email="lead@example.org")
    team.lead_nurses.add(lead)
    return lead


@pytest.fixture
def lead_client(client, lead):
    return log_in(client, lead)


def report_url(team, name="service_report"):
    return reverse(f"nurse:{name}", args=[team.pk])


def test_the_lead_nurse_sees_the_figures_suppressed_with_charts(
    lead_client, team, nurse
):
    build(team, nurse)
    response = lead_client.get(report_url(team), MONTHS)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Jan 2026" in page and "Feb 2026" in page
    assert "9.1%" in page and "14.1%" in page
    assert "&lt;5" in page and "suppressed" in page
    assert page.count("<svg") == 2 and "PRO-TECT 34%" in page
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEWED_REPORT)
    assert event.patient is None
    assert event.detail == {"team": team.pk, "first": "2026-01", "last": "2026-02"}


def test_the_csv_has_the_same_suppressed_cells_and_is_audited(lead_client, team, nurse):
    build(team, nurse)
    response = lead_client.get(report_url(team, "service_report_csv"), MONTHS)
    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Section", "Figure", "2026-01", "2026-02"]
    by_label = {row[1]: row[2:] for row in rows[1:]}
    assert by_label["All flags"] == ["suppressed", "15"]
    assert by_label["Unexplained bleeding or bruising"] == ["<5", "0"]
    assert by_label["MSCC coordinator"] == ["5", "0"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.DOWNLOADED_REPORT)
    assert event.patient is None and event.detail["team"] == team.pk


def test_a_nurse_who_is_not_lead_gets_a_404(nurse_client, team):
    assert nurse_client.get(report_url(team)).status_code == 404
    assert nurse_client.get(report_url(team, "service_report_csv")).status_code == 404


def test_a_lead_of_another_team_gets_a_404(lead_client, lead):
    other = make_team("Other Breast Care Team")
    assert lead_client.get(report_url(other)).status_code == 404


def test_staff_read_every_teams_report(client, staff_user, team):
    other = make_team("Other Breast Care Team")
    log_in(client, staff_user)
    assert client.get(report_url(team)).status_code == 200
    assert client.get(report_url(other)).status_code == 200
    index = client.get(reverse("nurse:reports")).content.decode()
    assert team.name in index and other.name in index


def test_the_index_lists_only_the_teams_the_nurse_leads(lead_client, team):
    make_team("Other Breast Care Team")
    index = lead_client.get(reverse("nurse:reports")).content.decode()
    assert team.name in index and "Other Breast Care Team" not in index


@pytest.mark.parametrize(
    ("months", "field", "message"),
    [
        ({"first": "2026-03", "last": "2026-01"}, "last", "must not be before"),
        ({"first": "2024-01", "last": "2026-01"}, "last", "24 months or fewer"),
        ({"first": "January", "last": "2026-01"}, "first", "for example 2026-03"),
        ({"first": "2026-13", "last": "2026-01"}, "first", "for example 2026-03"),
        ({"first": "2026-01", "last": "2099-01"}, "last", "has not started yet"),
        ({"first": "", "last": "2026-01"}, "first", "Enter the first month"),
    ],
)
def test_a_wrong_range_is_an_error_by_its_field_and_the_values_are_kept(
    lead_client, team, months, field, message
):
    response = lead_client.get(report_url(team), months)
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    assert "sections" not in response.context
    page = response.content.decode()
    assert message in page
    if months["first"]:
        assert f'value="{months["first"]}"' in page


def test_24_months_are_allowed(lead_client, team):
    response = lead_client.get(
        report_url(team), {"first": "2024-02", "last": "2026-01"}
    )
    assert response.status_code == 200
    assert len(response.context["months"]) == 24


def test_the_command_prints_the_same_suppressed_csv(team, nurse, lead_client, capsys):
    build(team, nurse)
    call_command(
        "service_report", team=str(team.pk), first="2026-01", last="2026-02", csv=True
    )
    printed = capsys.readouterr().out
    download = lead_client.get(report_url(team, "service_report_csv"), MONTHS)
    assert printed == download.content.decode()


def test_the_command_finds_the_team_by_name_and_prints_a_table(team, nurse, capsys):
    build(team, nurse)
    call_command("service_report", team=team.name, first="2026-01", last="2026-02")
    printed = capsys.readouterr().out
    assert "Flags by condition" in printed and "suppressed" in printed


def test_the_command_refuses_a_wrong_team_or_month(team):
    with pytest.raises(CommandError, match="No team"):
        call_command("service_report", team="Nobody", first="2026-01", last="2026-02")
    with pytest.raises(CommandError, match="not a month"):
        call_command("service_report", team=team.name, first="26-1", last="2026-02")
    with pytest.raises(CommandError, match="24 months"):
        call_command("service_report", team=team.name, first="2020-01", last="2026-02")


def test_an_invalid_range_downloads_nothing(lead_client, team):
    url = report_url(team, "service_report_csv")
    response = lead_client.get(url, {"first": "2026-05", "last": "2026-01"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DOWNLOADED_REPORT)
