"""Red and amber alert emails to the team's alert address and the named nurse.

An alert row is stored in the entry's own transaction and sent once that
transaction commits, so a failure to send never loses or rolls back the entry:
the row stays unsent and `manage.py send_pending_alerts` retries it. Emails
carry no clinical detail (subjects show on lock screens and in shared
inboxes): the link to the record is the way in, behind the log-in.
"""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.models import PatientProfile
from clinical.levels import URGENT
from diary.models import AlertEmail, DailyEntry, Flag

logger = logging.getLogger(__name__)

WHAT_TO_DO = {
    "red": "Red means act now: it is at the top of the triage queue.",
    "amber": "Amber means contact the patient today.",
}


def queue_alerts(entry: DailyEntry) -> AlertEmail | None:
    """Store an alert for the entry's new red or amber flags; send it on commit.

    Call inside the transaction that saved the entry. Flags already covered by
    an earlier alert (an edit that kept them) do not raise a second email.
    """
    if entry.level not in URGENT:
        return None
    new_flags = list(
        Flag.objects.open().filter(
            entry=entry, level__in=URGENT, alert_emails__isnull=True
        )
    )
    if not new_flags:
        return None
    alert = AlertEmail.objects.create(
        entry=entry, level=entry.level, recipients=recipients(entry.patient)
    )
    alert.flags.add(*new_flags)
    # robust: an error while sending is logged, never raised into the save.
    transaction.on_commit(partial(send_alert, alert.pk), robust=True)
    return alert


def recipients(patient: PatientProfile) -> list[str]:
    found = [patient.team.alert_email]
    nurse = patient.named_nurse
    # A named nurse who has left the team (or the service) is not told: the
    # link would be a 404 for them, and the alert is not theirs to see.
    if (
        nurse
        and nurse.is_active
        and nurse.email not in found
        and nurse.teams.filter(pk=patient.team_id).exists()
    ):
        found.append(nurse.email)
    return found


def build_message(alert: AlertEmail) -> EmailMessage:
    entry = alert.entry
    patient = entry.patient
    saved = timezone.localtime(entry.updated_at)
    record_url = settings.SITE_URL + reverse("nurse:patient", args=[patient.pk])
    queue_url = settings.SITE_URL + reverse("nurse:queue")
    body = "\n\n".join(
        [
            f"A diary entry saved at {saved:%H:%M} on {saved:%-d %B %Y} raised "
            f"a {alert.level} flag for a patient of {patient.team.name}.",
            WHAT_TO_DO[alert.level],
            f"Open the patient record (you will need to log in):\n{record_url}",
            f"Triage queue:\n{queue_url}",
            "This email has no clinical details on purpose: please read them "
            "in the diary.",
        ]
    )
    return EmailMessage(
        subject=f"Bone symptom diary: new {alert.level} alert, please check",
        body=body,
        to=alert.recipients,
    )


def send_alert(alert_id: int) -> bool:
    """Send one stored alert; True when it has been sent (now or before).

    The row stays locked while the mail goes out, so send_pending_alerts run
    while the on-commit send is under way skips it instead of sending it twice
    (PostgreSQL; SQLite runs one writer at a time anyway).
    """
    with transaction.atomic():
        alert = (
            AlertEmail.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("entry__patient__team", "entry__patient__user")
            .filter(pk=alert_id)
            .first()
        )
        if alert is None:  # being sent by another process right now
            return False
        if alert.sent_at:
            return True
        return _send_locked(alert)


def _send_locked(alert: AlertEmail) -> bool:
    unsent = AlertEmail.objects.filter(pk=alert.pk)
    try:
        build_message(alert).send()
    except Exception as exc:  # any mail failure: SMTP, DNS, TLS, refused address
        logger.exception(
            "Alert email %s could not be sent; it will be retried", alert.pk
        )
        unsent.update(attempts=F("attempts") + 1, last_error=repr(exc)[:1000])
        return False
    unsent.update(sent_at=timezone.now(), attempts=F("attempts") + 1, last_error="")
    return True


def send_pending() -> tuple[int, int]:
    """Retry every unsent alert, oldest first. Returns (sent, still unsent)."""
    sent = failed = 0
    for alert_id in (
        AlertEmail.objects.unsent().order_by("created_at").values_list("pk", flat=True)
    ):
        if send_alert(alert_id):
            sent += 1
        else:
            failed += 1
    return sent, failed
