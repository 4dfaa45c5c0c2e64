"""The reminder writes (each with its audit row) and the cron's run."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import PatientProfile, User
from diary import audit
from diary.models import AuditEvent, DailyEntry, Reminder, SentReminder
from diary.reminders import senders
from diary.reminders.rules import due_date

logger = logging.getLogger(__name__)

# A salt of its own: no other signed value of the site can pass for a token.
UNSUBSCRIBE_SALT = "diary.reminders.unsubscribe"


def unsubscribe_token(patient: PatientProfile) -> str:
    # No expiry: an old reminder's link must still stop the reminders.
    return signing.dumps(patient.pk, salt=UNSUBSCRIBE_SALT)


def patient_for_token(token: str) -> PatientProfile | None:
    """The token's patient, or None when the token is not one of ours."""
    try:
        patient_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return PatientProfile.objects.filter(pk=patient_id).first()


@transaction.atomic
def set_reminder(
    patient: PatientProfile,
    *,
    by: User,
    on: bool,
    local_time: dt.time,
    days: str,
    channel: str,
    time_zone: str,
) -> Reminder:
    reminder, _ = Reminder.objects.update_or_create(
        patient=patient,
        defaults={
            "on": on,
            "local_time": local_time,
            "days": days,
            "channel": channel,
            "time_zone": time_zone,
        },
    )
    audit.record(
        actor=by,
        patient=patient,
        action=AuditEvent.Action.CHANGED_REMINDER,
        on=on,
        via="account_page",
    )
    return reminder


@transaction.atomic
def unsubscribe(patient: PatientProfile) -> bool:
    """Turn her reminders off from the email's link. False if already off."""
    turned_off = Reminder.objects.filter(patient=patient, on=True).update(on=False)
    if turned_off:
        audit.record(
            actor=patient.user,
            patient=patient,
            action=AuditEvent.Action.CHANGED_REMINDER,
            on=False,
            via="unsubscribe_link",
        )
    return bool(turned_off)


def send_due_reminders(now: dt.datetime | None = None) -> tuple[int, int]:
    """Send every reminder due now, each once. Returns (sent, failed)."""
    sent = failed = 0
    for reminder_id, day in _due_and_needed(now or timezone.now()):
        try:
            if _send_once(reminder_id, day):
                sent += 1
        except senders.SendFailed as exc:
            # Not recorded as sent (rolled back), so the next run retries it
            # while it is still within the grace period.
            logger.warning("Reminder %s could not be sent: %s", reminder_id, exc)
            failed += 1
    return sent, failed


def _due_and_needed(now: dt.datetime) -> list[tuple[int, dt.date]]:
    """(reminder id, her local date) of each reminder due now and neither
    sent nor needless (the day filled in), in three queries, so the runs
    through the 2-hour grace period cost next to nothing. _send_once checks
    again under the row lock; this only spares it the work."""
    candidates = Reminder.objects.filter(on=True, patient__user__is_active=True).only(
        "pk", "patient_id", "local_time", "days", "time_zone"
    )
    due: dict[tuple[int, dt.date], int] = {}
    for reminder in candidates:
        day = due_date(
            now,
            local_time=reminder.local_time,
            weekdays=reminder.weekdays,
            zone=reminder.zone,
        )
        if day is not None:
            due[reminder.patient_id, day] = reminder.pk
    if not due:
        return []
    days = {day for _, day in due}
    patients = {patient_id for patient_id, _ in due}
    done = set(
        SentReminder.objects.filter(
            patient_id__in=patients, local_date__in=days
        ).values_list("patient_id", "local_date")
    ) | set(
        DailyEntry.objects.filter(
            patient_id__in=patients, entry_date__in=days
        ).values_list("patient_id", "entry_date")
    )
    return [
        (pk, day)
        for (patient_id, day), pk in due.items()
        if (patient_id, day) not in done
    ]


@transaction.atomic
def _send_once(reminder_id: int, day: dt.date) -> bool:
    """Send one reminder for `day` unless it is sent, being sent, or unneeded.

    The reminder's row stays locked while the message goes out, so an
    overlapping run skips it (PostgreSQL); the unique SentReminder row per
    patient and day stops a later run, and any database without row locks.
    A failed send raises, which rolls the SentReminder row back.
    """
    reminder = (
        Reminder.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("patient__user")
        .filter(pk=reminder_id, on=True, patient__user__is_active=True)
        .first()
    )
    if reminder is None:  # being sent by another run, or just turned off
        return False
    patient = reminder.patient
    if DailyEntry.objects.filter(patient=patient, entry_date=day).exists():
        return False
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                patient=patient, local_date=day, channel=_channel(reminder)
            )
    except IntegrityError:  # sent already today
        return False
    senders.send(_message(reminder))
    return True


def _channel(reminder: Reminder) -> str:
    """SMS only when she chose it, Notify can send it and her mobile is known;
    otherwise email, so a reminder never goes nowhere."""
    if (
        reminder.channel == Reminder.Channel.SMS
        and senders.sms_available()
        and reminder.patient.mobile_phone
    ):
        return Reminder.Channel.SMS
    return Reminder.Channel.EMAIL


def _message(reminder: Reminder) -> senders.Message:
    patient = reminder.patient
    by_sms = _channel(reminder) == Reminder.Channel.SMS
    token = unsubscribe_token(patient)
    return senders.Message(
        diary_url=settings.SITE_URL + reverse("today"),
        unsubscribe_url=settings.SITE_URL
        + reverse("reminder_unsubscribe", args=[token]),
        email="" if by_sms else patient.user.email,
        phone=patient.mobile_phone if by_sms else "",
    )
