"""Flags that wait too long: marked overdue, emailed to the lead nurses once.

The clock (docs/decisions/0007-escalation-clock.md), in the team's working
time (accounts/working_hours.py):

- red (and an amber shown as red, two or more ambers together): overdue once
  30 minutes of working time have passed, or once the team is closed at
  least 30 minutes after the flag was raised, whichever is first. A red never
  waits for the team to open again;
- amber: overdue once one working day (the team's longest day of the week)
  of working time has passed. Its email goes out only in working hours
  ("not outside hours unless red").

`manage.py escalate_overdue` (cron, beside send_pending_alerts) calls
`escalate_overdue`. It is safe to run twice at once: the escalation row is
one per flag (a one-to-one key), and its email is sent under a row lock that
a second run skips. Emails carry no clinical detail and no name, as the
alert emails (diary/alerts.py): level, team, how long, and the links.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts import working_hours as wh
from accounts.models import Team
from clinical.levels import URGENT, Level, rank
from diary.models import AuditEvent, Escalation, Flag, FlagQuerySet

logger = logging.getLogger(__name__)

RED_WAIT = dt.timedelta(minutes=30)


def deadline(cal: wh.Calendar, level: str, raised_at: dt.datetime) -> dt.datetime:
    """The instant after which a flag raised at `raised_at` is overdue."""
    if level == Level.RED:
        by_working_time = wh.add_working_time(cal, raised_at, RED_WAIT)
        # The first moment out of hours from 30 minutes after raising: a red
        # raised at night, or just before closing, is not left till morning.
        closed_then = wh.stretch_end(cal, raised_at + RED_WAIT)
        return min(by_working_time, closed_then)
    return wh.add_working_time(cal, raised_at, cal.longest_day)


def is_overdue(
    cal: wh.Calendar, level: str, raised_at: dt.datetime, now: dt.datetime
) -> bool:
    return now > deadline(cal, level, raised_at)


def with_waiting_since(flags: FlagQuerySet) -> FlagQuerySet:
    """`waiting_since`: when the flag's wait began. An edit that changes a
    flag's reasons withdraws it and raises a new one (services._reconcile_flags);
    if nobody had acknowledged the old one, the wait goes on from it, so that
    editing an entry never restarts the clock."""
    unseen_before = (
        Flag.objects.filter(
            entry=OuterRef("entry"),
            condition=OuterRef("condition"),
            status=Flag.Status.WITHDRAWN,
            acknowledgement__isnull=True,
            created_at__lt=OuterRef("created_at"),
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return flags.annotate(
        waiting_since=Coalesce(Subquery(unseen_before), F("created_at"))
    )


def waiting_since(flag: Flag) -> dt.datetime:
    since: dt.datetime = getattr(flag, "waiting_since", None) or flag.created_at
    return since


def shown_level(flag: Flag) -> str:
    """Red for an amber flag the queue shows as red (annotated `shown_rank`)."""
    shown_rank = getattr(flag, "shown_rank", None)
    return Level.RED if shown_rank == rank(Level.RED) else flag.level


def calendars(teams: Iterable[Team]) -> dict[int, wh.Calendar]:
    """Each team's calendar, in two queries (hours and holidays)."""
    unique = list({team.pk: team for team in teams}.values())
    prefetch_related_objects(unique, "working_hours", "bank_holidays")
    return {team.pk: team.working_calendar() for team in unique}


def overdue_ids(flags: Iterable[Flag], now: dt.datetime) -> set[int]:
    """The open red and amber flags among `flags` that are overdue now.

    The flags need `entry__patient` selected, and `shown_rank` (as
    FlagQuerySet.triage_order gives) and `waiting_since` annotated; three
    queries (the teams, their hours and holidays), whatever their number.
    """
    urgent = [f for f in flags if f.level in URGENT and f.status == Flag.Status.OPEN]
    team_ids = {f.entry.patient.team_id for f in urgent}
    cals = calendars(Team.objects.filter(pk__in=team_ids).only("time_zone"))
    return {
        f.pk
        for f in urgent
        if is_overdue(
            cals[f.entry.patient.team_id], shown_level(f), waiting_since(f), now
        )
    }


def lead_recipients(team: Team) -> list[str]:
    """The team's active lead nurses who are still its nurses; the team's
    alert address when it has none, so an escalation always goes somewhere."""
    leads = team.lead_nurses.filter(is_active=True, teams=team).order_by("email")
    return list(leads.values_list("email", flat=True)) or [team.alert_email]


def create_escalations(now: dt.datetime) -> list[int]:
    """Store an escalation for every flag overdue now; the new rows' ids."""
    waiting = with_waiting_since(
        Flag.objects.open()
        .filter(level__in=URGENT, escalation__isnull=True)
        .with_shown_rank()
        .select_related("entry__patient__team")
    )
    flags = list(waiting)
    cals = calendars(f.entry.patient.team for f in flags)
    created = []
    leads: dict[int, list[str]] = {}  # per team: one query each, not per flag
    for flag in flags:
        cal = cals[flag.entry.patient.team_id]
        level = shown_level(flag)
        if not is_overdue(cal, level, waiting_since(flag), now):
            continue
        if level != Level.RED and not wh.is_working(cal, now):
            continue  # an amber waits for working hours to be escalated
        team = flag.entry.patient.team
        if team.pk not in leads:
            leads[team.pk] = lead_recipients(team)
        escalation = _create_one(flag, level, leads[team.pk], now)
        if escalation is not None:
            created.append(escalation.pk)
    return created


def _create_one(
    flag: Flag, level: str, recipients: list[str], now: dt.datetime
) -> Escalation | None:
    with transaction.atomic():
        escalation, made = Escalation.objects.get_or_create(
            flag=flag,
            defaults={
                "level": level,
                "recipients": recipients,
                "created_at": now,
            },
        )
        if not made:  # another run got there first
            return None
        # No one's action: the actor is empty, as for other system events.
        AuditEvent.objects.create(
            patient=flag.entry.patient,
            action=AuditEvent.Action.ESCALATED,
            detail={
                "flag": flag.pk,
                "level": level,
                "waited_minutes": int(
                    (now - flag.created_at) / dt.timedelta(minutes=1)
                ),
                "recipients": len(escalation.recipients),
            },
        )
    return escalation


def waited(raised_at: dt.datetime, now: dt.datetime) -> str:
    """'1 hour 5 minutes', for the email."""
    minutes = max(int((now - raised_at) / dt.timedelta(minutes=1)), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [
        f"{n} {unit}{'' if n == 1 else 's'}"
        for n, unit in ((days, "day"), (hours, "hour"), (mins, "minute"))
        if n
    ]
    return " ".join(parts) or "less than a minute"


def build_message(escalation: Escalation, now: dt.datetime) -> EmailMessage:
    flag = escalation.flag
    patient = flag.entry.patient
    since = waiting_since(with_waiting_since(Flag.objects.filter(pk=flag.pk)).get())
    raised = timezone.localtime(since)
    level = escalation.level
    record_url = settings.SITE_URL + reverse("nurse:patient", args=[patient.pk])
    queue_url = settings.SITE_URL + reverse("nurse:queue")
    body = "\n\n".join(
        [
            f"A {level} flag raised at {raised:%H:%M} on {raised:%-d %B %Y} for "
            f"a patient of {patient.team.name} has not been acknowledged. It "
            f"has waited {waited(since, now)}.",
            "You are told as a lead nurse of the team: please make sure "
            "someone acts on it.",
            f"Open the patient record (you will need to log in):\n{record_url}",
            f"Triage queue:\n{queue_url}",
            "This email has no clinical details on purpose: please read them "
            "in the diary.",
        ]
    )
    return EmailMessage(
        subject=f"Bone symptom diary: a {level} flag is overdue, please check",
        body=body,
        to=escalation.recipients,
    )


def send_escalation(escalation_id: int, now: dt.datetime) -> bool | None:
    """Send one escalation email; True once it has been sent (now or before),
    False when sending failed, None when another run is sending it.

    Locked while sending: a second run skips the row instead of sending it
    twice (PostgreSQL; SQLite has one writer at a time anyway).
    """
    with transaction.atomic():
        escalation = (
            Escalation.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("flag__entry__patient__team")
            .filter(pk=escalation_id)
            .first()
        )
        if escalation is None:
            return None
        if escalation.sent_at:
            return True
        unsent = Escalation.objects.filter(pk=escalation.pk)
        try:
            build_message(escalation, now).send()
        except Exception as exc:  # any mail failure; the next run retries it
            logger.exception("Escalation email %s could not be sent", escalation.pk)
            unsent.update(attempts=F("attempts") + 1, last_error=repr(exc)[:1000])
            return False
        unsent.update(sent_at=timezone.now(), attempts=F("attempts") + 1, last_error="")
        return True


def escalate_overdue(now: dt.datetime | None = None) -> tuple[int, int, int]:
    """Escalate what is overdue and (re)send every unsent escalation email.

    Returns (new escalations, emails sent, emails still unsent).
    """
    now = now or timezone.now()
    created = create_escalations(now)
    sent = failed = 0
    unsent = Escalation.objects.filter(sent_at__isnull=True).order_by("created_at")
    for escalation_id in unsent.values_list("pk", flat=True):
        outcome = send_escalation(escalation_id, now)
        if outcome:
            sent += 1
        elif outcome is False:
            failed += 1
    return len(created), sent, failed
