"""The queue's flag cards written in Python (cards.card_html) are the HTML
the card template wrote, byte for byte, in every branch."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from django.template import engines

from diary.nurse.cards import FlagCard, Phone, card_html

# nurse/includes/flag_card.html before 2026-12-04, kept as the reference.
TEMPLATE = (Path(__file__).parent / "flag_card_before.html").read_text()

CARD = FlagCard(
    pk=7,
    level="amber",
    escalated_amber=False,
    overdue=False,
    patient_name="Ann O'Brien <script>",
    patient_url="/nurse/patients/7/",
    nhs_number="943 476 5919",
    phones=[
        Phone("Specialist team", "0161 496 0000", "tel:01614960000"),
        Phone("24-hour acute oncology", "0161 496 0999 & ask", "tel:01614960999"),
    ],
    condition="Possible blood clot (DVT)",
    reason_lines=["Swollen leg: yes", "Pain 7 <of 10>"],
    diary_day="Thu 3 Dec",
    saved_at="Thu 3 Dec, 09:15",
    entered_by="",
    open_for="2\xa0hours, 5\xa0minutes",
    acknowledge_url="/nurse/flags/7/acknowledge/",
    entry_url="/nurse/patients/7/entries/2026-12-03/",
    entry_day_long="3 December",
)

VARIANTS = {
    "every part": {},
    "red because two ambers, overdue": {
        "level": "red",
        "escalated_amber": True,
        "overdue": True,
    },
    "no NHS number, phones or reasons": {
        "nhs_number": "",
        "phones": [],
        "reason_lines": [],
    },
    "one phone, entered by a carer": {
        "phones": CARD.phones[:1],
        "entered_by": "entered by carer Chris O'Carer for Ann",
    },
    "green, by a nurse": {"level": "green", "entered_by": "by a nurse"},
}


@pytest.mark.parametrize("changes", VARIANTS.values(), ids=VARIANTS.keys())
def test_a_card_is_the_html_the_template_wrote(changes):
    card = dataclasses.replace(CARD, **changes)
    expected = engines["django"].from_string(TEMPLATE).render({"card": card})
    assert card_html(card) == expected


def test_names_and_reasons_are_escaped():
    html = card_html(CARD)
    assert "Ann O&#x27;Brien &lt;script&gt;" in html
    assert "<li>Pain 7 &lt;of 10&gt;</li>" in html
