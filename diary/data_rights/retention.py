"""How long a closed account's record is kept, and enforcing it
(`manage.py apply_retention`; docs/decisions/0005-retention-and-erasure.md).

The clinical record is kept RETENTION_YEARS_AFTER_LAST_ENTRY years (8, the
NHS Records Management Code's period for adult health records) after its
last entry: the patient's last diary day or her team's last clinical note,
whichever is later. A closed account with no record at all has nothing to
keep and is erased at the next run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import Max
from django.utils import timezone

from accounts.models import PatientProfile
from diary.data_rights.closure import erase_patient
from diary.models import AccountClosure, ClinicalNote, DailyEntry


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def erase_on(last_entry: dt.date | None, closed_on: dt.date, years: int) -> dt.date:
    """The first day a closed account's record may be erased."""
    if last_entry is None:
        return closed_on
    return max(add_years(last_entry, years), closed_on)


def last_entry_date(patient: PatientProfile) -> dt.date | None:
    """The record's last entry: her last diary day or the last clinical note."""
    day = DailyEntry.objects.filter(patient=patient).aggregate(m=Max("entry_date"))
    note = ClinicalNote.objects.filter(patient=patient).aggregate(m=Max("created_at"))
    found = [d for d in (day["m"], note["m"] and timezone.localdate(note["m"])) if d]
    return max(found) if found else None


def erase_date(closure: AccountClosure) -> dt.date:
    assert closure.confirmed_at is not None
    return erase_on(
        last_entry_date(closure.patient),
        timezone.localdate(closure.confirmed_at),
        settings.RETENTION_YEARS_AFTER_LAST_ENTRY,
    )


@dataclass
class RetentionReport:
    erased: int = 0
    kept_closed: int = 0
    waiting_for_staff: int = 0
    open_past_retention: int = 0
    expired_sessions: int = 0


def apply_retention(*, dry_run: bool = False) -> RetentionReport:
    """Erase the closed accounts whose retention has run out, and clear
    expired sessions. Accounts still open are never erased here, however old
    their last entry: only a confirmed closure erases (they are counted, for
    staff to follow up), since a quiet account may be a patient who is well."""
    today = timezone.localdate()
    report = RetentionReport()
    closed = AccountClosure.objects.filter(confirmed_at__isnull=False)
    for closure in closed.select_related("patient__user"):
        if erase_date(closure) > today:
            report.kept_closed += 1
            continue
        report.erased += 1
        if not dry_run:
            erase_patient(closure.patient, by=None)
    report.waiting_for_staff = AccountClosure.objects.filter(
        confirmed_at__isnull=True
    ).count()
    report.open_past_retention = _open_past_retention(today)
    report.expired_sessions = Session.objects.filter(
        expire_date__lt=timezone.now()
    ).count()
    if not dry_run:
        # What `manage.py clearsessions` does.
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return report


def _open_past_retention(today: dt.date) -> int:
    years = settings.RETENTION_YEARS_AFTER_LAST_ENTRY
    return (
        PatientProfile.objects.exclude(closure__confirmed_at__isnull=False)
        .annotate(last=Max("entries__entry_date"))
        .filter(last__lt=add_years(today, -years))
        .count()
    )
