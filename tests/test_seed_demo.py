import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Team, User
from diary.models import Acknowledgement, DailyEntry, Flag, Referral, Reminder
from diary.reports import Month, team_report
from tests.factories import log_in


def test_it_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_it_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), DailyEntry.objects.count(), Flag.objects.count())
    call_command("seed_demo")
    assert (
        User.objects.count(),
        DailyEntry.objects.count(),
        Flag.objects.count(),
    ) == counts
    assert counts[0] == 7
    assert (
        DailyEntry.objects.filter(patient__user__email="patient@example.org").count()
        == 60
    )


def test_the_demo_teams_work_weekdays_nine_to_five_with_bank_holidays(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # still one row per weekday and holiday
    for team in Team.objects.all():
        cal = team.working_calendar()
        assert [(o.weekday, o.opens, o.closes) for o in cal.openings] == [
            (d, dt.time(9), dt.time(17)) for d in range(5)
        ]
        assert dt.date(2026, 12, 25) in cal.bank_holidays
        assert team.bank_holidays.count() == 3
        assert team.time_zone == "Europe/London"


def test_the_demo_patient_has_a_red_flag_yesterday(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    assert Flag.objects.filter(
        entry__patient__user__email="patient@example.org", level="red", condition="mscc"
    ).exists()


def test_it_creates_the_demo_teams_nurses_and_patients(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    people = {
        u.email: (u.role, sorted(t.name for t in u.teams.all()))
        for u in User.objects.filter(role="nurse")
    }
    assert people == {
        "nurse@example.org": ("nurse", ["Demo Breast Care Team"]),
        "nurse2@example.org": ("nurse", ["Second Team"]),
        "lead@example.org": ("nurse", ["Demo Breast Care Team"]),
    }
    demo = Team.objects.get(name="Demo Breast Care Team")
    assert [u.email for u in demo.lead_nurses.all()] == ["lead@example.org"]
    assert not Team.objects.get(name="Second Team").lead_nurses.exists()
    patients = {
        u.email: u.patient_profile.team.name
        for u in User.objects.filter(role="patient")
    }
    assert patients == {
        "patient@example.org": "Demo Breast Care Team",
        "patient2@example.org": "Demo Breast Care Team",
        "patient3@example.org": "Second Team",
    }
    assert (
        DailyEntry.objects.filter(patient__user__email="patient2@example.org").count()
        == 7
    )


def test_every_demo_login_works_with_the_printed_password(client, db, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    for email in [u.email for u in User.objects.all()]:
        assert f"{email}" in out.getvalue() and "diary-demo-2026" in out.getvalue()
        response = client.post(
            reverse("login"), {"username": email, "password": "diary-demo-2026"}
        )
        assert response.status_code == 302, email
        client.logout()


def test_the_demo_history_has_bad_days_and_leaves_today_to_fill_in(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    history = DailyEntry.objects.filter(patient__user__email="patient@example.org")
    assert not history.filter(entry_date=timezone.localdate()).exists()
    assert history.filter(pain_score__gte=8).count() >= 2
    assert history.exclude(level="none").exclude(level="green").exists()


def test_the_demo_queue_holds_recent_flags_and_old_ones_are_acknowledged(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    today = timezone.localdate()
    still_open = Flag.objects.open().filter(entry__patient__team__name__contains="Demo")
    assert still_open.filter(level="red", entry__entry_date=today - dt.timedelta(1))
    assert not still_open.filter(entry__entry_date__lt=today - dt.timedelta(3))
    assert Acknowledgement.objects.filter(nurse__email="nurse@example.org").exists()


def test_demo_entries_and_flags_are_dated_on_their_own_day(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    for flag in Flag.objects.select_related("entry"):
        saved = timezone.localtime(flag.created_at).date()
        assert (
            saved
            == flag.entry.entry_date
            == timezone.localtime(flag.entry.created_at).date()
        )


def test_a_demo_nurse_signs_in_with_the_printed_key_and_the_demo_code(
    client, db, settings
):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "make demo-code" in out.getvalue()
    client.post(
        reverse("login"),
        {"username": "nurse@example.org", "password": "diary-demo-2026"},
    )
    assert client.get(reverse("nurse:queue")).url.startswith(reverse("otp_verify"))
    code = io.StringIO()
    call_command("demo_code", stdout=code)
    client.post(reverse("otp_verify"), {"code": code.getvalue().strip()})
    assert client.get(reverse("nurse:queue")).status_code == 200


def test_the_demo_code_is_refused_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_code")


def test_the_demo_queue_asks_to_review_one_patients_clinical_profile(
    db, settings, client
):
    settings.DEBUG = True
    call_command("seed_demo")
    reviewed = {
        u.email: u.patient_profile.profile_reviewed
        for u in User.objects.filter(role="patient")
    }
    assert reviewed == {
        "patient@example.org": True,
        "patient2@example.org": False,
        "patient3@example.org": True,
    }
    log_in(client, User.objects.get(email="nurse@example.org"))
    body = client.get(reverse("nurse:queue")).content.decode()
    assert "Review the clinical profile of Alex Week" in body


def test_the_demo_carer_helps_the_demo_patient_and_is_printed(db, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=io.StringIO())
    carer = User.objects.get(email="carer@example.org")
    assert carer.is_carer
    helped = carer.carer_links.active().values_list("patient__user__email", flat=True)
    assert list(helped) == ["patient@example.org"]
    assert "carer@example.org" in out.getvalue()


def test_the_demo_patient_is_reminded_at_18_00_on_weekdays(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    (reminder,) = Reminder.objects.all()
    assert reminder.patient.user.email == "patient@example.org"
    assert (reminder.on, reminder.local_time, reminder.days) == (
        True,
        dt.time(18, 0),
        "01234",
    )


def test_the_demo_team_has_referrals_and_a_month_for_its_service_report(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    demo = Team.objects.get(name="Demo Breast Care Team")
    referrals = Referral.objects.filter(
        acknowledgement__flag__entry__patient__team=demo
    )
    assert referrals.filter(kind="palliative_care").count() >= 1
    assert Acknowledgement.objects.filter(outcome="advice_given").exists()
    last_month = Month.of(timezone.localdate()).plus(-1)
    [figures] = team_report(demo, last_month, last_month)
    assert figures.entries >= 5 and figures.pain_patients == 1
    assert figures.pain_patients_referred == 1
