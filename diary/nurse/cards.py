"""The flag cards of the triage queue and the green review list, worked out
in Python once per card so that their template is plain values.

The cards were most of the queue's time (docs/performance.md): per card three
`{% url %}`s, three dates and a `timesince` through template filters, two
nested includes and about 60 variable look-ups. `nurse/includes/flag_card.html`
now only prints a FlagCard's fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.timesince import timesince

from diary.models import Flag
from diary.nurse.links import Links
from diary.presenters import short_day
from diary.templatetags.diary_tags import tel
from diary.templatetags.nurse_tags import condition_name, is_escalated_amber


@dataclass(frozen=True)
class Phone:
    kind: str
    number: str
    href: str


@dataclass(frozen=True)
class FlagCard:
    pk: int
    level: str  # as shown: an amber that two or more ambers made red is red
    escalated_amber: bool
    overdue: bool
    patient_name: str
    patient_url: str
    nhs_number: str  # as displayed; "" when there is none
    phones: list[Phone]
    condition: str
    reason_lines: list[str]
    diary_day: str
    saved_at: str
    entered_by: str  # "" when the patient entered the day herself
    open_for: str
    acknowledge_url: str
    entry_url: str
    entry_day_long: str  # for the screen reader's "See the entry of ... for ..."


def flag_cards(flags: Iterable[Flag], overdue_ids: set[int]) -> list[FlagCard]:
    """The cards of `flags` (with entry, patient, user and entered_by selected)."""
    urls = Links()
    return [flag_card(flag, flag.pk in overdue_ids, urls) for flag in flags]


def flag_card(flag: Flag, overdue: bool, urls: Links) -> FlagCard:
    entry = flag.entry
    patient = entry.patient
    escalated = is_escalated_amber(flag)
    day = entry.entry_date
    saved = timezone.localtime(entry.updated_at)
    return FlagCard(
        pk=flag.pk,
        level="red" if escalated else flag.level,
        escalated_amber=escalated,
        overdue=overdue,
        patient_name=patient.user.full_name,
        patient_url=urls.patient(patient.pk),
        nhs_number=patient.nhs_number_display if patient.nhs_number else "",
        phones=[Phone(kind, number, tel(number)) for kind, number in patient.phones],
        condition=condition_name(flag.condition),
        reason_lines=flag.reason_lines(),
        diary_day=short_day(day),
        saved_at=f"{short_day(saved)}, {saved:%H:%M}",
        entered_by=_entered_by(flag),
        open_for=timesince(flag.created_at),
        acknowledge_url=urls.acknowledge(flag.pk),
        entry_url=urls.entry(patient.pk, day),
        entry_day_long=f"{day.day} {MONTHS[day.month]}",
    )


def _entered_by(flag: Flag) -> str:
    entry = flag.entry
    patient_user = entry.patient.user
    if entry.entered_by_id == patient_user.pk:
        return ""
    if entry.entered_by.is_carer:
        return (
            f"entered by carer {entry.entered_by.full_name} "
            f"for {patient_user.full_name}"
        )
    return "by a nurse"
