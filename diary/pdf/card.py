"""The spinal cord compression alert card (booklet BCC30, back page) as a PDF.

Both sides print next to each other at credit-card size on an A4 page: cut
round the outside, fold along the middle with the print outwards, and the
card has the patient side on one face and the healthcare-professional side
on the other. Texts are passed in; this module only lays them out.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer

from clinical.rules.guidance import ALERT_CARD_TITLE
from diary.pdf.data import AlertCard
from diary.pdf.style import (
    FONT,
    FONT_BOLD,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SIDE_MARGIN,
    fit_line,
    format_date,
    format_nhs_number,
    markup,
    one_line,
)

CARD_WIDTH, CARD_HEIGHT = 85.6 * mm, 54 * mm
PATIENT_HEADING = "For patients"
PROFESSIONAL_HEADING = "For healthcare professionals"
INSTRUCTIONS = (
    'Print at actual size (100%, not "fit to page") so the card is credit-card '
    "size. Cut round the outside of the card at the corner marks. Fold it in half "
    "along the middle, with the printing on the outside, and glue or tape the "
    "halves together. Keep it with you, and if you think you have symptoms of "
    "spinal cord compression, hand it to any healthcare professional you see."
)
BAND_COLOUR = colors.HexColor("#7a1f4e")  # white on it: contrast above 9:1
OUTLINE_COLOUR = colors.HexColor("#b3b3b3")
BAND_HEIGHT = 8 * mm
PADDING = 2.5 * mm
LARGEST_SIZE, SMALLEST_SIZE, SIZE_STEP = 8.0, 5.5, 0.25
CUT_MARK, CUT_GAP = 5 * mm, 1.5 * mm
STRIP_LEFT = (PAGE_WIDTH - 2 * CARD_WIDTH) / 2
STRIP_BOTTOM = PAGE_HEIGHT - 70 * mm - CARD_HEIGHT


def _styles(size: float) -> tuple[ParagraphStyle, ParagraphStyle]:
    body = ParagraphStyle(
        f"card{size}",
        fontName=FONT,
        fontSize=size,
        leading=size * 1.2,
        spaceAfter=size * 0.3,
    )
    bullet = ParagraphStyle(
        f"bullet{size}",
        body,
        leftIndent=size,
        bulletIndent=0,
        bulletFontSize=size,
        spaceAfter=0,
    )
    return body, bullet


def _paragraphs(texts: Sequence[str], size: float) -> list[Flowable]:
    """Card text; a paragraph starting with "• " becomes a hanging bullet."""
    body, bullet = _styles(size)
    flowables: list[Flowable] = []
    for text in texts:
        if text.startswith("• "):
            flowables.append(Paragraph(markup(text[2:]), bullet, bulletText="•"))
        else:
            flowables.append(Paragraph(markup(text), body))
    return flowables


def _details(lines: Sequence[tuple[str, str]], size: float) -> list[Flowable]:
    """The patient's own details, one "label: value" a line."""
    body, _ = _styles(size)
    style = ParagraphStyle(f"detail{size}", body, spaceAfter=0)
    details = [
        # The label can hold the team's name, typed by staff: escaped like a
        # value. No <b>: bold is Helvetica, which cannot print every name.
        Paragraph(f"{markup(label)}: {markup(one_line(value)) or '-'}", style)
        for label, value in lines
    ]
    return [Spacer(1, size * 0.4), *details]


def _height(flowables: Sequence[Flowable], width: float) -> float:
    return sum(
        f.wrap(width, CARD_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        for f in flowables
    )


def _fitted(
    build: Callable[[float], list[Flowable]], width: float, height: float
) -> list[Flowable]:
    """The largest font size, down to SMALLEST_SIZE, at which the text fits."""
    size = LARGEST_SIZE
    flowables = build(size)
    while size > SMALLEST_SIZE and _height(flowables, width) > height:
        size = max(SMALLEST_SIZE, size - SIZE_STEP)
        flowables = build(size)
    return flowables


def _draw_side(
    canvas: Canvas,
    x: float,
    heading: str,
    build: Callable[[float], list[Flowable]],
) -> None:
    top = STRIP_BOTTOM + CARD_HEIGHT
    canvas.setFillColor(BAND_COLOUR)
    canvas.rect(x, top - BAND_HEIGHT, CARD_WIDTH, BAND_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(FONT_BOLD, 8.5)
    canvas.drawString(x + PADDING, top - 4.2 * mm, ALERT_CARD_TITLE)
    canvas.setFont(FONT_BOLD, 7)
    canvas.drawString(x + PADDING, top - 7 * mm, heading)
    width = CARD_WIDTH - 2 * PADDING
    height = CARD_HEIGHT - BAND_HEIGHT - 2 * PADDING
    # Past the smallest size, KeepInFrame scales the text down rather than let
    # it run off the card: cut-off safety text would be worse than small text.
    body = KeepInFrame(width, height, _fitted(build, width, height), mode="shrink")
    _, used = body.wrapOn(canvas, width, height)
    body.drawOn(canvas, x + PADDING, top - BAND_HEIGHT - PADDING - used)


def _corner_marks(canvas: Canvas, x: float, y: float, out_x: int, out_y: int) -> None:
    """Two short lines leading away from the corner (x, y), clear of the card."""
    canvas.line(x + out_x * CUT_GAP, y, x + out_x * (CUT_GAP + CUT_MARK), y)
    canvas.line(x, y + out_y * CUT_GAP, x, y + out_y * (CUT_GAP + CUT_MARK))


def _draw_cut_marks(canvas: Canvas) -> None:
    left, bottom = STRIP_LEFT, STRIP_BOTTOM
    right, top = left + 2 * CARD_WIDTH, bottom + CARD_HEIGHT
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.5)
    for x, out_x in ((left, -1), (right, 1)):
        for y, out_y in ((bottom, -1), (top, 1)):
            _corner_marks(canvas, x, y, out_x, out_y)
    fold = left + CARD_WIDTH
    canvas.setDash(2, 2)
    canvas.line(fold, top + CUT_GAP, fold, top + CUT_GAP + CUT_MARK)
    canvas.line(fold, bottom - CUT_GAP, fold, bottom - CUT_GAP - CUT_MARK)
    canvas.setDash()
    canvas.setFont(FONT, 7)
    canvas.setFillColor(colors.black)
    canvas.drawCentredString(fold, top + CUT_GAP + CUT_MARK + 2, "fold")
    # A faint outline helps with scissors; the marks are for a guillotine.
    canvas.setStrokeColor(OUTLINE_COLOUR)
    canvas.setLineWidth(0.3)
    canvas.rect(left, bottom, 2 * CARD_WIDTH, CARD_HEIGHT)
    canvas.line(fold, bottom, fold, top)


def _draw_page_text(canvas: Canvas, card: AlertCard) -> None:
    canvas.setFillColor(colors.black)
    canvas.setFont(FONT_BOLD, 16)
    canvas.drawString(SIDE_MARGIN, PAGE_HEIGHT - 25 * mm, ALERT_CARD_TITLE)
    canvas.setFont(FONT, 11)
    name = fit_line(one_line(card.patient_name), FONT, 11, PAGE_WIDTH - 60 * mm)
    canvas.drawString(SIDE_MARGIN, PAGE_HEIGHT - 32 * mm, f"For {name}")
    style = ParagraphStyle("instructions", fontName=FONT, fontSize=10, leading=13)
    instructions = Paragraph(INSTRUCTIONS, style)
    width = PAGE_WIDTH - 2 * SIDE_MARGIN
    _, height = instructions.wrapOn(canvas, width, 50 * mm)
    instructions.drawOn(canvas, SIDE_MARGIN, PAGE_HEIGHT - 38 * mm - height)


def build_alert_card_pdf(card: AlertCard) -> bytes:
    """One A4 page with both sides of the card, filled in, ready to cut out."""
    nhs = format_nhs_number(card.nhs_number)
    team = (
        f"Specialist team ({card.team_name})" if card.team_name else "Specialist team"
    )
    patient_details = [
        ("Name", card.patient_name),
        ("NHS number", nhs),
        (team, card.specialist_team_phone),
        ("24-hour helpline", card.acute_oncology_phone),
    ]
    born = format_date(card.date_of_birth) if card.date_of_birth else "Not recorded"
    professional_details = [
        ("Patient", f"{one_line(card.patient_name)}, NHS number {nhs}"),
        ("Date of birth", born),
        (team, card.specialist_team_phone),
        ("24-hour acute oncology", card.acute_oncology_phone),
    ]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    canvas.setTitle(ALERT_CARD_TITLE)
    _draw_page_text(canvas, card)
    _draw_side(
        canvas,
        STRIP_LEFT,
        PATIENT_HEADING,
        lambda size: (
            _paragraphs(card.patient_side, size) + _details(patient_details, size)
        ),
    )
    _draw_side(
        canvas,
        STRIP_LEFT + CARD_WIDTH,
        PROFESSIONAL_HEADING,
        lambda size: (
            _paragraphs(card.professional_side, size)
            + _details(professional_details, size)
        ),
    )
    _draw_cut_marks(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
