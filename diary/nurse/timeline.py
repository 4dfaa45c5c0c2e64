"""The record's timeline: a page of entries with their flags, as HTML.

Written in Python because ten entries of nested includes, date filters and
look-ups were about 2 ms of the record's page. The HTML is the template's,
byte for byte (tests/nurse/test_timeline_html.py compares the two), so the
page, its tests and its accessibility checks are unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet
from django.template.defaultfilters import date, truncatechars, urlencode
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from accounts.models import PatientProfile
from clinical.rules import CONDITIONS
from diary.models import DailyEntry, Flag

ESCALATED_ENTRY = ' <span class="level-why">two or more warning signs together</span>'
ESCALATED_FLAG = (
    ' <span class="level-why">amber sign, red because two or more warning signs'
    " came together</span>"
)


# What the timeline shows of an entry (the other 30 or so fields are not read).
ENTRY_FIELDS = (
    "patient_id",
    "entry_date",
    "level",
    "escalated",
    "pain_score",
    "pain_sites",
    "fatigue_score",
    "breakthrough_doses",
    "questions_for_team",
    "entered_by__full_name",
    "entered_by__role",
)


def entries(patient: PatientProfile) -> QuerySet[DailyEntry]:
    """The patient's entries for the timeline, newest first."""
    return (
        DailyEntry.objects.for_patient(patient)
        .select_related("entered_by")
        .only(*ENTRY_FIELDS)
        .order_by("-entry_date")
    )


def entries_html(
    page: Iterable[DailyEntry], patient: PatientProfile, path: str
) -> SafeString:
    """The <li>s of a page of entries(), with their flags (one query);
    `path` is where "Acknowledge" returns to."""
    page = list(page)
    flags = _flags_by_entry(page)
    back = escape(urlencode(path))
    return mark_safe(  # every value is escaped or a number
        "".join(_entry_html(entry, flags[entry.pk], patient, back) for entry in page)
    )


def _flags_by_entry(page: list[DailyEntry]) -> dict[int, list[Flag]]:
    """Each entry's flags, oldest first, with their acknowledgement's nurse:
    prefetch_related's result, without its machinery (about 0.7 ms a page)."""
    flags: dict[int, list[Flag]] = defaultdict(list)
    for flag in (
        Flag.objects.filter(entry__in=page)
        .select_related("acknowledgement__nurse")
        .order_by("created_at", "pk")
    ):
        flags[flag.entry_id].append(flag)
    return flags


def _entry_html(
    entry: DailyEntry, flags: list[Flag], patient: PatientProfile, back: str
) -> str:
    url = reverse("nurse:entry", args=[patient.pk, entry.entry_date])
    flags_html = (
        '\n  <ul class="timeline-flags">\n    '
        + "".join(_flag_html(flag, entry, back) for flag in flags)
        + "\n  </ul>\n  "
        if flags
        else ""
    )
    question = (
        '<p class="mb-0"><strong>Question for the team:</strong> '
        f"{escape(truncatechars(entry.questions_for_team, 200))}</p>"
        if entry.questions_for_team
        else ""
    )
    return (
        f'\n<li class="entry-card level-{escape(entry.level)}">'
        f'\n  <div class="flag-card-head">\n    {_entry_level_html(entry)}\n'
        f'\n    <h3 class="h5 mb-0"><a href="{escape(url)}">'
        f"{date(entry.entry_date, 'l j F Y')}</a></h3>\n  </div>"
        f'\n  <p class="mb-1">{_scores_html(entry)}</p>'
        f"\n  {_entered_by_html(entry, patient)}\n  {flags_html}\n  {question}\n</li>\n"
    )


def _entry_level_html(entry: DailyEntry) -> str:
    if entry.level == "none":
        return '<span class="level-badge level-none">No flags</span>'
    badge = (
        f'<span class="level-badge level-{escape(entry.level)}">'
        f"{escape(entry.get_level_display())}</span>"
    )
    return badge + (ESCALATED_ENTRY if entry.escalated else "")


def _scores_html(entry: DailyEntry) -> str:
    sites = (
        f" ({', '.join(escape(label) for label in entry.pain_site_labels()).lower()})"
        if entry.pain_sites
        else ""
    )
    doses = (
        f" · Extra doses <strong>{entry.breakthrough_doses}</strong>"
        if entry.breakthrough_doses is not None
        else ""
    )
    return (
        f"Pain {_score(entry.pain_score)}{sites} · "
        f"Tiredness {_score(entry.fatigue_score)}{doses}"
    )


def _score(score: int | None) -> str:
    return (
        "<strong>not answered</strong>"
        if score is None
        else f"<strong>{score}</strong>/10"
    )


def _entered_by_html(entry: DailyEntry, patient: PatientProfile) -> str:
    if entry.entered_by_id == patient.user_id:
        return ""
    by = entry.entered_by
    who = (
        f"carer {escape(by.full_name)} for {escape(patient.user.full_name)}"
        if by.is_carer
        else f"{escape(by.full_name)} for the patient"
    )
    return f'<p class="muted-note mb-1">Entered by {who}.</p>'


def _flag_html(flag: Flag, entry: DailyEntry, back: str) -> str:
    withdrawn = "flag-withdrawn" if flag.status == Flag.Status.WITHDRAWN else ""
    name = CONDITIONS.get(flag.condition, flag.condition)
    return (
        f'\n    <li class="{withdrawn}">\n      {_flag_level_html(flag, entry)}\n'
        f"\n      <strong>{escape(name)}</strong>:\n      "
        f"{_flag_status_html(flag, entry, name, back)}\n    </li>\n    "
    )


def _flag_level_html(flag: Flag, entry: DailyEntry) -> str:
    # nurse_tags.shown_level: an amber flag on an entry two ambers made red is red.
    escalated = flag.level == "amber" and entry.escalated
    shown = "red" if escalated else escape(flag.level)
    badge = (
        f'<span class="level-badge level-{shown}">{shown[:1].upper()}{shown[1:]}</span>'
    )
    return badge + (ESCALATED_FLAG if escalated else "")


def _flag_status_html(flag: Flag, entry: DailyEntry, name: str, back: str) -> str:
    if flag.status == Flag.Status.OPEN:
        url = reverse("nurse:acknowledge", args=[flag.pk])
        return (
            '<span class="status-word">open</span> '
            f'<a href="{escape(url)}?next={back}">'
            f'Acknowledge<span class="visually-hidden">: {escape(name.lower())}, '
            f"{date(entry.entry_date, 'j F')}</span></a>\n      "
        )
    if flag.status == Flag.Status.ACKNOWLEDGED:
        ack = flag.acknowledgement
        note = f" – “{escape(truncatechars(ack.note, 140))}”" if ack.note else ""
        return (
            f'<span class="status-word">acknowledged</span> by '
            f"{escape(ack.nurse.full_name)}, "
            f"{date(localtime(ack.created_at), 'j M H:i')}: "
            f"{escape(ack.actions_display)}{note}\n      "
        )
    withdrawn_at = (
        f", {date(localtime(flag.withdrawn_at), 'j M H:i')}"
        if flag.withdrawn_at
        else ""
    )
    return (
        f'<span class="status-word">withdrawn by edit</span>{withdrawn_at}'
        " (no longer applies)"
    )
