"""The symptom diary report: an A4 PDF a patient can take to an appointment.

Pure: a DiaryReport in, PDF bytes out. Free text is always printed as text,
never as markup, and in the embedded Noto Sans (characters it lacks print as
boxes rather than failing, and free text holding them says so).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from clinical.levels import FLAG_LEVELS, URGENT
from clinical.rules.guidance import BOOKLET_CITATION
from diary.charts import breakthrough_chart, score_chart, series_summary
from diary.pdf.data import (
    DayRow,
    DiaryReport,
    FlagEvent,
    ReportHeader,
    report_series,
)
from diary.pdf.data import summarise as summarise_report
from diary.pdf.style import (
    FONT,
    FONT_BOLD,
    FRAME_WIDTH,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SIDE_MARGIN,
    fit_line,
    format_date,
    format_day,
    format_nhs_number,
    format_when,
    markup,
    one_line,
    with_print_warning,
)
from diary.pdf.tables import (
    GRID_COLOUR,
    LEVEL_WORDS,
    daily_tables,
    events_table,
    open_flags_table,
)

NO_ENTRIES = "No diary entries in this date range."
DAILY_KEY = (
    "Pain and fatigue: worst in the last 24 hours, 0 = none, 10 = worst "
    "imaginable. Extra doses: breakthrough pain relief doses taken. Temp: highest "
    "temperature, if measured. A blank cell means the question was not answered."
)

TOP_MARGIN, BOTTOM_MARGIN = 24 * mm, 20 * mm
FOOTER_Y = 8 * mm

BODY = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
TITLE = ParagraphStyle("title", BODY, fontName=FONT_BOLD, fontSize=16, leading=20)
HEADING = ParagraphStyle(
    "heading",
    BODY,
    fontName=FONT_BOLD,
    fontSize=12,
    leading=15,
    spaceBefore=10,
    spaceAfter=4,
)
SMALL = ParagraphStyle("small", BODY, fontSize=8, leading=10)
QUESTION = ParagraphStyle("question", BODY, spaceAfter=4)
# A section heading with less room than this under it starts a new page
# rather than standing alone at the foot of one.
HEADING_ROOM = 45 * mm


def _heading(text: str) -> list[Flowable]:
    return [CondPageBreak(HEADING_ROOM), Paragraph(text, HEADING)]


def _draw_page_frame(canvas: Canvas, _doc: Any, header: ReportHeader) -> None:
    """Running header and footer; "Page x of y" is added by _PageCountCanvas."""
    left, right = SIDE_MARGIN, PAGE_WIDTH - SIDE_MARGIN
    top = PAGE_HEIGHT - 11 * mm
    canvas.saveState()
    period = f"Symptom diary {format_day(header.start)} to {format_day(header.end)}"
    canvas.setFont(FONT, 9)
    canvas.drawRightString(right, top, period)
    name_room = FRAME_WIDTH - stringWidth(period, FONT, 9) - 12
    # The name in FONT, which has no bold, a size up to stand out instead.
    canvas.setFont(FONT, 12)
    canvas.drawString(
        left, top, fit_line(one_line(header.patient_name), FONT, 12, name_room)
    )
    born = format_date(header.date_of_birth) if header.date_of_birth else "Not recorded"
    details = (
        f"Date of birth: {born}    NHS number: {format_nhs_number(header.nhs_number)}"
        f"    Team: {one_line(header.team_name)}"
    )
    canvas.setFont(FONT, 9)
    canvas.drawString(left, top - 5 * mm, fit_line(details, FONT, 9, FRAME_WIDTH))
    canvas.setStrokeColor(GRID_COLOUR)
    canvas.line(left, top - 7.5 * mm, right, top - 7.5 * mm)
    canvas.line(left, 16 * mm, right, 16 * mm)
    canvas.setFont(FONT, 8)
    citation = f"Guidance from: {BOOKLET_CITATION}"
    canvas.drawString(left, 12 * mm, fit_line(citation, FONT, 8, FRAME_WIDTH))
    canvas.drawString(left, FOOTER_Y, f"Generated {format_when(header.generated_at)}")
    canvas.restoreState()


class _PageCountCanvas(Canvas):
    """Holds the finished pages until the end, when the page count is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self.setFont(FONT_BOLD, 8)
            self.drawRightString(
                PAGE_WIDTH - SIDE_MARGIN, FOOTER_Y, f"Page {number} of {total}"
            )
            super().showPage()
        super().save()


def _summary_block(report: DiaryReport) -> list[Flowable]:
    s = summarise_report(report)
    counts = ", ".join(
        f"{LEVEL_WORDS[level]} {report.flag_counts.get(level, 0)}"
        for level in FLAG_LEVELS
    )
    waiting = sum(e.status == "open" for e in report.events)
    if waiting:
        counts += f" ({waiting} red or amber not yet acknowledged)"
    doses = "Not answered"
    if s.breakthrough_per_day is not None:
        doses = (
            f"{s.breakthrough_total} in total; {s.breakthrough_per_day:.1f} a day "
            f"on the {s.breakthrough_days} days answered"
        )
    days = f"{s.days_logged} of {s.days_in_range}"
    if s.began_in_range:
        days += f" (diary began {s.began_in_range.day} {s.began_in_range:%b})"
    lines = [
        ("Days with an entry", days),
        ("Pain (0-10)", _score_summary(s.pain_mean, s.pain_worst)),
        ("Tiredness (0-10)", _score_summary(s.fatigue_mean, s.fatigue_worst)),
        ("Breakthrough pain relief doses", doses),
        ("Flags raised", counts),
    ]
    table = Table(lines, colWidths=[55 * mm, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, -1), FONT_BOLD, 9.5),
                ("FONT", (1, 0), (1, -1), FONT, 9.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID_COLOUR),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return [Paragraph("Summary", HEADING), table]


def _score_summary(mean: float | None, worst: int | None) -> str:
    if mean is None:
        return "Not logged"
    return f"average {mean:.1f}, worst {worst}"


def _profile_block(report: DiaryReport) -> list[Flowable]:
    heading = Paragraph("Clinical profile, as recorded by the team", HEADING)
    if not report.profile:
        return [heading, Paragraph("Not recorded.", BODY)]
    table = Table(
        [[Paragraph(markup(label), BODY), answer] for label, answer in report.profile],
        colWidths=[100 * mm, None],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (1, 0), (1, -1), FONT_BOLD, 9.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID_COLOUR),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [heading, table]


def _charts(report: DiaryReport) -> list[Flowable]:
    # Sized so that page 1 holds the profile, open flags, charts and questions.
    series = report_series(report)
    scores = score_chart(
        series,
        width=FRAME_WIDTH,
        height=150,
        title="Worst pain and tiredness each day (0 = none, 10 = worst imaginable)",
    )
    doses = breakthrough_chart(
        series,
        width=FRAME_WIDTH,
        height=90,
        title="Extra (breakthrough) pain relief doses each day",
    )
    summary = Paragraph(markup(series_summary(series)), SMALL)
    return [
        KeepTogether([Paragraph("Pain and tiredness", HEADING), scores, summary]),
        Spacer(1, 8),
        doses,
    ]


def _newest_first(events: Sequence[FlagEvent]) -> list[FlagEvent]:
    return sorted(
        (e for e in events if e.level in URGENT),
        key=lambda e: e.day,
        reverse=True,
    )


def _open_flags_block(events: Sequence[FlagEvent]) -> list[Flowable]:
    heading = Paragraph("Red and amber flags not yet acknowledged", HEADING)
    waiting = [e for e in _newest_first(events) if e.status == "open"]
    if not waiting:
        return [heading, Paragraph("None in this date range.", BODY)]
    return [heading, open_flags_table(waiting)]


def _events_block(events: Sequence[FlagEvent]) -> list[Flowable]:
    heading = _heading("Acknowledged and withdrawn red and amber flags")
    done = [e for e in _newest_first(events) if e.status != "open"]
    if not done:
        return [*heading, Paragraph("None in this date range.", BODY)]
    return [*heading, events_table(done)]


def _newest_days(rows: Sequence[DayRow]) -> list[DayRow]:
    return sorted(rows, key=lambda r: r.day, reverse=True)


def _daily_block(rows: Sequence[DayRow]) -> list[Flowable]:
    key = Paragraph(DAILY_KEY, SMALL)
    heading = _heading("Daily entries, newest first")
    return [*heading, key, Spacer(1, 4), *daily_tables(_newest_days(rows))]


def _questions_block(rows: Sequence[DayRow]) -> list[Flowable]:
    heading = _heading("Questions for my appointment")
    asked = [r for r in _newest_days(rows) if r.questions_for_team.strip()]
    if not asked:
        return [*heading, Paragraph("No questions recorded in this date range.", BODY)]
    return heading + [
        Paragraph(
            f"<b>{format_day(r.day)}:</b> "
            f"{markup(with_print_warning(r.questions_for_team))}",
            QUESTION,
        )
        for r in asked
    ]


def _story(report: DiaryReport) -> list[Flowable]:
    # Page 1 is what a clinic reads first: who, their profile, what is still
    # waiting for the team, the trend, and the patient's questions.
    title = Paragraph("Symptom diary report", TITLE)
    first = [title, *_profile_block(report), *_open_flags_block(report.events)]
    if not report.rows:
        return [
            *first,
            Spacer(1, 6),
            Paragraph(NO_ENTRIES, BODY),
            *_events_block(report.events),
        ]
    return [
        *first,
        *_charts(report),
        *_questions_block(report.rows),
        *_summary_block(report),
        *_events_block(report.events),
        *_daily_block(report.rows),
    ]


def build_diary_pdf(report: DiaryReport) -> bytes:
    """The diary report for the header's date range as PDF bytes."""
    buffer = io.BytesIO()
    frame = Frame(
        SIDE_MARGIN,
        BOTTOM_MARGIN,
        FRAME_WIDTH,
        PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    template = PageTemplate(
        "page", [frame], onPage=partial(_draw_page_frame, header=report.header)
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[template],
        title="Symptom diary report",
    )
    doc.build(_story(report), canvasmaker=_PageCountCanvas)
    return buffer.getvalue()
