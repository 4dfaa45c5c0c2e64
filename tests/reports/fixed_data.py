"""A small fixed data set for the service report, whose every figure is
worked out by hand in tests/reports/test_service_report_figures.py."""

from __future__ import annotations

import datetime as dt

from accounts.models import PatientProfile, Team, User
from diary.models import Acknowledgement, DailyEntry, Flag
from diary.reports import Month
from diary.services import acknowledge_flag
from tests.factories import make_entry, make_patient

JANUARY, FEBRUARY = Month(2026, 1), Month(2026, 2)
TODAY = dt.date(2026, 3, 15)


def at(day: dt.date, hours: float = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC) + dt.timedelta(
        hours=hours
    )


def pain_entry(patient: PatientProfile, day: dt.date) -> DailyEntry:
    """Pain 8 that pain relief does not help: an uncontrolled-pain amber."""
    return make_entry(patient, day, pain_score=8, pain_relief_helping="no")


def raised_at(entry: DailyEntry) -> Flag:
    """The entry's one flag, raised at 09:00 UTC on its diary day."""
    flag = entry.flags.get()
    Flag.objects.filter(pk=flag.pk).update(created_at=at(entry.entry_date))
    flag.refresh_from_db()
    return flag


def acknowledged(flag: Flag, nurse: User, hours: float, *referrals: str) -> None:
    acknowledge_flag(
        flag=flag, nurse=nurse, actions=["phoned_patient"], note="", referrals=referrals
    )
    Acknowledgement.objects.filter(flag=flag).update(
        created_at=flag.created_at + dt.timedelta(hours=hours)
    )


def build(team: Team, nurse: User) -> None:
    jan, feb = JANUARY.start, FEBRUARY.start
    day = dt.timedelta(days=1)
    p1_to_p5 = [make_patient(team) for _ in range(5)]
    p6, p7 = make_patient(team), make_patient(team)
    # January: P1-P5 began in December (the whole month counts), P6 on 11 Jan.
    red_waits = (0.5, 0.75, 50 / 60, 2, 3)
    for patient, hours in zip(p1_to_p5, red_waits, strict=True):
        make_entry(patient, jan - day)
        flag = raised_at(make_entry(patient, jan + 4 * day, difficulty_walking=True))
        acknowledged(flag, nurse, hours, "mscc_coordinator")
        make_entry(patient, jan + 5 * day)
    for offset, hours in zip((10, 11, 12), (10, 20, 30), strict=True):
        bleeding = make_entry(p6, jan + offset * day, bleeding_bruising=True)
        acknowledged(raised_at(bleeding), nurse, hours)
    p1 = p1_to_p5[0]
    pain = [raised_at(pain_entry(p1, jan + n * day)) for n in (19, 20, 21)]
    acknowledged(pain[0], nurse, 1)
    acknowledged(pain[1], nurse, 48, "palliative_care")  # recorded on 23 Jan
    # pain[2] is still open.
    # February: P1-P5 log a plain day and three pain days; P7 begins on 20 Feb.
    for patient in p1_to_p5:
        make_entry(patient, feb)
        for n in (9, 10, 11):
            flag = raised_at(pain_entry(patient, feb + n * day))
            acknowledged(flag, nurse, 2, *(["palliative_care"] if n == 9 else []))
    make_entry(p7, feb + 19 * day)
