"""The patient's reminder choice and the reminders sent (diary/reminders/)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from accounts.models import PatientProfile

# Monday first, as datetime.weekday() counts them.
DAY_NAMES = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]


def validate_time_zone(name: str) -> None:
    if name not in zoneinfo.available_timezones():
        raise ValidationError("Choose a time zone from the list.")


class Reminder(models.Model):
    """When a patient wants reminding to fill in the diary. No row: off."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"

    patient = models.OneToOneField(
        PatientProfile, on_delete=models.CASCADE, related_name="reminder"
    )
    on = models.BooleanField("Remind me", default=True)
    local_time = models.TimeField("At", default=dt.time(18, 0))
    # Weekday numbers, Monday 0, as datetime.weekday(): "01234" for weekdays.
    days = models.CharField(max_length=7, default="0123456")
    channel = models.CharField(
        max_length=5, choices=Channel.choices, default=Channel.EMAIL
    )
    # The patient's own zone: her 18:00 stays 18:00 when the clocks change
    # or when she lives elsewhere. Here, not on the profile: only reminders
    # need it (entries are dated in the service's zone).
    time_zone = models.CharField(
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Reminder for {self.patient}"

    @property
    def weekdays(self) -> frozenset[int]:
        return frozenset(int(d) for d in self.days)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class SentReminder(models.Model):
    """One reminder sent: at most one per patient and local date, which is
    what stops two overlapping runs of send_reminders sending it twice."""

    patient = models.ForeignKey(
        PatientProfile, on_delete=models.CASCADE, related_name="sent_reminders"
    )
    local_date = models.DateField()
    channel = models.CharField(max_length=5, choices=Reminder.Channel.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "local_date"], name="one_reminder_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder to {self.patient} for {self.local_date}"
