"""The patient's "Remind me" form."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms

from diary.models import Reminder
from diary.models.reminders import DAY_NAMES
from diary.reminders import senders

ON, OFF = "on", "off"


class ReminderForm(forms.Form):
    on = forms.ChoiceField(
        label="Remind me to fill in the diary",
        choices=[(ON, "Yes, remind me"), (OFF, "No reminders")],
        widget=forms.RadioSelect,
    )
    local_time = forms.TimeField(
        label="At what time",
        help_text="For example 18:00.",
        input_formats=["%H:%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    days = forms.MultipleChoiceField(
        label="On which days",
        choices=[(str(i), name) for i, name in enumerate(DAY_NAMES)],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    channel = forms.ChoiceField(
        label="How",
        choices=Reminder.Channel.choices,
        widget=forms.RadioSelect,
        initial=Reminder.Channel.EMAIL,
    )
    time_zone = forms.ChoiceField(
        label="Your time zone",
        help_text="The time above is the time where you are.",
        choices=[(z, z) for z in sorted(zoneinfo.available_timezones())],
    )

    def __init__(self, *args: Any, sms_possible: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not sms_possible:
            # Text messages need Notify and her mobile number: without both,
            # offering them would be a choice that silently becomes email.
            del self.fields["channel"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("on") == ON and not data.get("days"):
            self.add_error("days", "Choose at least one day, or choose No reminders.")
        return data

    def reminder_values(self) -> dict[str, Any]:
        """The cleaned answers as set_reminder takes them."""
        data = self.cleaned_data
        return {
            "on": data["on"] == ON,
            "local_time": data["local_time"],
            "days": "".join(sorted(data["days"])),
            "channel": data.get("channel", Reminder.Channel.EMAIL),
            "time_zone": data["time_zone"],
        }


def initial_for(reminder: Reminder | None) -> dict[str, Any]:
    """The form's starting values: her choice, else 18:00 on weekdays, off."""
    if reminder is None:
        reminder = Reminder(on=False, days="01234")
    return {
        "on": ON if reminder.on else OFF,
        "local_time": reminder.local_time,
        "days": list(reminder.days),
        "channel": reminder.channel,
        "time_zone": reminder.time_zone,
    }


def sms_possible(mobile_phone: str) -> bool:
    return senders.sms_available() and bool(mobile_phone)
