"""Patient-facing guidance: complete, and quoted word for word from the booklet."""

from __future__ import annotations

import re

import pytest

from clinical.rules import CONDITIONS, RULES, FlagResult
from clinical.rules import guidance as g
from tests.shared_docs import shared_text


def normalised(text: str) -> str:
    """Undo the PDF extraction: bullets, line breaks and lost hyphens."""
    text = text.replace("•", " ").replace("-", "")
    return re.sub(r"\s+", " ", text).strip()


def quotes() -> list[str]:
    texts = [*g.ALERT_CARD_FRONT, *g.ALERT_CARD_PATIENT, *g.ALERT_CARD_PROFESSIONAL]
    for guidance in g.GUIDANCE.values():
        texts += [*guidance.paragraphs, *guidance.symptoms, *guidance.after_symptoms]
        texts += guidance.self_care
    return sorted(set(texts))


@pytest.mark.parametrize("quote", quotes(), ids=lambda q: q[:40])
def test_every_quote_is_word_for_word_in_the_booklet(quote):
    booklet = shared_text("seeds/000_f469a195fea9ef2e.txt")
    assert normalised(quote) in normalised(booklet)


def test_every_flag_the_rules_can_raise_has_guidance():
    assert {rule.guidance_key for rule in RULES} <= set(g.GUIDANCE)
    assert set(CONDITIONS) <= set(g.GUIDANCE)


@pytest.mark.parametrize("key", sorted(g.GUIDANCE))
def test_every_guidance_has_a_title_text_and_page(key):
    guidance = g.GUIDANCE[key]
    assert guidance.title and guidance.paragraphs
    assert re.fullmatch(r"pp?\. \d.*", guidance.page)


def test_red_advice_uses_the_booklets_own_words():
    assert g.LEVEL_ADVICE["red"].headline.startswith(
        "Contact your local A&E department or your specialist team straight away"
    )
    assert g.LEVEL_ADVICE["red"].phones_to_call == (
        "acute_oncology_phone",
        "specialist_team_phone",
    )


def test_amber_advice_says_today_and_names_the_24_hour_line_and_a_and_e():
    advice = g.LEVEL_ADVICE["amber"]
    assert "today" in advice.headline
    assert "24-hour line" in advice.headline and "A&E" in advice.headline
    assert advice.phones_to_call == ("specialist_team_phone", "acute_oncology_phone")


def test_green_advice_is_not_an_emergency():
    advice = g.LEVEL_ADVICE["green"]
    assert "working hours" in advice.headline
    assert "This is not an emergency." in advice.detail


def test_mscc_guidance_is_the_alert_card_patient_side():
    mscc = g.GUIDANCE["mscc"]
    assert mscc.paragraphs[:2] == g.ALERT_CARD_PATIENT[:2]
    assert mscc.symptoms == g.ALERT_CARD_SYMPTOMS
    assert len(g.ALERT_CARD_SYMPTOMS) == 5


def test_fatigue_self_care_starts_with_telling_the_doctor():
    assert g.GUIDANCE["fatigue"].self_care[0] == (
        "tell your doctor about the fatigue, as its cause may be treatable"
    )


def test_raised_temperature_guidance_says_measure_again_in_an_hour():
    (advice,) = g.GUIDANCE["infection.green"].service_advice
    assert advice.startswith("Measure your temperature again in an hour.")
    assert g.LEVEL_ADVICE["amber"].headline in advice


def test_back_filled_guidance_starts_if_you_still_have_these_symptoms():
    text = g.headline("red", backfilled_entry=True)
    assert text == (
        "If you still have these symptoms, contact your local A&E department or "
        "your specialist team straight away."
    )
    assert g.headline("red", backfilled_entry=False) == g.RED_HEADLINE


def flag(condition: str, level: str = "amber") -> FlagResult:
    return FlagResult(condition, level, f"{condition}.{level}.x", {}, "", condition)


def test_what_to_say_names_the_conditions_in_plain_words():
    assert g.what_to_say([flag("mscc", "red"), flag("infection")]) == (
        "I have secondary breast cancer in the bone and symptoms of possible "
        "spinal cord compression and a possible infection."
    )
    assert g.what_to_say([flag("vte"), flag("bleeding"), flag("hypocalcaemia")]) == (
        "I have secondary breast cancer in the bone and symptoms of a possible "
        "blood clot, unexplained bleeding or bruising and possible low calcium in "
        "the blood (hypocalcaemia)."
    )
    assert g.what_to_say([]) == "I have secondary breast cancer in the bone."


def test_red_and_amber_advice_offer_the_what_to_say_template():
    for level in ("red", "amber"):
        assert g.LEVEL_ADVICE[level].what_to_say_template == (
            "I have secondary breast cancer in the bone and ..."
        )
    assert g.LEVEL_ADVICE["green"].what_to_say_template == ""


def test_every_condition_has_words_for_what_to_say():
    assert set(g.SAY_PHRASES) == set(CONDITIONS)


def test_alert_card_professional_side_asks_for_an_urgent_mri_and_flat_position():
    assert "They may need an urgent MRI scan." in g.ALERT_CARD_PROFESSIONAL
    assert any("flat position" in text for text in g.ALERT_CARD_PROFESSIONAL)
    assert "NHS number" in g.ALERT_CARD_FIELDS


def test_booklet_citation_names_the_booklet_and_edition():
    assert "BCC30" in g.BOOKLET_CITATION and "edition 5" in g.BOOKLET_CITATION
