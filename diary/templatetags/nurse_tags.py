from django import template

from clinical.rules import CONDITIONS
from diary.models import Flag

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
