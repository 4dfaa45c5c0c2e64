"""The diary's models, one module per part of the record.

- entries.py: DailyEntry, the patient's answers for one day;
- flags.py: Flag, Acknowledgement (with its Referrals) and AlertEmail, what
  the rules raised and what was done about it;
- records.py: ClinicalNote and AuditEvent, the nurse's side of the record;
- levels.py: the level order (clinical.levels) as a database expression.

Django finds the models through these imports; callers keep importing from
diary.models.
"""

from diary.models.entries import (
    DailyEntry,
    EntryQuerySet,
    is_within_edit_window,
    team_seen_at,
)
from diary.models.flags import (
    Acknowledgement,
    AlertEmail,
    AlertEmailQuerySet,
    Flag,
    FlagQuerySet,
    Referral,
)
from diary.models.records import AppendOnlyError, AuditEvent, ClinicalNote

__all__ = [
    "Acknowledgement",
    "AppendOnlyError",
    "AlertEmail",
    "AlertEmailQuerySet",
    "AuditEvent",
    "ClinicalNote",
    "DailyEntry",
    "EntryQuerySet",
    "Flag",
    "FlagQuerySet",
    "Referral",
    "is_within_edit_window",
    "team_seen_at",
]
