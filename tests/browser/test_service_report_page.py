"""The service report as a lead nurse reads it, checked with axe: the charts
and tables, a wrong range with its error by the field (issue 13)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Team, User
from tests.browser.conftest import LogIn
from tests.browser.support import Viewport, assert_accessible, screenshot
from tests.factories import make_nurse
from tests.reports.fixed_data import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_nurse_reads_her_teams_report_and_fixes_a_wrong_range(
    page: Page, nurse: User, team: Team, log_in: LogIn, viewport: Viewport
) -> None:
    build(team, nurse)
    lead = make_nurse(team, email="lead@example.org")
    team.lead_nurses.add(lead)
    log_in(lead)
    page.goto("/nurse/reports/")
    page.get_by_role("link", name=team.name).click()
    page.get_by_label("From (month)").fill("2026-01")
    page.get_by_label("To (month)").fill("2026-02")
    page.get_by_role("button", name="Show the report").click()
    flags = page.get_by_role("region", name="Flags by condition")
    expect(flags.get_by_role("row", name="All flags")).to_contain_text("suppressed")
    expect(page.get_by_role("img", name="Completion rate, by month")).to_be_visible()
    assert_accessible(page, "the service report")
    screenshot(page, "service-report", viewport, "1-report")

    page.get_by_label("To (month)").fill("2025-12")
    page.get_by_role("button", name="Show the report").click()
    expect(
        page.get_by_text("The last month must not be before the first.").first
    ).to_be_visible()
    expect(page.get_by_label("From (month)")).to_have_value("2026-01")
    assert_accessible(page, "the service report with a wrong range")
