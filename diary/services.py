"""Writes that touch several models: recording an entry and its flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import PatientProfile, User
from clinical import fields as dd
from clinical.levels import rank as level_rank
from clinical.rules import (
    CONDITIONS,
    HISTORY_DAYS,
    EntryData,
    FlagResult,
    Profile,
    Triage,
    evaluate,
    overall_level,
)
from diary import alerts, audit, figures
from diary.models import Acknowledgement, ClinicalNote, DailyEntry, Flag, Referral

RULE_INPUT_CODES = tuple(
    f.code for f in dd.ENTRY_FIELDS if f.code not in ("notes", "questions_for_team")
)


class DuplicateEntry(Exception):
    """Another entry for the same patient and date already exists."""


class EntryChangedSince(Exception):
    """The day's entry was saved (by a nurse, or another window) after the
    answers being saved were begun: saving them would replace it unseen."""

    def __init__(self, current: DailyEntry) -> None:
        super().__init__(current.entry_date)
        self.entry = current
        self.saved_by: User = current.entered_by
        self.saved_at: dt.datetime = current.updated_at


def entry_version(entry: DailyEntry | None) -> str:
    """Which state of the day's entry a form was filled in over ("" for none)."""
    return entry.updated_at.isoformat() if entry else ""


@dataclass(frozen=True)
class CallActions:
    """What a nurse did during the call in which she recorded the entry."""

    actions: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class RecordedEntry:
    entry: DailyEntry
    triage: Triage


# A profile no nurse has reviewed holds the model's defaults, which are
# nobody's answer. red-flags.md: "a rule that is unsure must err upwards".
# Each substitute can only raise (HAZ-16): spine_metastases only adds the
# amber back-pain-score-5 rule; on_chemotherapy swaps every not-on-chemotherapy
# infection rule (green/amber) for one at red with the same or a lower
# threshold; a bone drug only adds its side-effect rules and questions.
UNREVIEWED_PROFILE = Profile(
    spine_metastases=True, bone_therapy=dd.NOT_REVIEWED, on_chemotherapy=True
)
ASSUMED_PROFILE_CODES = ("spine_metastases", "bone_therapy", "on_chemotherapy")


def profile_for_rules(patient: PatientProfile) -> Profile:
    if not patient.profile_reviewed:
        return UNREVIEWED_PROFILE
    return Profile(
        spine_metastases=patient.spine_metastases,
        bone_therapy=patient.bone_therapy,
        on_chemotherapy=patient.on_chemotherapy,
    )


def triage_for(
    patient: PatientProfile, entry: EntryData, history: Sequence[EntryData]
) -> Triage:
    """evaluate() with the patient's profile for the rules. A flag of an
    unreviewed profile says so in its reasons, rather than "on chemotherapy:
    Yes", so that the nurse reading it knows the answer was assumed."""
    triage = evaluate(profile_for_rules(patient), entry, history)
    if patient.profile_reviewed:
        return triage
    flags = tuple(
        replace(
            flag,
            reasons={
                code: dd.NOT_REVIEWED if code in ASSUMED_PROFILE_CODES else value
                for code, value in flag.reasons.items()
            },
        )
        for flag in triage.flags
    )
    return replace(triage, flags=flags)


def entry_for_rules(day: dt.date, values: dict[str, Any]) -> EntryData:
    return EntryData.from_mapping(
        day, {code: values.get(code) for code in RULE_INPUT_CODES}
    )


@dataclass(frozen=True)
class DiaryAround:
    """The other entries dated up to HISTORY_DAYS before and after a day."""

    earlier: list[EntryData]  # the day's history, as the rules need it
    later: list[tuple[int, EntryData]]  # (pk, entry): entries it is history for


def diary_around(
    patient: PatientProfile, day: dt.date, entry: DailyEntry | None = None
) -> DiaryAround:
    """One query, however long the diary. `entry` (being edited) is left out."""
    span = dt.timedelta(days=HISTORY_DAYS)
    rows = (
        DailyEntry.objects.for_patient(patient)
        .between(day - span, day + span)
        .exclude(entry_date=day)
    )
    if entry is not None:
        rows = rows.exclude(pk=entry.pk)
    around = DiaryAround(earlier=[], later=[])
    for row in rows.values("pk", "entry_date", *RULE_INPUT_CODES):
        pk, other = row.pop("pk"), entry_for_rules(row.pop("entry_date"), row)
        if other.entry_date < day:
            around.earlier.append(other)
        else:
            around.later.append((pk, other))
    return around


def triage_answers(
    *, patient: PatientProfile, data: dict[str, Any], entry: DailyEntry | None = None
) -> Triage:
    """What saving `data` would give, saving nothing (`entry`: being edited)."""
    day: dt.date = data["entry_date"]
    around = diary_around(patient, day, entry)
    return triage_for(patient, entry_for_rules(day, data), around.earlier)


def unsaved_flags(triage: Triage) -> list[Flag]:
    """The flags of a triage as unsaved rows, for guidance on answers that
    could not be saved."""
    return [_new_flag(None, result) for result in triage.flags]


def record_entry(
    *,
    patient: PatientProfile,
    data: dict[str, Any],
    by: User,
    entry: DailyEntry | None = None,
    dealt_with: CallActions | None = None,
    expected_version: str | None = None,
) -> RecordedEntry:
    """Save a new entry (entry=None) or update `entry`, evaluate it, store its flags.

    All in one transaction: an entry is never saved without its flags.
    `dealt_with`: `by` (a nurse on the phone) has already acted on what the
    entry raises, so its flags are acknowledged by her at once and raise no
    alert email.
    `expected_version`: the entry_version() the answers were begun over ("":
    the day had no entry). If the day's entry is not in that state any more,
    nothing is saved and EntryChangedSince says who saved it and when: a
    warning sign answered "yes" there must never be replaced unseen. None
    skips the check (the caller knows what it replaces).
    Raises DuplicateEntry when creating an entry for a date that already has
    one (and no expected_version was given).
    """
    day: dt.date = data["entry_date"]
    saved = entry_for_rules(day, data)
    around = diary_around(patient, day, entry)
    triage = triage_for(patient, saved, around.earlier)
    values = {code: data.get(code) for code in dd.ENTRY_CODES}
    values["notes"] = values["notes"] or ""
    values["questions_for_team"] = values["questions_for_team"] or ""
    try:
        with transaction.atomic():
            if expected_version is not None:
                entry = _unchanged_since(patient, day, expected_version)
            is_new = entry is None
            entry = _save_entry(patient, day, values, triage, by, entry)
            _reconcile_flags(entry, triage.flags, is_new=is_new)
            if dealt_with is not None:
                _acknowledge_during_call(entry, by, dealt_with)
            alerts.queue_alerts(entry)  # stored with the entry, emailed on commit
            if by.is_carer:
                # Someone other than the patient wrote her diary: who, which
                # day, what level; never the answers.
                audit.record(
                    actor=by,
                    patient=patient,
                    action=audit.Action.RECORDED_ENTRY,
                    entry_date=day.isoformat(),
                    level=entry.level,
                    by_carer=True,
                )
            if around.later:
                _raise_later_entries(patient, saved, around)
            # The caseload sorts by the stored figures: in the same
            # transaction, so they never lag a saved entry.
            figures.refresh_patient(patient)
    except IntegrityError as exc:
        # Only the one-entry-a-day constraint means "the day has an entry";
        # any other integrity error is a fault, not a clash, and is raised.
        other = None if entry else _day_entry(patient, day)
        if other is None:
            raise
        if expected_version is not None:
            raise EntryChangedSince(other) from exc
        raise DuplicateEntry(day) from exc
    return RecordedEntry(entry=entry, triage=triage)


def _day_entry(
    patient: PatientProfile, day: dt.date, *, lock: bool = False
) -> DailyEntry | None:
    rows = DailyEntry.objects.for_patient(patient).filter(entry_date=day)
    if lock:
        rows = rows.select_for_update(of=("self",))
    return rows.select_related("entered_by").first()


def _unchanged_since(
    patient: PatientProfile, day: dt.date, expected_version: str
) -> DailyEntry | None:
    """The day's entry, locked until commit, if it is still as it was when the
    answers were begun; else EntryChangedSince. Re-read here, not trusted from
    the caller: a nurse's save may land between the page's read and this one."""
    current = _day_entry(patient, day, lock=True)
    if current is not None and entry_version(current) != expected_version:
        raise EntryChangedSince(current)
    return current  # None (gone since, or never saved): nothing is replaced


def _save_entry(
    patient: PatientProfile,
    day: dt.date,
    values: dict[str, Any],
    triage: Triage,
    by: User,
    entry: DailyEntry | None,
) -> DailyEntry:
    if entry is None:
        entry = DailyEntry(patient=patient)
    for code, value in values.items():
        setattr(entry, code, value)
    entry.entry_date = day
    entry.level = triage.level
    entry.escalated = triage.escalated
    entry.entered_by = by
    entry.save()
    return entry


def _reconcile_flags(
    entry: DailyEntry, results: tuple[FlagResult, ...], *, is_new: bool
) -> None:
    """New flags open; flags that no longer apply are withdrawn, never deleted.

    A flag is unchanged only if its reasons are too: a nurse who acknowledged
    "difficulty walking" has not seen a bladder problem added by a later edit,
    so that flag is withdrawn and an open one (queued and emailed) replaces it.
    """
    current = {} if is_new else {f.condition: f for f in entry.flags.current()}
    keep: set[int] = set()
    new: list[Flag] = []
    for result in results:
        existing = current.get(result.condition)
        if existing and (existing.level, existing.rule_id, existing.reasons) == (
            result.level,
            result.rule_id,
            result.reasons,
        ):
            keep.add(existing.pk)
            continue
        new.append(_new_flag(entry.pk, result))
    stale = [f.pk for f in current.values() if f.pk not in keep]
    if stale:
        Flag.objects.filter(pk__in=stale).withdraw()
    Flag.objects.bulk_create(new)


def _acknowledge_during_call(entry: DailyEntry, nurse: User, call: CallActions) -> None:
    """Close the entry's open flags as the nurse's, before any alert is queued
    (alerts go out for open flags only). Flags it raises on later days are
    left open: the call was about this day."""
    for flag in entry.flags.open():
        _close_flag(flag, nurse, call.actions, call.note, during_call=True)


def _raise_later_entries(
    patient: PatientProfile, saved: EntryData, around: DiaryAround
) -> None:
    """A back-filled or edited day is history for the entries after it.

    Re-judge them, and only ever raise: a condition new to an entry, or at a
    higher level than its current flag, gets a new open flag (queued and
    emailed like any other; a lower flag it replaces is withdrawn). Nothing is
    lowered or withdrawn otherwise: the patient and the nurse already acted on
    those flags (red-flags.md: a rule that is unsure must err upwards).
    """
    diary = [saved, *around.earlier, *(other for _, other in around.later)]
    results = {pk: triage_for(patient, other, diary) for pk, other in around.later}
    results = {pk: triage for pk, triage in results.items() if triage.flags}
    if not results:
        return
    current: dict[int, dict[str, Flag]] = {pk: {} for pk in results}
    for flag in Flag.objects.current().filter(entry_id__in=results):
        current[flag.entry_id][flag.condition] = flag
    for pk, triage in results.items():
        _raise_entry(pk, triage.flags, current[pk])


def _raise_entry(
    pk: int, results: tuple[FlagResult, ...], current: dict[str, Flag]
) -> None:
    higher = [
        result
        for result in results
        if result.condition not in current
        or level_rank(result.level) > level_rank(current[result.condition].level)
    ]
    if not higher:
        return
    replaced = [current.pop(r.condition).pk for r in higher if r.condition in current]
    Flag.objects.filter(pk__in=replaced).withdraw()
    Flag.objects.bulk_create(_new_flag(pk, result) for result in higher)
    levels = [f.level for f in current.values()] + [r.level for r in higher]
    level, escalated = overall_level(levels)
    later = DailyEntry.objects.select_related("patient__team").get(pk=pk)
    if level_rank(level) > level_rank(later.level):
        later.level, later.escalated = level, escalated
        later.save(update_fields=["level", "escalated", "updated_at"])
    alerts.queue_alerts(later)


def _new_flag(entry_pk: int | None, result: FlagResult) -> Flag:
    return Flag(
        entry_id=entry_pk,  # type: ignore[misc]  # None: a flag never saved
        condition=result.condition,
        level=result.level,
        rule_id=result.rule_id,
        reasons=result.reasons,
        source=result.source,
        guidance_key=result.guidance_key,
    )


@dataclass(frozen=True)
class AcknowledgeOutcome:
    won: bool  # this call took the flag off the queue
    acknowledgement: Acknowledgement | None  # the winning one; None if withdrawn
    late_note: ClinicalNote | None  # a late call's actions and note, kept


def acknowledge_flag(
    *,
    flag: Flag,
    nurse: User,
    actions: Sequence[str],
    note: str,
    referrals: Sequence[str] = (),
    outcome: str = "",
) -> AcknowledgeOutcome:
    """Take an open flag off the queue, recording who, when and what was done.

    Two nurses at once: the conditional UPDATE (WHERE status = 'open') lets
    exactly one win, and its row count says which. The other call does not
    fail: it returns the winner's acknowledgement, and keeps its own actions
    and note as a clinical note, so what the second nurse did is not lost either.
    `referrals` (Referral.Kind values) and `outcome` (an Acknowledgement.Outcome
    value, or "") are saved with the winner's acknowledgement.
    """
    patient = flag.entry.patient
    with transaction.atomic():
        if _close_flag(
            flag, nurse, actions, note, referrals=referrals, outcome=outcome
        ):
            return AcknowledgeOutcome(
                won=True, acknowledgement=flag.acknowledgement, late_note=None
            )
        late = ClinicalNote.objects.create(
            patient=patient, author=nurse, text=_late_note(flag, actions, note)
        )
        audit.record(
            actor=nurse,
            patient=patient,
            action=audit.Action.ADDED_NOTE,
            note=late.pk,
            flag=flag.pk,
            flag_already_closed=True,
        )
    flag.refresh_from_db(fields=["status"])
    winner = Acknowledgement.objects.select_related("nurse").filter(flag=flag).first()
    return AcknowledgeOutcome(won=False, acknowledgement=winner, late_note=late)


def _close_flag(
    flag: Flag,
    nurse: User,
    actions: Sequence[str],
    note: str,
    *,
    referrals: Sequence[str] = (),
    outcome: str = "",
    **detail: Any,
) -> bool:
    """Acknowledge the flag if it is still open; False if someone got there first.

    Call inside a transaction: the status, the acknowledgement and its audit
    row are saved together or not at all.
    """
    won = Flag.objects.filter(pk=flag.pk, status=Flag.Status.OPEN).update(
        status=Flag.Status.ACKNOWLEDGED, updated_at=timezone.now()
    )
    if not won:
        return False
    flag.status = Flag.Status.ACKNOWLEDGED
    figures.refresh_patient(flag.entry.patient)  # its open flags and level
    flag.acknowledgement = Acknowledgement.objects.create(
        flag=flag, nurse=nurse, actions=list(actions), note=note, outcome=outcome
    )
    Referral.objects.bulk_create(
        Referral(acknowledgement=flag.acknowledgement, kind=kind) for kind in referrals
    )
    audit.record(
        actor=nurse,
        patient=flag.entry.patient,
        action=audit.Action.ACKNOWLEDGED_FLAG,
        flag=flag.pk,
        condition=flag.condition,
        level=flag.level,
        entry_date=flag.entry.entry_date.isoformat(),
        actions=list(actions),
        referrals=list(referrals),
        outcome=outcome,
        **detail,
    )
    return True


def _action_labels(actions: Sequence[str]) -> str:
    return "; ".join(Acknowledgement.Action(action).label for action in actions)


def call_note(entry: DailyEntry, call: CallActions) -> str:
    """A clinical note of what the nurse did in a call whose entry raised no flag."""
    head = (
        f"{_action_labels(call.actions)} (during the call in which the entry of "
        f"{entry.entry_date:%-d %B %Y} was recorded; it raised no flag)."
    )
    return f"{head}\n{call.note}" if call.note else head


def _late_note(flag: Flag, actions: Sequence[str], note: str) -> str:
    labels = _action_labels(actions)
    head = (
        f"{labels} (about the {CONDITIONS[flag.condition].lower()} flag of "
        f"{flag.entry.entry_date:%-d %B %Y}, after it had been closed)."
    )
    return f"{head}\n{note}" if note else head
