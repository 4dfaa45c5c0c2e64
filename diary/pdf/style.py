"""House style shared by the PDF builders: fonts, A4 geometry, free text made
printable, and how dates and NHS numbers are written.

Free text reaches a PDF in two ways and each has its own guard: `markup` for
Paragraph source (escaped, so `<b>` prints as typed) and `one_line` for
strings drawn straight onto the canvas.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from diary.charts import safe_text

# Compressed streams stay binary instead of being re-encoded as ASCII base-85:
# a fifth smaller, and one pure-Python pass over every page less.
rl_config.useA85 = 0

FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"
PAGE_WIDTH, PAGE_HEIGHT = A4
SIDE_MARGIN = 15 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * SIDE_MARGIN
_NON_DIGITS = re.compile(r"\D")
# The narrowest Helvetica glyphs are about a fifth of the font size wide.
_NARROWEST_GLYPH = 0.2
# The standard fonts hold only the Windows-1252 characters: anything else
# (Arabic, Hebrew, Chinese, emoji) prints as a black box. Embedding a Unicode
# font would still print right-to-left scripts in the wrong order without a
# bidi and shaping library, so the report says plainly where text is missing.
CANNOT_PRINT = (
    "[Not all of this can be printed (emoji or a non-Latin script): "
    "read it in the diary app.]"
)


def markup(text: str) -> str:
    """Free text as Paragraph source that prints exactly what was typed."""
    return escape(safe_text(text)).replace("\n", "<br/>")


@lru_cache(maxsize=4096)
def _printable(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def with_print_warning(text: str) -> str:
    """Free text, followed by CANNOT_PRINT if the fonts lack some of it."""
    if all(map(_printable, safe_text(text).replace("\n", ""))):
        return text
    return f"{text}\n{CANNOT_PRINT}"


def one_line(text: str) -> str:
    """Free text for a single canvas line: no newlines, no runs of spaces."""
    return " ".join(safe_text(text).split())


def fit_line(text: str, font: str, size: float, width: float) -> str:
    """Cut a one-line text to the width, ending with an ellipsis if cut."""
    if stringWidth(text, font, size) <= width:
        return text
    text = text[: int(width / (size * _NARROWEST_GLYPH))]
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def format_nhs_number(number: str) -> str:
    """NHS numbers print 3-3-4 ("943 476 5919"); anything else prints as given."""
    digits = _NON_DIGITS.sub("", number)
    if len(digits) == 10:
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return one_line(number) or "Not recorded"


def format_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def format_day(day: date) -> str:
    """A diary day with its weekday, which people remember days by."""
    return f"{day:%a} {format_date(day)}"


def format_when(moment: datetime) -> str:
    return f"{format_date(moment)} at {moment:%H:%M}"
