"""The report's tables: red and amber flags, and the daily entries by month.

Cells hold plain pre-wrapped strings rather than Paragraphs: ReportLab draws
plain strings as they are (free text is never parsed as markup) and they cost
a fraction of a Paragraph, which matters for a year of entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle

from clinical.fields import choice_label
from diary.charts import safe_text
from diary.pdf.data import DayRow, FlagEvent
from diary.pdf.style import (
    FONT,
    FONT_BOLD,
    FRAME_WIDTH,
    format_day,
    format_when,
    one_line,
    with_print_warning,
)

SIZE, LEADING, PAD = 7.5, 9, 3
GRID_COLOUR = colors.HexColor("#9a9a9a")
DAY_RULE_COLOUR = colors.HexColor("#404040")
HEADER_FILL = colors.HexColor("#e8e8e8")
MONTH_FILL = colors.HexColor("#d4d4d4")
LEVEL_WORDS = {"red": "Red", "amber": "Amber", "green": "Green", "none": "No flags"}
# Tints behind the level word; the word itself carries the meaning.
LEVEL_TINTS = {
    "red": colors.HexColor("#f6d5d1"),
    "amber": colors.HexColor("#fde3b0"),
    "green": colors.HexColor("#dcefd8"),
}
NOT_ACKNOWLEDGED = "Not yet acknowledged"
EVENT_HEADER = (
    "Date",
    "Level",
    "Condition",
    "Reasons (the patient's words in brackets)",
    "Acknowledgement",
)
_EVENT_FIXED = (24 * mm, 12 * mm, 46 * mm, 54 * mm)
EVENT_WIDTHS = (*_EVENT_FIXED, FRAME_WIDTH - sum(_EVENT_FIXED))
# Flags waiting for acknowledgement need no acknowledgement column: the
# reasons get its room.
OPEN_HEADER = EVENT_HEADER[:3] + ("Reasons (the patient's words in brackets)",)
OPEN_WIDTHS = EVENT_WIDTHS[:3] + (FRAME_WIDTH - sum(EVENT_WIDTHS[:3]),)
# Date, flag level, pain, sites, fatigue, extra doses, temperature, warning signs;
# a day's notes go on a full-width row beneath it, where long notes stay short.
DAILY_HEADER = (
    "Date",
    "Flag",
    "Pain\n0-10",
    "Pain sites",
    "Fatigue\n0-10",
    "Extra\ndoses",
    "Temp\n°C",
    "Warning signs reported",
)
_DAILY_FIXED = (24 * mm, 13 * mm, 10 * mm, 30 * mm, 12 * mm, 11 * mm, 11 * mm)
DAILY_WIDTHS = (*_DAILY_FIXED, FRAME_WIDTH - sum(_DAILY_FIXED))
# Notes print in rows of at most this many lines, the first kept on the page
# of its day, so a long note runs on to the next page between rows; a row is
# never cut in two, which would leave part of it without its date.
NOTE_ROW_LINES = 30
# A month with less room than this under its name starts on a new page.
MONTH_ROOM = 40 * mm
# A flag's row is split across pages only if taller than a page (a nurse's
# note can be long); the minimum stops ReportLab splitting an ordinary row
# at the foot of a page, which leaves part of it without its date.
SPLIT_IN_ROW_MIN = 10 * LEADING


def level_word(level: str) -> str:
    return LEVEL_WORDS.get(level, one_line(level).title())


@lru_cache(maxsize=4096)
def _char_width(char: str) -> float:
    return stringWidth(char, FONT, SIZE)


def _width(text: str) -> float:
    # ReportLab measures in pure Python, so cache: per character (ReportLab does
    # not kern, so widths add up), which keeps no patient's words in memory.
    return sum(map(_char_width, text))


def wrap(text: str, width: float) -> str:
    """Free text wrapped to a column of this width; over-wide words are cut."""
    room, space = width - 2 * PAD, _width(" ")
    lines = []
    for paragraph in safe_text(text).split("\n"):
        line: list[str] = []
        used = -space
        for piece in (p for word in paragraph.split() for p in _cut(word, room)):
            if line and used + space + _width(piece) > room:
                lines.append(" ".join(line))
                line, used = [], -space
            line.append(piece)
            used += space + _width(piece)
        lines.append(" ".join(line))
    return "\n".join(lines)


def _cut(word: str, room: float) -> list[str]:
    if _width(word) <= room:
        return [word]
    pieces, current, used = [], "", 0.0
    for char in word:
        if current and used + _width(char) > room:
            pieces.append(current)
            current, used = "", 0.0
        current += char
        used += _width(char)
    return [*pieces, current]


def _base_style(header_rows: int) -> list[tuple[Any, ...]]:
    last_header = header_rows - 1
    return [
        ("FONT", (0, 0), (-1, -1), FONT, SIZE, LEADING),
        ("FONT", (0, 0), (-1, last_header), FONT_BOLD, SIZE, LEADING),
        ("BACKGROUND", (0, last_header), (-1, last_header), HEADER_FILL),
        ("GRID", (0, 0), (-1, -1), 0.25, GRID_COLOUR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


def _tint(level: str, row: int) -> list[tuple[Any, ...]]:
    """Tint the level cell (column 1) of a row, if the level has a tint."""
    if level not in LEVEL_TINTS:
        return []
    return [("BACKGROUND", (1, row), (1, row), LEVEL_TINTS[level])]


def _acknowledgement(event: FlagEvent) -> str:
    if event.acknowledged_by:
        when = event.acknowledged_at
        lines = [
            f"Acknowledged by {event.acknowledged_by}"
            + (f" on {format_when(when)}" if when else "")
        ]
        if event.action.strip():
            lines.append(f"Action: {event.action}")
        if event.note.strip():
            lines.append(f"Note: {with_print_warning(event.note)}")
        return "\n".join(lines)
    if event.status == "withdrawn":
        return "Withdrawn: the entry was changed"
    return NOT_ACKNOWLEDGED


def _reasons(event: FlagEvent, width: float) -> str:
    """Each reason in clinical wording, the patient's own wording beside it."""
    return "\n".join(
        wrap(f"• {clinical}" + (f" (patient: “{patient}”)" if patient else ""), width)
        for clinical, patient in event.reasons
    )


def _flags_table(
    events: Sequence[FlagEvent],
    header: Sequence[str],
    widths: Sequence[float],
    *,
    acknowledgements: bool,
) -> Table:
    data = [list(header)]
    style = _base_style(header_rows=1)
    for row, event in enumerate(events, start=1):
        texts = (format_day(event.day), level_word(event.level), event.condition)
        cells = [wrap(t, w) for t, w in zip(texts, widths, strict=False)]
        cells.append(_reasons(event, widths[3]))
        if acknowledgements:
            cells.append(wrap(_acknowledgement(event), widths[4]))
            if cells[-1] == NOT_ACKNOWLEDGED:
                style.append(("FONT", (4, row), (4, row), FONT_BOLD))
        data.append(cells)
        style += _tint(event.level, row)
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=SPLIT_IN_ROW_MIN)
    table.setStyle(TableStyle(style))
    return table


def open_flags_table(events: Sequence[FlagEvent]) -> Table:
    """Flags nobody has acknowledged yet: date, level, condition and reasons."""
    return _flags_table(events, OPEN_HEADER, OPEN_WIDTHS, acknowledgements=False)


def events_table(events: Sequence[FlagEvent]) -> Table:
    """Date, level, condition, reasons and who acknowledged it, one flag a row."""
    return _flags_table(events, EVENT_HEADER, EVENT_WIDTHS, acknowledgements=True)


def _score(score: int | None) -> str:
    # Blank, as the key under the table says: the question was not answered.
    return "" if score is None else str(score)


def _day_cells(row: DayRow) -> list[str]:
    sites = ", ".join(choice_label("pain_sites", code) for code in row.pain_sites)
    signs = (wrap(f"• {label}", DAILY_WIDTHS[7]) for label in row.warning_signs)
    day = format_day(row.day)
    if row.recorded_by:
        day += f"\nRecorded by {row.recorded_by}"
    return [
        wrap(day, DAILY_WIDTHS[0]),
        level_word(row.level),
        _score(row.pain_score),
        wrap(sites, DAILY_WIDTHS[3]),
        _score(row.fatigue_score),
        "" if row.breakthrough_doses is None else str(row.breakthrough_doses),
        "" if row.temperature_c is None else f"{row.temperature_c:.1f}",
        "\n".join(signs),
    ]


def _note_rows(row: DayRow) -> list[str]:
    """A day's notes, wrapped, as rows of at most NOTE_ROW_LINES lines."""
    if not row.notes.strip():
        return []
    lines = wrap(f"Notes: {with_print_warning(row.notes)}", FRAME_WIDTH).split("\n")
    step = NOTE_ROW_LINES
    chunks = [lines[i : i + step] for i in range(0, len(lines), step)]
    more = f"Notes for {format_day(row.day)}, continued:"
    return ["\n".join(c if i == 0 else [more, *c]) for i, c in enumerate(chunks)]


def _month_table(rows: Sequence[DayRow]) -> Table:
    """One month of days; the month and column names repeat on each page."""
    blank = [""] * (len(DAILY_WIDTHS) - 1)
    data = [[f"{rows[0].day:%B %Y}", *blank], list(DAILY_HEADER)]
    style = _base_style(header_rows=2) + [
        ("SPAN", (0, 0), (-1, 0)),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 9, 11),
        ("BACKGROUND", (0, 0), (-1, 0), MONTH_FILL),
        ("ALIGN", (2, 2), (2, -1), "CENTER"),
        ("ALIGN", (4, 2), (6, -1), "CENTER"),
    ]
    for row in rows:
        first = len(data)
        data.append(_day_cells(row))
        style += _tint(row.level, first)
        for note in _note_rows(row):
            style.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([note, *blank])
        style.append(("NOSPLIT", (0, first), (-1, min(first + 1, len(data) - 1))))
        last = len(data) - 1
        style.append(("LINEBELOW", (0, last), (-1, last), 0.9, DAY_RULE_COLOUR))
    table = Table(data, colWidths=DAILY_WIDTHS, repeatRows=2)
    table.setStyle(TableStyle(style))
    return table


def daily_tables(rows: Sequence[DayRow]) -> list[Flowable]:
    """The daily entries as one table per calendar month, in the rows' order.

    ReportLab re-measures every remaining row of a table at each page break,
    so a single table of a year's entries costs time quadratic in its length.
    """
    months = groupby(rows, key=lambda r: (r.day.year, r.day.month))
    tables: list[Flowable] = []
    for _, days in months:
        if tables:  # the section heading made room for the first month
            tables.append(CondPageBreak(MONTH_ROOM))
        tables.append(_month_table(list(days)))
    return tables
