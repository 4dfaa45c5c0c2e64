"""Text for charts and printouts: cleaned free text and the charts' text alternative."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from diary.charts.series import DayPoint

# Characters XML 1.0 cannot hold, C1 controls and lone surrogates: ReportLab
# and browsers either reject them or print garbage.
_UNPRINTABLE = re.compile("[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Bidi embedding and override controls: invisible, and able to make printed
# text read in a different order from what was typed.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Three or more line breaks with only spaces between: one blank line is kept,
# so a note of nothing but returns cannot fill pages with white space.
_BLANK_LINES = re.compile(r"\n[ ]*(?:\n[ ]*){2,}")


def safe_text(text: str) -> str:
    """Free text with only characters that PDF, SVG and XML can carry."""
    # Composed form: a letter typed as base + combining accent becomes the one
    # glyph the font has, instead of an accent the PDF places off its letter.
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _BIDI_CONTROLS.sub("", _UNPRINTABLE.sub("", text))
    return _BLANK_LINES.sub("\n\n", text)


def _describe(name: str, values: Sequence[int]) -> str:
    low, high = min(values), max(values)
    mean = sum(values) / len(values)
    if low == high:
        return f"{name} stayed at {low}"
    return f"{name} ranged from {low} to {high} (average {mean:.1f})"


def _days(count: int) -> str:
    return f"{count} logged day" if count == 1 else f"{count} logged days"


def series_summary(series: Sequence[DayPoint]) -> str:
    """A one-sentence text alternative to the charts."""
    pain = [p.pain for p in series if p.pain is not None]
    fatigue = [p.fatigue for p in series if p.fatigue is not None]
    doses = [p.breakthrough for p in series if p.breakthrough is not None]
    if not pain and not fatigue:
        return f"Nothing was logged in these {len(series)} days."
    parts = []
    if pain:
        parts.append(
            f"{_describe('Pain', pain)} over {_days(len(pain))} out of {len(series)}"
        )
    if fatigue:
        described = _describe("fatigue" if pain else "Fatigue", fatigue)
        parts.append(f"{described} over {_days(len(fatigue))}")
    if doses:
        parts.append(
            f"breakthrough doses: {sum(doses)} in total over "
            f"{len(doses)} answered day{'s' if len(doses) != 1 else ''}"
        )
    return "; ".join(parts) + "."
