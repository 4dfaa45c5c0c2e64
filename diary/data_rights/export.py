""" "Download all my data": a ZIP of data.json, entries.csv and README.txt.

Built from one registry, EXPORTED: a new model of the patient's is one
Section line. tests/test_data_rights_export.py finds every model with a
foreign key to the patient (or to her entries and flags) and fails if it is
neither here nor in NOT_EXPORTED, with its reason.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import (
    CarerLink,
    Invitation,
    PatientProfile,
    SecondStepFailures,
    User,
)
from clinical import fields as dd
from diary.models import (
    AccountClosure,
    Acknowledgement,
    AlertEmail,
    AuditEvent,
    CaseloadFigures,
    ClinicalNote,
    DailyEntry,
    Escalation,
    Flag,
    Referral,
    Reminder,
    SentReminder,
)

Row = dict[str, Any]


def _fields(model: type[models.Model], leave_out: tuple[str, ...]) -> list[Any]:
    return [f for f in model._meta.concrete_fields if f.name not in leave_out]


@dataclass(frozen=True)
class Section:
    """One list in data.json: the rows of `model` that are hers, every
    column but those left out (each with its reason in the README)."""

    name: str
    model: type[models.Model]
    rows: Callable[[PatientProfile], Iterable[Any]]
    about: str
    leave_out: tuple[str, ...] = ()
    left_out_why: str = ""
    extra: Callable[[Any], Row] | None = None

    def columns(self) -> list[tuple[str, str]]:
        """(key in data.json, what it is) for the README."""
        return [
            (f.attname, str(f.verbose_name))
            for f in _fields(self.model, self.leave_out)
        ]

    def serialise(self, patient: PatientProfile) -> list[Row]:
        fields = _fields(self.model, self.leave_out)
        out = []
        for obj in self.rows(patient):
            row = {f.attname: f.value_from_object(obj) for f in fields}
            if self.extra:
                row.update(self.extra(obj))
            out.append(row)
        return out


def _ack_labels(ack: Acknowledgement) -> Row:
    return {"action_labels": ack.action_labels}


def _audit_rows(patient: PatientProfile) -> list[AuditEvent]:
    user = patient.user_id
    rows = (
        AuditEvent.objects.filter(Q(patient=patient) | Q(actor=user) | Q(subject=user))
        .select_related("actor")
        .order_by()  # not even the model's own: see below
    )
    # Put in order here: asked to order by (at, id), SQLite walked the whole
    # audit log's (at, id) index rather than read her rows from their three
    # indexes (1.9 s at a million rows; PostgreSQL reads the three).
    return sorted(rows, key=lambda event: (event.at, event.pk))


def _audit_who(event: AuditEvent) -> Row:
    actor = event.actor
    return {
        "actor_name": actor.full_name if actor else "",
        "actor_role": actor.get_role_display() if actor else "",
        "action_label": event.get_action_display(),
    }


EXPORTED: tuple[Section, ...] = (
    Section(
        "user",
        User,
        lambda p: User.objects.filter(pk=p.user_id),
        "Your account: your email address, name and when you joined.",
        leave_out=("password",),
        left_out_why="the password: stored only as a one-way hash, of no use to you",
    ),
    Section(
        "profile",
        PatientProfile,
        lambda p: PatientProfile.objects.filter(pk=p.pk),
        "Your clinical profile and phone numbers, as your team keeps them.",
    ),
    Section(
        "entries",
        DailyEntry,
        lambda p: DailyEntry.objects.filter(patient=p).order_by("entry_date"),
        "Every day of your diary, every answer (also in entries.csv).",
    ),
    Section(
        "flags",
        Flag,
        lambda p: Flag.objects.filter(entry__patient=p).order_by("created_at", "pk"),
        "The warning signs the diary's rules found in your entries.",
    ),
    Section(
        "acknowledgements",
        Acknowledgement,
        lambda p: Acknowledgement.objects.filter(flag__entry__patient=p).order_by(
            "created_at", "pk"
        ),
        "When your team dealt with a flag, and what they did about it.",
        leave_out=("nurse", "note"),
        left_out_why=(
            "the nurse's own working note and who wrote it: your diary pages "
            "never show them; ask your team for your clinical record"
        ),
        extra=_ack_labels,
    ),
    Section(
        "referrals",
        Referral,
        lambda p: Referral.objects.filter(
            acknowledgement__flag__entry__patient=p
        ).order_by("pk"),
        "The services your team referred you to when they dealt with a flag.",
    ),
    Section(
        "alert_emails",
        AlertEmail,
        lambda p: AlertEmail.objects.filter(entry__patient=p).order_by(
            "created_at", "pk"
        ),
        "When an alert about one of your entries was emailed to your team.",
        leave_out=("recipients", "last_error"),
        left_out_why="the staff addresses it went to and the mail server's errors",
    ),
    Section(
        "escalations",
        Escalation,
        lambda p: Escalation.objects.filter(flag__entry__patient=p).order_by(
            "created_at", "pk"
        ),
        "When a flag about one of your entries waited and your lead nurse was told.",
        leave_out=("recipients", "last_error"),
        left_out_why="the staff addresses it went to and the mail server's errors",
    ),
    Section(
        "carers",
        CarerLink,
        lambda p: CarerLink.objects.filter(patient=p).order_by("created_at", "pk"),
        "The carers you invited to help with your diary, and when it ended.",
    ),
    Section(
        "reminder",
        Reminder,
        lambda p: Reminder.objects.filter(patient=p),
        "Your diary reminder: when it is sent, and whether it is on.",
    ),
    Section(
        "reminders_sent",
        SentReminder,
        lambda p: SentReminder.objects.filter(patient=p).order_by("local_date"),
        "The days a reminder was sent to you.",
    ),
    Section(
        "invitations",
        Invitation,
        lambda p: Invitation.objects.filter(patient=p).order_by("created_at", "pk"),
        "The invitation links your team sent you to set your password.",
    ),
    Section(
        "account_closure",
        AccountClosure,
        lambda p: AccountClosure.objects.filter(patient=p),
        "Your request to close your account, if you made one.",
    ),
    Section(
        "audit",
        AuditEvent,
        _audit_rows,
        "Who looked at or changed your record, and your own sign-ins, and when.",
        leave_out=("detail",),
        left_out_why="technical details such as the page's name and addresses",
        extra=_audit_who,
    ),
)

# Models with a key to the patient that are not exported, each with why.
NOT_EXPORTED: dict[type[models.Model], str] = {
    # The nurses' clinical notes are part of the hospital's clinical record:
    # they can name other people, so they are released through the trust's
    # subject access process, reviewed first, not by a button.
    ClinicalNote: "the nurses' clinical notes (ask the hospital: subject access)",
    # Wrong two-step codes counted for a few minutes: a security counter.
    SecondStepFailures: "a security counter of wrong two-step codes",
    # Worked out again from her entries and flags (which are exported) for
    # the caseload's sorting, with her name (in "user"); nothing in it is not
    # in "entries", "flags" and "user".
    CaseloadFigures: (
        "figures worked out from her entries for the nurses' list, and a copy"
        " of her name to sort it by"
    ),
}
# Also not exported, by app (not importable here without reaching into
# other apps' internals): django_otp's authenticator and recovery-code
# devices (secrets: exporting them would let anyone holding the ZIP sign in;
# `two_step_on` in "user" says whether they exist) and the admin's own log
# (staff's actions; what staff did to her record is in "audit").
NOT_EXPORTED_BY_LABEL: dict[str, str] = {
    "otp_totp.totpdevice": "her authenticator app's secret key",
    "otp_static.staticdevice": "her recovery codes' device (secrets)",
    "admin.logentry": "the admin's log of staff actions (in 'audit' instead)",
}

ENTRY_COLUMNS: tuple[str, ...] = (
    "entry_date",
    *(f.code for f in dd.ENTRY_FIELDS),
    "level",
    "escalated",
    "created_at",
    "updated_at",
)
# A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def data_json(patient: PatientProfile) -> str:
    data = {
        "exported_at": timezone.now(),
        **{s.name: s.serialise(patient) for s in EXPORTED},
    }
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def entries_csv(patient: PatientProfile) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ENTRY_COLUMNS)
    for entry in DailyEntry.objects.filter(patient=patient).order_by("entry_date"):
        writer.writerow([_csv_cell(getattr(entry, c)) for c in ENTRY_COLUMNS])
    return out.getvalue()


def readme() -> str:
    lines = [
        "All your data from the bone symptom diary",
        "",
        "data.json: everything the diary holds about you, one list per kind of",
        "record. Dates are YYYY-MM-DD; times are UTC (ISO 8601). An empty value",
        '(null) is a question not answered. Ids ("..._id") link the lists.',
        "",
    ]
    for section in EXPORTED:
        lines += [f'"{section.name}": {section.about}']
        lines += [f"  {key}: {label}" for key, label in section.columns()]
        if section.left_out_why:
            lines += [f"  (left out: {section.left_out_why})"]
        lines += [""]
    lines += [
        "entries.csv: one row per day of your diary, for a spreadsheet. A cell",
        "with several answers separates them with ';'. A cell starting with",
        "' had it added so that a spreadsheet does not run it as a formula.",
    ]
    lines += [f"  {c}: {_column_label(c)}" for c in ENTRY_COLUMNS]
    return "\n".join(lines) + "\n"


def _column_label(code: str) -> str:
    if code in dd.FIELDS_BY_CODE:
        return dd.FIELDS_BY_CODE[code].label
    field = DailyEntry._meta.get_field(code)
    return str(getattr(field, "verbose_name", code))


def build_zip(patient: PatientProfile) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", data_json(patient))
        archive.writestr("entries.csv", entries_csv(patient))
        archive.writestr("README.txt", readme())
    return buffer.getvalue()
