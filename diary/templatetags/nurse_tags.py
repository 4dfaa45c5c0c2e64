from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.safestring import SafeString

from accounts.models import PatientProfile
from clinical.rules import CONDITIONS
from diary.models import DailyEntry, Flag
from diary.nurse import timeline

register = template.Library()


@register.filter
def condition_name(code: str) -> str:
    return CONDITIONS.get(code, code)


@register.filter
def shown_level(flag: Flag) -> str:
    """UKONS: an amber flag on an entry that two or more ambers made red is red."""
    return "red" if is_escalated_amber(flag) else flag.level


@register.filter
def is_escalated_amber(flag: Flag) -> bool:
    return flag.level == "amber" and flag.entry.escalated


@register.simple_tag(takes_context=True)
def timeline_entries(
    context: dict[str, Any], entries: Iterable[DailyEntry], patient: PatientProfile
) -> SafeString:
    """The record's timeline page (diary.nurse.timeline), its "Acknowledge"
    links returning to this page."""
    return timeline.entries_html(entries, patient, context["request"].path)
