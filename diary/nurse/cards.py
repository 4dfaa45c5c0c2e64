"""The flag cards of the triage queue and the green review list, worked out
in Python once per card, and written as HTML.

The cards were most of the queue's time (docs/performance.md): per card three
`{% url %}`s, three dates and a `timesince` through template filters, two
nested includes and about 60 variable look-ups. Their HTML is written in
Python too (card_html), byte for byte the template it replaced
(tests/nurse/test_flag_card_html.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
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

    @property
    def html(self) -> SafeString:
        return card_html(self)


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


ESCALATED = (
    ' <span class="level-why">amber sign, red because two or more warning signs'
    " came together</span>"
)
OVERDUE = '<span class="overdue-badge">Overdue</span>'
NO_PHONE = '<span class="muted-note">No phone number on the record.</span>'


def card_html(card: FlagCard) -> SafeString:
    """The card's <li>, as nurse/includes/flag_card.html wrote it."""
    e = escape
    name, level = e(card.patient_name), e(card.level)
    reasons = (
        '\n  <ul class="flag-reasons" aria-label="Why it was flagged">'
        + "".join(f"<li>{e(line)}</li>" for line in card.reason_lines)
        + "</ul>\n  "
        if card.reason_lines
        else ""
    )
    nhs = f'<span class="muted-note nhs">NHS {e(card.nhs_number)}</span>'
    by = f" ({e(card.entered_by)})" if card.entered_by else ""
    overdue = "overdue, " if card.overdue else ""
    return mark_safe(  # every value is escaped
        f'\n<li class="flag-card level-{level}">\n  <div class="flag-card-head">'
        f'\n    <span class="level-badge level-{level}">{level[:1].upper()}{level[1:]}'
        f"</span>{ESCALATED if card.escalated_amber else ''}"
        f"\n    {OVERDUE if card.overdue else ''}"
        f'\n    <h3 class="h5 mb-0"><a href="{e(card.patient_url)}">{name}</a></h3>'
        f"\n    {nhs if card.nhs_number else ''}\n  </div>"
        f'\n  <p class="patient-phones">{_phones_html(card.phones, name)}</p>'
        f'\n  <p class="flag-condition">{e(card.condition)}</p>\n  {reasons}\n'
        '  <dl class="flag-meta">'
        f"\n    <div><dt>Diary day</dt><dd>{e(card.diary_day)}</dd></div>"
        f"\n    <div><dt>Entry saved</dt><dd>{e(card.saved_at)}{by}</dd></div>"
        f"\n    <div><dt>Open for</dt><dd>{e(card.open_for)}</dd></div>\n  </dl>"
        '\n  <p class="flag-actions">'
        f'\n    <a class="btn btn-primary" href="{e(card.acknowledge_url)}">Acknowledge'
        f'<span class="visually-hidden">: {overdue}{e(card.condition.lower())}, '
        f"{name}</span></a>"
        f'\n    <a class="btn btn-outline-primary" href="{e(card.entry_url)}">'
        f'See the entry<span class="visually-hidden"> of {name} for '
        f"{e(card.entry_day_long)}</span></a>\n  </p>\n</li>\n"
    )


def _phones_html(phones: list[Phone], name: str) -> str:
    return (
        " · ".join(
            f'{escape(phone.kind)} <a class="phone-number" href="{escape(phone.href)}">'
            f"{escape(phone.number)}"
            f'<span class="visually-hidden"> (call {name})</span></a>'
            for phone in phones
        )
        or NO_PHONE
    )
