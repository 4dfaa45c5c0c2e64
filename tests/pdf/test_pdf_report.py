"""The diary report PDF, built from plain data and read back with pypdf."""

import io
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from diary.pdf.data import (
    DayRow,
    DiaryReport,
    FlagEvent,
    ReportHeader,
    report_series,
    summarise,
)
from diary.pdf.diary import BOOKLET_CITATION, NO_ENTRIES, build_diary_pdf
from diary.pdf.style import CANNOT_PRINT, FONT, format_nhs_number
from diary.pdf.tables import PAD, SIZE, wrap

START = date(2025, 3, 3)  # a Monday
NAME = "Margaret O'Neill"


def header(days: int) -> ReportHeader:
    return ReportHeader(
        patient_name=NAME,
        date_of_birth=date(1961, 4, 12),
        nhs_number="9434765919",
        team_name="Demo Breast Care Team",
        start=START,
        end=START + timedelta(days=days - 1),
        generated_at=datetime(2025, 4, 1, 9, 30),
    )


def row(offset: int, **changes) -> DayRow:
    base = DayRow(
        day=START + timedelta(days=offset),
        pain_score=4,
        pain_sites=("back", "ribs_chest"),
        fatigue_score=3,
        breakthrough_doses=1,
        warning_signs=(),
        temperature_c=Decimal("37.1"),
        notes="Walked to the shop.",
        questions_for_team="",
        level="green",
    )
    return replace(base, **changes)


EVENTS = (
    FlagEvent(
        day=START + timedelta(days=1),
        condition="Possible spinal cord compression",
        level="red",
        reasons=(("Difficulty walking / limb weakness", "New difficulty walking"),),
        status="acknowledged",
        acknowledged_by="Sam Patel",
        acknowledged_at=datetime(2025, 3, 4, 10, 5),
        action="Phoned patient",
        note="Sent to A&E",
    ),
    FlagEvent(
        day=START + timedelta(days=2),
        condition="Possible high calcium",
        level="amber",
        reasons=(("Very thirsty", "Being very thirsty"),),
        status="open",
        acknowledged_by="",
        acknowledged_at=None,
        action="",
        note="",
    ),
)


def report(days: int = 28, rows=None, events=EVENTS) -> DiaryReport:
    if rows is None:
        rows = tuple(row(i, pain_score=i % 11) for i in range(days) if i % 4 != 3)
    counts = {"red": 1, "amber": 1, "green": 5}
    return DiaryReport(header(days), tuple(rows), tuple(events), counts)


def pages(pdf: bytes) -> list[str]:
    """Each page's text, with table cells and wrapped lines run together."""
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture(scope="module")
def month_pages() -> list[str]:
    rows = [row(i, pain_score=i % 11) for i in range(28) if i % 4 != 3]
    rows[1] = row(
        1, pain_score=8, warning_signs=("New difficulty walking",), level="red"
    )
    rows[2] = row(2, questions_for_team="Can I go swimming?", level="amber")
    return pages(build_diary_pdf(report(rows=rows)))


def test_the_summary_counts_logged_days_and_averages_the_scores():
    rows = (
        row(0, pain_score=2, fatigue_score=5, breakthrough_doses=None),
        row(1, pain_score=8, fatigue_score=1, breakthrough_doses=3),
        row(2, pain_score=5, fatigue_score=3, breakthrough_doses=0),
    )
    s = summarise(report(days=7, rows=rows))
    assert (s.days_logged, s.days_in_range) == (3, 7)
    assert (s.pain_mean, s.pain_worst) == (5, 8)
    assert (s.fatigue_mean, s.fatigue_worst) == (3, 5)
    assert (s.breakthrough_total, s.breakthrough_days) == (3, 2)
    assert s.breakthrough_per_day == 1.5


def test_the_charts_get_one_point_per_day_with_gaps_where_nothing_was_logged():
    rows = (row(0, pain_score=2), row(2, pain_score=7, breakthrough_doses=None))
    points = report_series(report(days=4, rows=rows))
    assert [p.pain for p in points] == [2, None, 7, None]
    assert [p.breakthrough for p in points] == [1, None, None, None]


def test_an_empty_summary_has_no_averages():
    s = summarise(report(days=7, rows=()))
    assert s.pain_mean is None and s.breakthrough_per_day is None


def test_nhs_numbers_print_in_three_three_four_groups():
    assert format_nhs_number("9434765919") == "943 476 5919"
    assert format_nhs_number("943 476 5919") == "943 476 5919"
    assert format_nhs_number("") == "Not recorded"


def test_every_page_carries_the_patient_number_range_and_booklet_citation(month_pages):
    assert len(month_pages) > 1
    for text in month_pages:
        assert NAME in text
        assert "943 476 5919" in text
        assert "Date of birth: 12 Apr 1961" in text
        assert "Team: Demo Breast Care Team" in text
        assert "Mon 3 Mar 2025 to Sun 30 Mar 2025" in text
        assert f"Guidance from: {BOOKLET_CITATION}" in text
        assert "Generated 1 Apr 2025 at 09:30" in text


def test_pages_are_numbered_page_x_of_y(month_pages):
    total = len(month_pages)
    for number, text in enumerate(month_pages, start=1):
        assert f"Page {number} of {total}" in text


def test_the_days_scores_sites_and_warning_signs_are_listed(month_pages):
    text = " ".join(month_pages)
    assert "Days with an entry 21 of 28" in text
    assert "Flags raised Red 1, Amber 1, Green 5 (1 red or amber not yet" in text
    assert "Tue 4 Mar 2025 Red 8 Back, Ribs or chest" in text
    assert "New difficulty walking" in text
    assert "Notes: Walked to the shop." in text
    assert "Wed 5 Mar 2025 Amber" in text
    assert "Mon 3 Mar 2025 Green 0 Back, Ribs or chest 3 1 37.1" in text


def test_red_and_amber_flags_show_who_acknowledged_them(month_pages):
    text = " ".join(month_pages)
    assert "Possible spinal cord compression" in text
    assert "Acknowledged by Sam Patel on 4 Mar 2025 at 10:05" in text
    assert "Action: Phoned patient" in text
    assert (
        "Wed 5 Mar 2025 Amber Possible high calcium • Very thirsty (patient: “Being "
        "very thirsty”)" in text
    )


def test_questions_are_collected_with_their_dates(month_pages):
    text = month_pages[0]
    assert "Questions for my appointment" in text
    assert "Wed 5 Mar 2025: Can I go swimming?" in text


def test_a_year_takes_more_pages_than_a_month(month_pages):
    year = PdfReader(io.BytesIO(build_diary_pdf(report(days=365)))).pages
    assert len(year) > 3 * len(month_pages)
    assert f"Page {len(year)} of {len(year)}" in year[-1].extract_text()


def test_an_empty_range_still_gives_a_pdf_that_says_so():
    text = pages(build_diary_pdf(report(rows=(), events=())))
    assert len(text) == 1
    assert NO_ENTRIES in text[0] and NAME in text[0]


def test_markup_in_free_text_prints_as_typed():
    typed = "<b>not bold</b> & <para>x</para> &amp; <font size=40>"
    rows = [row(0, notes=typed, questions_for_team=typed)]
    tricky = report(rows=rows, events=())
    tricky = replace(tricky, header=replace(tricky.header, patient_name="<i>Ann</i>"))
    text = " ".join(pages(build_diary_pdf(tricky)))
    assert text.count("<b>not bold</b> & <para>x</para> &amp;") == 2
    assert "<i>Ann</i>" in text


def test_a_very_long_word_is_cut_to_fit_its_column():
    lines = wrap("x" * 500 + " tail", 40).split("\n")
    assert len(lines) > 5 and lines[-1].endswith(" tail")
    assert all(stringWidth(line, FONT, SIZE) <= 40 - 2 * PAD for line in lines)


def test_notes_longer_than_a_page_run_on_to_the_next_saying_whose_they_are():
    notes = "line\n" * 399 + "the end"  # within the 2000-character limit
    pdf = build_diary_pdf(report(rows=[row(0), row(1, notes=notes)], events=()))
    text = pages(pdf)
    assert len(text) > 5
    continued = [t for t in text if "Notes for Tue 4 Mar 2025, continued:" in t]
    assert len(continued) >= 4
    assert "line the end Mon 3 Mar 2025 Green" in text[-1]


def test_the_daily_section_heading_never_ends_a_page_without_its_table():
    long = row(1, notes="line\n" * 150, warning_signs=(WALKING,), level="red")
    text = pages(build_diary_pdf(report(days=3, rows=[row(0), long], events=())))
    (page,) = [t for t in text if "Daily entries" in t]
    assert "March 2025 Date Flag" in page


def test_a_note_of_nothing_but_line_breaks_takes_no_extra_pages():
    breaks = "\n" * 1000 + " \n" * 500
    rows = [row(0, notes=breaks, questions_for_team=breaks)]
    events = [replace(EVENTS[0], note=breaks)]
    pdf = build_diary_pdf(report(days=1, rows=rows, events=events))
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2


ODD_TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["مرحبا بالعالم", "שלום עולם", "😀🦴💊", "\u202etxet\u202c"]),
)


@settings(max_examples=30, deadline=None)
@given(notes=ODD_TEXT, question=ODD_TEXT, other=ODD_TEXT)
@example(
    notes="<para><b>unclosed & </font>", question="\x00\x01\x1b[31m\ud7ff", other="<"
)
@example(notes="a" * 2000, question="\n\n\n", other="&" * 300)
def test_any_free_text_gives_a_pdf_that_opens(notes, question, other):
    # `other` fills the typed fields that are not the patient's diary: the
    # patient's and team's names, and a nurse's acknowledgement note.
    rows = [row(0, notes=notes, questions_for_team=question), row(1)]
    events = [replace(EVENTS[0], note=other, acknowledged_by=other)]
    odd = report(days=3, rows=rows, events=events)
    odd = replace(odd, header=replace(odd.header, patient_name=other, team_name=other))
    reader = PdfReader(io.BytesIO(build_diary_pdf(odd)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Symptom diary report" in text and "Page 1 of" in text


WALKING = "New difficulty walking, or new weakness or heaviness in your legs or arms"


@pytest.mark.parametrize("note_lines", range(0, 60, 3))
def test_a_days_warning_signs_stay_on_the_page_of_its_date(note_lines):
    # Days print newest first: longer or shorter April notes move the start
    # of the March table up and down the page: 3 March must never have its
    # date on one page and its warning signs on the next.
    april = [row(i, notes="") for i in range(29, 60)]
    april[-1] = row(59, notes="line\n" * note_lines)
    march = row(0, warning_signs=(WALKING, "Being very thirsty"), level="red")
    text = pages(build_diary_pdf(report(days=60, rows=[march, *april], events=())))
    (page,) = [t for t in text if "Mon 3 Mar 2025 Red" in t]
    assert "Mon 3 Mar 2025 Red 4 Back, Ribs or chest 3 1 37.1" in page
    assert WALKING in page and "Being very thirsty" in page


def test_text_the_fonts_cannot_print_is_flagged_rather_than_silently_lost():
    rows = [
        row(0, notes="Back pain 😀", questions_for_team="مرحبا"),
        row(1, notes="Café, 37.5 °C – “fine” £5 ½", questions_for_team="Naïve?"),
        row(2, notes="\u202eevil\u202c order", questions_for_team="Zażółć gęślą?"),
    ]
    text = " ".join(pages(build_diary_pdf(report(days=3, rows=rows, events=()))))
    assert text.count(CANNOT_PRINT) == 2  # day 1's note and question only
    assert "Café, 37.5 °C – “fine” £5 ½" in text and "Naïve?" in text
    assert "Zażółć gęślą?" in text
    assert "Notes: evil order" in text  # bidi override dropped, not obeyed


POLISH_NAME = "Małgorzata Wiśniewska"
POLISH_NOTE = "Ból pleców w nocy, źle śpię"


def test_a_polish_name_and_note_print_as_typed_with_no_warning():
    rows = [row(0, notes=POLISH_NOTE, questions_for_team="Czy mogę pływać?")]
    events = [replace(EVENTS[0], acknowledged_by="Łucja Kowalczyk", note="Dzwoniłam")]
    diary = report(days=1, rows=rows, events=events)
    diary = replace(
        diary,
        header=replace(diary.header, patient_name=POLISH_NAME, team_name="Zespół Łódź"),
    )
    text = pages(build_diary_pdf(diary))
    assert all(f"{POLISH_NAME} " in page for page in text)  # every page's header
    joined = " ".join(text)
    assert "Team: Zespół Łódź" in joined
    assert f"Notes: {POLISH_NOTE}" in joined
    assert "Mon 3 Mar 2025: Czy mogę pływać?" in joined
    assert "Acknowledged by Łucja Kowalczyk" in joined and "Note: Dzwoniłam" in joined
    assert CANNOT_PRINT not in joined


@pytest.mark.parametrize(
    "typed",
    [
        "Болить спина вночі, ледве ходжу",  # Ukrainian
        "Боли ме гърбът, щом стана",  # Bulgarian
        "Πόνος στη μέση, δεν κοιμήθηκα",  # Greek
        "Mă doare spatele, nu pot ține ceașca",  # Romanian
        "Bolí mě záda, v noci špatně spím, řeknu to",  # Czech
        "Skauda nugarą, ėjau į parduotuvę",  # Lithuanian
        "Sırt ağrısı, iyi uyuyamadım",  # Turkish
    ],
)
def test_cyrillic_greek_and_latin_extended_notes_print_as_typed(typed):
    rows = [row(0, notes=typed, questions_for_team=typed)]
    text = " ".join(pages(build_diary_pdf(report(days=1, rows=rows, events=()))))
    assert text.count(f"Notes: {typed}") == 1
    assert text.count(f"Mon 3 Mar 2025: {typed}") == 1
    assert CANNOT_PRINT not in text


@pytest.mark.parametrize(
    "typed",
    [
        "ألم في الظهر",  # Arabic: needs shaping and right-to-left order
        "כאב גב",  # Hebrew
        "背痛",  # Chinese: not in the font
        "Back pain 😀",  # emoji
        "पीठ में दर्द",  # Hindi: the font has the letters but they need shaping
    ],
)
def test_scripts_the_pdf_cannot_print_still_get_the_warning(typed):
    rows = [row(0, notes=typed, questions_for_team=typed)]
    text = " ".join(pages(build_diary_pdf(report(days=1, rows=rows, events=()))))
    assert text.count(CANNOT_PRINT) == 2  # under the note and under the question


PRINTABLE_WORDS = st.lists(
    st.text(alphabet="abcXYZ<>&;/=\"'#!é€łśżąęșțřΩЖї", min_size=1, max_size=12),
    min_size=1,
    max_size=20,
)


@settings(max_examples=25, deadline=None)
@given(words=PRINTABLE_WORDS)
@example(words=["<b>", "&amp;", "</para>", "<font", "size=40>", "&#60;"])
def test_printable_free_text_comes_back_word_for_word(words):
    typed = " ".join(words)
    rows = [row(0, notes=typed, questions_for_team=typed)]
    text = " ".join(pages(build_diary_pdf(report(days=1, rows=rows, events=()))))
    assert text.count(f"Notes: {typed}") == 1
    assert text.count(f"Mon 3 Mar 2025: {typed}") == 1
    assert CANNOT_PRINT not in text
