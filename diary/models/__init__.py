"""The diary's models, one module per part of the record.

- entries.py: DailyEntry, the patient's answers for one day;
- flags.py: Flag, Acknowledgement (with its Referrals),
  AlertEmail and Escalation, what the rules raised and
  what was done about it;
- closures.py: AccountClosure, a patient's request to close her account;
- figures.py: CaseloadFigures, each patient's caseload figures as of a day
  (diary/figures.py);
- records.py: ClinicalNote and AuditEvent, the nurse's side of the record;
- reminders.py: Reminder and SentReminder, the patient's reminder choice and
  the reminders sent (diary/reminders/);
- levels.py: the level order (clinical.levels) as a database expression.

Django finds the models through these imports; callers keep importing from
diary.models.
"""

from diary.models.closures import AccountClosure
from diary.models.entries import (
    DailyEntry,
    EntryQuerySet,
    is_within_edit_window,
    team_seen_at,
)
from diary.models.figures import CaseloadFigures
from diary.models.flags import (
    Acknowledgement,
    AlertEmail,
    AlertEmailQuerySet,
    Escalation,
    Flag,
    FlagQuerySet,
    Referral,
)
from diary.models.records import AppendOnlyError, AuditEvent, ClinicalNote
from diary.models.reminders import Reminder, SentReminder

__all__ = [
    "AccountClosure",
    "CaseloadFigures",
    "Acknowledgement",
    "AppendOnlyError",
    "AlertEmail",
    "AlertEmailQuerySet",
    "AuditEvent",
    "ClinicalNote",
    "DailyEntry",
    "Escalation",
    "EntryQuerySet",
    "Flag",
    "FlagQuerySet",
    "Reminder",
    "SentReminder",
    "Referral",
    "is_within_edit_window",
    "team_seen_at",
]
