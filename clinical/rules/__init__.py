"""Red-flag rules for the symptom diary (shared/clinical/red-flags.md).

Pure Python, no Django: importable without settings, so the scenario runner,
the benchmark and the tests run the very code a real save runs.
"""

from clinical.rules.catalogue import CONDITIONS, RULES
from clinical.rules.engine import evaluate, overall_level
from clinical.rules.model import (
    HISTORY_DAYS,
    EntryData,
    EntryFieldError,
    FlagResult,
    Profile,
    Triage,
)

__all__ = [
    "CONDITIONS",
    "HISTORY_DAYS",
    "RULES",
    "EntryData",
    "EntryFieldError",
    "FlagResult",
    "Profile",
    "Triage",
    "evaluate",
    "overall_level",
]
