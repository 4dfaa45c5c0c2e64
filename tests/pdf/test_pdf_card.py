"""The spinal cord compression alert card PDF (no database)."""

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from diary.pdf.card import build_alert_card_pdf
from diary.pdf.data import AlertCard

# The booklet's card (BCC30, back page), as clinical.rules.guidance will hold it.
PATIENT_SIDE = (
    "Having secondary breast cancer in the bone means you’re at risk of spinal "
    "cord compression.",
    "Contact your local A&E department or your specialist team straight away if "
    "you have any of these symptoms:",
    "• severe or unexplained back pain which may also be felt around the front "
    "of the chest and belly",
    "• pain in the back which changes when you lie down, stand up or lift something",
    "• difficulty walking",
    "• numbness or pins and needles in the fingers, toes or bottom",
    "• problems controlling urine or bowel movements",
)
PROFESSIONAL_SIDE = (
    "This patient has secondary breast cancer in the bone and is at risk of "
    "spinal cord compression.",
    "They may need an urgent MRI scan.",
    "They should be made comfortable and placed in a flat position to protect "
    "the spine.",
    "If spinal cord compression is confirmed they will need urgent treatment to "
    "prevent further damage to the spine.",
)
CARD = AlertCard(
    patient_name="Margaret O'Neill",
    nhs_number="9434765919",
    date_of_birth=date(1961, 4, 12),
    team_name="Demo Breast Care Team",
    specialist_team_phone="0161 496 0000",
    acute_oncology_phone="0800 123 4567",
    patient_side=PATIENT_SIDE,
    professional_side=PROFESSIONAL_SIDE,
)


def read(card: AlertCard) -> tuple[list, str]:
    reader = PdfReader(io.BytesIO(build_alert_card_pdf(card)))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    return reader.pages, text


def test_the_card_is_one_a4_page():
    pages, _ = read(CARD)
    assert len(pages) == 1
    box = pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4)


def test_both_sides_carry_their_headings_and_the_booklet_text():
    _, text = read(CARD)
    assert text.count("Spinal cord compression alert card") >= 3  # page + 2 sides
    assert "For patients" in text and "For healthcare professionals" in text
    assert "They may need an urgent MRI scan." in text
    assert "problems controlling urine or bowel movements" in text


def test_the_card_is_filled_with_the_patients_details_and_phones():
    _, text = read(CARD)
    assert "Name: Margaret O'Neill" in text
    assert "943 476 5919" in text
    assert "Date of birth: 12 Apr 1961" in text
    assert "Specialist team (Demo Breast Care Team): 0161 496 0000" in text
    assert "0800 123 4567" in text


def test_text_too_long_for_the_card_is_shrunk_not_cut():
    long_side = PATIENT_SIDE * 4 + ("Last words on the card.",)
    _, text = read(replace(CARD, patient_side=long_side))
    assert "Last words on the card." in text
    assert "24-hour helpline: 0800 123 4567" in text


def test_a_polish_name_and_team_print_as_typed_on_the_card():
    polish = replace(
        CARD, patient_name="Małgorzata Wiśniewska", team_name="Zespół Łódź"
    )
    _, text = read(polish)
    assert "For Małgorzata Wiśniewska" in text  # above the card
    assert "Name: Małgorzata Wiśniewska" in text
    assert "Patient: Małgorzata Wiśniewska, NHS number 943 476 5919" in text
    assert "Specialist team (Zespół Łódź): 0161 496 0000" in text


def test_names_that_look_like_markup_print_as_typed():
    _, text = read(replace(CARD, patient_name="<b>Ann</b> & Bo\x00b"))
    assert "<b>Ann</b> & Bob" in text


def strokes(card: AlertCard) -> list[tuple[float, float, float, float]]:
    """Every straight line drawn on the page, as (x1, y1, x2, y2) in points."""
    page = PdfReader(io.BytesIO(build_alert_card_pdf(card))).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    found = re.findall(r"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l", content)
    return [tuple(map(float, line)) for line in found]


def test_the_cut_marks_frame_a_credit_card_folded_in_half():
    lines = strokes(CARD)
    xs = sorted({x1 for x1, _, x2, _ in lines if x1 == x2})  # vertical marks
    ys = sorted({y1 for _, y1, _, y2 in lines if y1 == y2})  # horizontal marks
    left, fold, right = xs
    bottom, top = ys
    assert (fold - left) / mm == pytest.approx(85.6, abs=0.01)
    assert (right - fold) / mm == pytest.approx(85.6, abs=0.01)
    assert (top - bottom) / mm == pytest.approx(54, abs=0.01)
    # The marks stay off the card, so a cut along them leaves none on it.
    horizontal = [line for line in lines if line[1] == line[3]]
    assert all(max(x1, x2) < left or min(x1, x2) > right for x1, _, x2, _ in horizontal)


def test_the_page_says_to_print_at_actual_size():
    _, text = read(CARD)
    assert "Print at actual size (100%" in text


@settings(max_examples=20, deadline=None)
@given(name=st.text(max_size=200), phone=st.text(max_size=60))
@example(name="<?", phone="")  # the team's name went unescaped into the markup
def test_any_name_and_phone_give_a_card_that_opens(name, phone):
    odd = replace(CARD, patient_name=name, team_name=name, specialist_team_phone=phone)
    pages, _ = read(odd)
    assert len(pages) == 1
