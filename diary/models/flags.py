"""What the rules raised on an entry, who acknowledged it, and the alert emails."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import User
from clinical import fields as dd
from clinical import levels
from clinical.levels import Level, rank
from diary.models.entries import DailyEntry
from diary.models.levels import level_rank_expression


class FlagQuerySet(models.QuerySet["Flag"]):
    def open(self) -> FlagQuerySet:
        return self.filter(status=Flag.Status.OPEN)

    def current(self) -> FlagQuerySet:
        return self.exclude(status=Flag.Status.WITHDRAWN)

    def withdraw(self) -> int:
        """Withdraw these flags: kept, never deleted, since a nurse may have
        acted on them."""
        now = timezone.now()
        return self.update(
            status=Flag.Status.WITHDRAWN, withdrawn_at=now, updated_at=now
        )

    def for_nurse(self, user: User) -> FlagQuerySet:
        """Flags on the entries of patients in the nurse's teams (a subquery)."""
        return self.filter(entry__patient__team__in=user.team_ids())

    def with_shown_rank(self) -> FlagQuerySet:
        """`shown_rank`: the level's rank (clinical.levels), for sorting the
        nurse's queue.

        UKONS: two or more ambers mean red, so an amber flag on an entry that
        escalation made red sorts (and is shown) as red.
        """
        red = models.Q(level=Level.RED) | models.Q(
            level=Level.AMBER, entry__escalated=True
        )
        return self.annotate(
            shown_rank=models.Case(
                models.When(red, then=rank(Level.RED)),
                default=level_rank_expression("level"),
                output_field=models.IntegerField(),
            )
        )

    def triage_order(self) -> FlagQuerySet:
        """Most urgent first, then oldest first within a level."""
        ranked = self.with_shown_rank()
        return ranked.order_by("-shown_rank", "created_at", "pk")  # type: ignore[misc]  # an annotation stubs cannot see


class Flag(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        WITHDRAWN = "withdrawn", "Withdrawn by edit"

    entry = models.ForeignKey(
        DailyEntry, on_delete=models.CASCADE, related_name="flags"
    )
    condition = models.CharField(max_length=40)
    level = models.CharField(max_length=5, choices=levels.CHOICES)
    rule_id = models.CharField(max_length=80)
    reasons = models.JSONField(default=dict)
    source = models.CharField(max_length=200)
    guidance_key = models.CharField(max_length=80)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status", "level"])]

    def __str__(self) -> str:
        return f"{self.level} {self.condition} ({self.status})"

    def reason_lines(self) -> list[str]:
        return dd.describe_reasons(self.reasons)


class Acknowledgement(models.Model):
    """Who took a flag off the queue, when, and what they did.

    One per flag: the conditional update in services.acknowledge_flag decides
    who wins, and the one-to-one key is the database's final guard.
    """

    class Action(models.TextChoices):
        PHONED_PATIENT = "phoned_patient", "Phoned the patient"
        ADVISED_AE = "advised_ae", "Advised going to A&E"
        ARRANGED_ASSESSMENT = "arranged_assessment", "Arranged an assessment"
        REFERRED_PALLIATIVE_CARE = (
            "referred_palliative_care",
            "Referred to palliative care or symptom control",
        )
        CHANGED_PAIN_RELIEF = "changed_pain_relief", "Changed pain relief"
        NO_ACTION_NEEDED = "no_action_needed", "No action needed"
        OTHER = "other", "Other (say what in the note)"

    class Outcome(models.TextChoices):
        """What came of the contact: a list the service defined to count its
        work by (docs/service-report.md), not clinical advice or a grading."""

        ADVICE_GIVEN = "advice_given", "Advice given"
        SEEN_SAME_DAY = "seen_same_day", "Seen the same day"
        ADMITTED = "admitted", "Admitted to hospital"
        NO_ACTION_NEEDED = "no_action_needed", "No further action needed"

    flag = models.OneToOneField(
        Flag, on_delete=models.CASCADE, related_name="acknowledgement"
    )
    nurse = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Action values, in the order of the list: a nurse often does several
    # things about one flag (phoned the patient and advised A&E).
    actions = models.JSONField(default=list)
    note = models.TextField(max_length=dd.FREE_TEXT_MAX, blank=True)
    outcome = models.CharField(
        max_length=20, choices=Outcome.choices, blank=True, default=""
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.actions_display} by {self.nurse} ({self.flag})"

    @property
    def action_labels(self) -> list[str]:
        return [self.Action(value).label for value in self.actions]

    @property
    def referrals_display(self) -> str:
        """The referrals in one line, "" for none (they are prefetched or one query)."""
        return "; ".join(r.get_kind_display() for r in self.referrals.all())

    @property
    def actions_display(self) -> str:
        """All the actions in one line: "Phoned the patient; Advised going to A&E"."""
        return "; ".join(self.action_labels)


class Referral(models.Model):
    """A referral the nurse recorded as she acknowledged a flag: one row per
    kind, so the service report counts them in SQL (diary/reports/)."""

    class Kind(models.TextChoices):
        PALLIATIVE_CARE = "palliative_care", "Palliative care or supportive care"
        PAIN_TEAM = "pain_team", "Specialist pain team"
        ACUTE_ONCOLOGY = "acute_oncology", "Acute oncology"
        MSCC_COORDINATOR = "mscc_coordinator", "MSCC coordinator"
        GP = "gp", "GP"

    acknowledgement = models.ForeignKey(
        Acknowledgement, on_delete=models.CASCADE, related_name="referrals"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["acknowledgement", "kind"], name="one_referral_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.acknowledgement_id})"


class AlertEmailQuerySet(models.QuerySet["AlertEmail"]):
    def unsent(self) -> AlertEmailQuerySet:
        return self.filter(sent_at__isnull=True)


class AlertEmail(models.Model):
    """A red or amber alert to the team and the named nurse.

    Stored before it is sent, in the entry's own transaction, so an alert
    whose sending failed (or never ran) is retried by send_pending_alerts.
    """

    entry = models.ForeignKey(
        DailyEntry, on_delete=models.CASCADE, related_name="alert_emails"
    )
    flags = models.ManyToManyField(Flag, related_name="alert_emails")
    level = models.CharField(max_length=5, choices=levels.CHOICES)
    recipients = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    objects = AlertEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="alert_email_unsent",
            )
        ]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else "not sent"
        return f"{self.level} alert for {self.entry} ({state})"


class Escalation(models.Model):
    """A flag that waited too long, told to the team's lead nurses once.

    One row per flag (the one-to-one key): two escalate_overdue runs at once
    both try to insert it and only one row exists; the row is locked while
    its email goes out, so only one of them sends it.
    """

    flag = models.OneToOneField(
        Flag, on_delete=models.CASCADE, related_name="escalation"
    )
    # The level the queue showed: red for an amber that two ambers made red.
    level = models.CharField(max_length=5, choices=levels.CHOICES)
    recipients = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else "not sent"
        return f"Escalation of {self.flag} ({state})"
