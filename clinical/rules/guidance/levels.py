"""What to do at each level (red-flags.md "Levels") and what to say on the phone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class LevelAdvice:
    level: str
    headline: str
    detail: tuple[str, ...]
    # Profile phone codes, as call buttons in the order the headline names them.
    phones_to_call: tuple[str, ...]
    # "I have secondary breast cancer in the bone and ..." for red and amber;
    # what_to_say(flags) fills in the conditions.
    what_to_say_template: str = ""


WHAT_TO_SAY_OPENING = "I have secondary breast cancer in the bone"
WHAT_TO_SAY_TEMPLATE = WHAT_TO_SAY_OPENING + " and ..."
RED_HEADLINE = (
    "Contact your local A&E department or your specialist team straight away."
)
LEVEL_ADVICE: dict[str, LevelAdvice] = {
    "red": LevelAdvice(
        level="red",
        headline=RED_HEADLINE,
        detail=(),
        # Red can happen at night: the 24-hour line first.
        phones_to_call=("acute_oncology_phone", "specialist_team_phone"),
        what_to_say_template=WHAT_TO_SAY_TEMPLATE,
    ),
    "amber": LevelAdvice(
        level="amber",
        headline="Contact your specialist team today. If you can't reach them, "
        "use the 24-hour line or go to A&E.",
        detail=(),
        phones_to_call=("specialist_team_phone", "acute_oncology_phone"),
        what_to_say_template=WHAT_TO_SAY_TEMPLATE,
    ),
    "green": LevelAdvice(
        level="green",
        headline="Tell your specialist team or breast care nurse in working hours "
        "(within a few days).",
        detail=("This is not an emergency.",),
        phones_to_call=(),
    ),
}

# Amber outside the team's working hours. The booklet has no words about
# out-of-hours care (nor the 24-hour line), so this follows red-flags.md's
# amber advice ("If you can't reach them, use the 24-hour line or go to
# A&E") and the "the team will not see the entry until the next
# working day" (see __init__.py, note 9).
OUT_OF_HOURS_TEMPLATE = (
    "Your specialist team is closed now and will not see this entry until "
    "{when}. You can't reach them now: use the 24-hour line or go to A&E."
)
# Out of hours the 24-hour line is the one to call first.
OUT_OF_HOURS_PHONES = ("acute_oncology_phone", "specialist_team_phone")


def out_of_hours(when: str) -> str:
    """The amber out-of-hours sentence; `when` e.g. 'Monday 7 December at 9:00'."""
    return OUT_OF_HOURS_TEMPLATE.format(when=when)


CALL_BUTTON_LABELS = {
    "acute_oncology_phone": "Call the 24-hour acute oncology line",
    "specialist_team_phone": "Call your specialist team",
}

BACKFILL_PREFIX = "If you still have these symptoms, "


def backfilled(text: str) -> str:
    """For an entry dated before today: 'Contact ...' -> 'If you still have
    these symptoms, contact ...'."""
    return BACKFILL_PREFIX + text[:1].lower() + text[1:]


def headline(level: str, *, backfilled_entry: bool) -> str:
    text = LEVEL_ADVICE[level].headline
    return backfilled(text) if backfilled_entry else text


SAY_PHRASES: dict[str, str] = {
    "mscc": "possible spinal cord compression",
    "hypercalcaemia": "possible high calcium in the blood (hypercalcaemia)",
    "confusion": "confusion",
    "infection": "a possible infection",
    "bleeding": "unexplained bleeding or bruising",
    "vte": "a possible blood clot",
    "fracture": "a possible broken bone",
    "atypical_fracture": "lasting thigh, hip or groin pain on a bone-strengthening "
    "drug",
    "hypocalcaemia": "possible low calcium in the blood (hypocalcaemia)",
    "onj": "possible osteonecrosis of the jaw",
    "ear_osteonecrosis": "possible osteonecrosis of the ear",
    "uncontrolled_pain": "pain that is not under control",
    "fatigue": "severe or worsening tiredness",
}


class Flagged(Protocol):
    """A FlagResult, or a stored flag row: anything with a condition code."""

    condition: str


def what_to_say(flags: Iterable[Flagged]) -> str:
    """'I have secondary breast cancer in the bone and symptoms of possible
    spinal cord compression and a possible infection.' in the flags' order."""
    phrases = list(dict.fromkeys(SAY_PHRASES[flag.condition] for flag in flags))
    if not phrases:
        return WHAT_TO_SAY_OPENING + "."
    *others, last = phrases
    listed = f"{', '.join(others)} and {last}" if others else last
    return f"{WHAT_TO_SAY_OPENING} and symptoms of {listed}."
