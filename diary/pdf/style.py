"""House style shared by the PDF builders: fonts, A4 geometry, free text made
printable, and how dates and NHS numbers are written.

Anything that can hold typed or patient data prints in FONT, Noto Sans,
embedded so that names and notes in Polish, Romanian, Czech, Greek, Cyrillic
and other Latin-extended writing print as typed. FONT_BOLD, Helvetica-Bold,
holds only Windows-1252: it is for the app's own headings and labels.

Free text reaches a PDF in two ways and each has its own guard: `markup` for
Paragraph source (escaped, so `<b>` prints as typed) and `one_line` for
strings drawn straight onto the canvas.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from importlib.resources import as_file, files
from itertools import accumulate
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFont, registerFontFamily, stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from diary.charts import safe_text

# Compressed streams stay binary instead of being re-encoded as ASCII base-85:
# a fifth smaller, and one pure-Python pass over every page less.
rl_config.useA85 = 0

FONT, FONT_BOLD = "NotoSans", "Helvetica-Bold"
PAGE_WIDTH, PAGE_HEIGHT = A4
SIDE_MARGIN = 15 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * SIDE_MARGIN
_NON_DIGITS = re.compile(r"\D")
# A variable font: ReportLab reads its default instance, Regular, and cannot
# make a bold from it, so `<b>` in FONT's paragraphs is Helvetica-Bold, which
# is for the app's own words only. ReportLab embeds just the glyphs used.
with as_file(files("fontpkg_noto_sans") / "files" / "NotoSans[wdth,wght].ttf") as f:
    _NOTO = TTFont(FONT, str(f))
registerFont(_NOTO)
registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
# Noto Sans has Devanagari glyphs, but Devanagari letters must be joined and
# reordered by a shaping library, which ReportLab lacks: printed one by one
# they would misspell the words.
_NEEDS_SHAPING = (range(0x900, 0x980), range(0x1CD0, 0x1D00), range(0xA8E0, 0xA900))
_PRINTABLE = frozenset(
    code
    for code in _NOTO.face.charToGlyph
    if not any(code in block for block in _NEEDS_SHAPING)
)
# What Noto Sans lacks (Arabic, Hebrew, Chinese, emoji) prints as a box, and
# right-to-left scripts would print in the wrong order without a bidi and
# shaping library, so the report says plainly where text is missing.
CANNOT_PRINT = (
    "[Not all of this can be printed (emoji, or a script such as Arabic, "
    "Hebrew, Chinese or Hindi): read it in the diary app.]"
)


def markup(text: str) -> str:
    """Free text as Paragraph source that prints exactly what was typed."""
    return escape(safe_text(text)).replace("\n", "<br/>")


def _printable(char: str) -> bool:
    return ord(char) in _PRINTABLE


def with_print_warning(text: str) -> str:
    """Free text, followed by CANNOT_PRINT if FONT cannot print all of it."""
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
    # ReportLab does not kern, so a string is as wide as its characters.
    room = width - stringWidth("…", font, size)
    ends = accumulate(stringWidth(char, font, size) for char in text)
    return text[: sum(1 for end in ends if end <= room)] + "…"


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
