"""Patient-facing wording for each flag, quoted from the booklet.

Source: Breast Cancer Care, "Secondary breast cancer in the bone" (BCC30,
edition 5), shared/seeds/000_f469a195fea9ef2e.txt. `paragraphs`, `symptoms`
and `self_care` are verbatim quotes (only the PDF extraction's line breaks and
lost hyphens, "bonestrengthening", are repaired; tests/rules/test_guidance.py
checks every quote against the booklet text). `service_advice` holds the few
instructions that come from the service's own rules (red-flags.md), not the
booklet; nothing here is invented clinical advice.

Where red-flags.md and the booklet disagree, the app follows red-flags.md:
1. Alert card (p. 19, back page): any of its five symptoms means "contact your
   local A&E department or your specialist team straight away". red-flags.md
   makes some of them amber: back pain that changes when lying down, standing
   or lifting, and severe or unexplained back pain (score >= 7, new, rising).
2. Hypercalcaemia (p. 20): "seek medical advice if you have any of these
   symptoms"; red-flags.md flags only combinations (one sign alone, e.g.
   constipation or nausea, gives no hypercalcaemia flag).
3. Blood clots (p. 22): every listed symptom means "contact your local A&E
   department, GP or specialist team straight away"; red-flags.md makes leg
   swelling and central-line swelling amber, not red.
4. Low calcium (p. 12): early symptoms include tingling "in the hands and
   feet" as well as around the mouth; red-flags.md flags tingling_mouth only
   (hands and feet numbness goes to the mscc rules instead, at amber or red).
5. Flu-like side effects (p. 12): bone drugs "can cause ... shivering and
   fever"; red-flags.md still flags shivering and fever as possible infection.
   That wording is deliberately not shown with an infection flag.
6. The booklet text prints no fill-in labels on the alert card;
   ALERT_CARD_FIELDS below are "Name" plus the data dictionary's profile
   labels (diary/fields.py), not labels printed on the card.
7. Not the booklet but the two specs: diary-fields.md shows the 24-hour
   acute oncology number on red pages only, while red-flags.md's amber advice
   tells the patient to use it; LEVEL_ADVICE shows it on amber pages too.
8. Page numbers: the booklet text's page breaks (anchored by its own "see
   page N" references: bones p. 5, marrow p. 8, surgery p. 16, spinal cord
   compression p. 19, calcium p. 20, fatigue p. 21, clots p. 22) put the
   symptom list (bruising, infection, fractures) on p. 6, low calcium on
   p. 11, osteonecrosis of the jaw and ear on p. 12 and "Bone weakening and
   fracture" on p. 19, where red-flags.md cites pp. 4, 12, 13 and 18. The
   pages below follow red-flags.md, except the pain quotes (pp. 16, 18-19),
   which red-flags.md does not cite separately.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from diary import fields as dd

BOOKLET_CITATION = (
    "Breast Cancer Care, Secondary breast cancer in the bone, BCC30, edition 5, "
    "March 2018 (updated September 2018)"
)


@dataclass(frozen=True)
class Guidance:
    title: str
    paragraphs: tuple[str, ...]
    page: str
    symptoms: tuple[str, ...] = ()
    after_symptoms: tuple[str, ...] = ()  # the booklet's text below its list
    self_care: tuple[str, ...] = ()
    service_advice: tuple[str, ...] = ()  # from red-flags.md, not the booklet


@dataclass(frozen=True)
class LevelAdvice:
    level: str
    headline: str
    detail: tuple[str, ...]
    # Profile phone codes, as call buttons in the order the headline names them.
    phones_to_call: tuple[str, ...]
    for_the_nurse: str
    # "I have secondary breast cancer in the bone and ..." for red and amber;
    # what_to_say(flags) fills in the conditions.
    what_to_say_template: str = ""


# --- the spinal cord compression alert card (booklet, back page) -------------

ALERT_CARD_TITLE = "Spinal cord compression alert card"
ALERT_CARD_FRONT: tuple[str, ...] = (
    "Spinal cord compression is a risk for people with secondary breast cancer "
    "in the bone that has spread to the spine.",
    "You may want to keep this card with you. If you think you have the "
    "symptoms of spinal cord compression, you can hand this alert card to any "
    "healthcare professionals you come into contact with.",
)
# "For patients" side: two paragraphs, then the five symptoms as a list.
ALERT_CARD_PATIENT: tuple[str, ...] = (
    "Having secondary breast cancer in the bone means you’re at risk of spinal "
    "cord compression.",
    "Contact your local A&E department or your specialist team straight away "
    "if you have any of these symptoms:",
    "severe or unexplained back pain which may also be felt around the front "
    "of the chest and belly",
    "pain in the back which changes when you lie down, stand up or lift something",
    "difficulty walking",
    "numbness or pins and needles in the fingers, toes or bottom",
    "problems controlling urine or bowel movements",
)
ALERT_CARD_SYMPTOMS = ALERT_CARD_PATIENT[2:]
ALERT_CARD_PROFESSIONAL: tuple[str, ...] = (
    "This patient has secondary breast cancer in the bone and is at risk of "
    "spinal cord compression.",
    "They may need an urgent MRI scan.",
    "They should be made comfortable and placed in a flat position to protect "
    "the spine.",
    "If spinal cord compression is confirmed they will need urgent treatment to "
    "prevent further damage to the spine.",
)
# Not printed on the booklet's card (see note 6 above).
ALERT_CARD_FIELDS: tuple[str, ...] = (
    "Name",
    dd.PROFILE_FIELDS["nhs_number"],
    dd.PROFILE_FIELDS["date_of_birth"],
    dd.PROFILE_FIELDS["specialist_team_phone"],
    dd.PROFILE_FIELDS["acute_oncology_phone"],
)


# --- what to do, by level (red-flags.md "Levels") -----------------------------

WHAT_TO_SAY_OPENING = "I have secondary breast cancer in the bone"
WHAT_TO_SAY_TEMPLATE = WHAT_TO_SAY_OPENING + " and ..."
RED_HEADLINE = (
    "Contact your local A&E department or your specialist team straight away."
)
LEVEL_ADVICE: dict[str, LevelAdvice] = {
    "red": LevelAdvice(
        level="red",
        headline=RED_HEADLINE,
        detail=(),
        # Red can happen at night: the 24-hour line first.
        phones_to_call=("acute_oncology_phone", "specialist_team_phone"),
        for_the_nurse="Top of the triage queue; email alert at once.",
        what_to_say_template=WHAT_TO_SAY_TEMPLATE,
    ),
    "amber": LevelAdvice(
        level="amber",
        headline="Contact your specialist team today. If you can't reach them, "
        "use the 24-hour line or go to A&E.",
        detail=(),
        phones_to_call=("specialist_team_phone", "acute_oncology_phone"),
        for_the_nurse="Triage queue; email alert at once.",
        what_to_say_template=WHAT_TO_SAY_TEMPLATE,
    ),
    "green": LevelAdvice(
        level="green",
        headline="Tell your specialist team or breast care nurse in working hours "
        "(within a few days).",
        detail=("This is not an emergency.",),
        phones_to_call=(),
        for_the_nurse="Review list, no email.",
    ),
}

CALL_BUTTON_LABELS = {
    "acute_oncology_phone": "Call the 24-hour acute oncology line",
    "specialist_team_phone": "Call your specialist team",
}

BACKFILL_PREFIX = "If you still have these symptoms, "


def backfilled(text: str) -> str:
    """For an entry dated before today: 'Contact ...' -> 'If you still have
    these symptoms, contact ...'."""
    return BACKFILL_PREFIX + text[:1].lower() + text[1:]


def headline(level: str, *, backfilled_entry: bool) -> str:
    text = LEVEL_ADVICE[level].headline
    return backfilled(text) if backfilled_entry else text


SAY_PHRASES: dict[str, str] = {
    "mscc": "possible spinal cord compression",
    "hypercalcaemia": "possible high calcium in the blood (hypercalcaemia)",
    "confusion": "confusion",
    "infection": "a possible infection",
    "bleeding": "unexplained bleeding or bruising",
    "vte": "a possible blood clot",
    "fracture": "a possible broken bone",
    "atypical_fracture": "lasting thigh, hip or groin pain on a bone-strengthening "
    "drug",
    "hypocalcaemia": "possible low calcium in the blood (hypocalcaemia)",
    "onj": "possible osteonecrosis of the jaw",
    "ear_osteonecrosis": "possible osteonecrosis of the ear",
    "uncontrolled_pain": "pain that is not under control",
    "fatigue": "severe or worsening tiredness",
}


class Flagged(Protocol):
    """A FlagResult, or a stored flag row: anything with a condition code."""

    condition: str


def what_to_say(flags: Iterable[Flagged]) -> str:
    """'I have secondary breast cancer in the bone and symptoms of possible
    spinal cord compression and a possible infection.' in the flags' order."""
    phrases = list(dict.fromkeys(SAY_PHRASES[flag.condition] for flag in flags))
    if not phrases:
        return WHAT_TO_SAY_OPENING + "."
    *others, last = phrases
    listed = f"{', '.join(others)} and {last}" if others else last
    return f"{WHAT_TO_SAY_OPENING} and symptoms of {listed}."


# --- per-condition guidance (keyed by FlagResult.guidance_key) ---------------

RISK_OF_INFECTION_P8 = (
    "Secondary breast cancer in the bone marrow may cause low levels of red "
    "blood cells, white blood cells and platelets and can lead to anaemia, "
    "increased risk of infection and bruising or bleeding."
)
REPORT_SYMPTOMS_P4 = (
    "It’s important to report any new or ongoing symptoms to your specialist."
)
CALCIUM_SYMPTOMS_P20: tuple[str, ...] = (
    "fatigue",
    "nausea and vomiting",
    "loss of appetite",
    "constipation",
    "loss of concentration",
    "drowsiness",
    "being very thirsty",
    "passing large amounts of urine",
    "weakness",
    "confusion",
)
CALCIUM_SEEK_ADVICE_P20 = (
    "Hypercalcaemia can be serious if not diagnosed quickly, so seek medical "
    "advice if you have any of these symptoms. Your doctor will examine you and "
    "will usually request a blood test to check your calcium levels."
)
SAME_DAY_ADVICE = LEVEL_ADVICE["amber"].headline

GUIDANCE: dict[str, Guidance] = {
    "mscc": Guidance(
        title="Spinal cord compression",
        paragraphs=ALERT_CARD_PATIENT[:2],
        symptoms=ALERT_CARD_SYMPTOMS,
        after_symptoms=(
            "It’s important to know who to contact at the hospital if you have "
            "any of these symptoms at any time. Spinal cord compression can have "
            "serious effects if not diagnosed quickly, so seek medical advice "
            "without delay to reduce the risk of any long-lasting effects.",
        ),
        page="p. 19 and the alert card",
    ),
    "hypercalcaemia": Guidance(
        title="Hypercalcaemia (too much calcium in the blood)",
        paragraphs=(
            "Secondary breast cancer in the bone can cause calcium to be released "
            "into the bloodstream. Too much calcium in the blood is called "
            "hypercalcaemia.",
            CALCIUM_SEEK_ADVICE_P20,
            "Eating foods that contain calcium or taking prescribed calcium "
            "supplements does not cause hypercalcaemia.",
        ),
        symptoms=CALCIUM_SYMPTOMS_P20,
        page="p. 20",
    ),
    "confusion": Guidance(
        title="Confusion",
        paragraphs=(CALCIUM_SEEK_ADVICE_P20, RISK_OF_INFECTION_P8),
        symptoms=CALCIUM_SYMPTOMS_P20,
        page="pp. 8, 20",
        service_advice=(
            "Confusion can have several causes, such as too much calcium in the "
            "blood, an infection, or something else. Your team needs to check.",
        ),
    ),
    "infection": Guidance(
        title="Possible infection",
        paragraphs=(RISK_OF_INFECTION_P8, REPORT_SYMPTOMS_P4),
        page="pp. 4, 8",
    ),
    "infection.green": Guidance(
        title="Raised temperature",
        paragraphs=(RISK_OF_INFECTION_P8, REPORT_SYMPTOMS_P4),
        page="pp. 4, 8",
        service_advice=(
            "Measure your temperature again in an hour. If it is still 37.5 °C "
            "or more: " + SAME_DAY_ADVICE,
        ),
    ),
    "bleeding": Guidance(
        title="Bleeding or bruising",
        paragraphs=(RISK_OF_INFECTION_P8, REPORT_SYMPTOMS_P4),
        page="pp. 4, 8",
    ),
    "vte": Guidance(
        title="Blood clots",
        paragraphs=(
            "People with breast cancer have a higher risk of blood clots. Their "
            "risk is higher because of the cancer itself and some treatments for "
            "breast cancer.",
            "Blood clots can be harmful but are treatable so it’s important to "
            "report symptoms as soon as possible.",
            "If you experience any of the following symptoms contact your local "
            "A&E department, GP or specialist team straight away:",
        ),
        symptoms=(
            "pain, redness/discolouration, heat and swelling of the calf, leg or thigh",
            "swelling, redness or tenderness where a central line is inserted to "
            "give chemotherapy, for example in the arm, chest area or up into the "
            "neck",
            "shortness of breath",
            "tightness in the chest",
            "unexplained cough (may cough up blood)",
        ),
        page="p. 22",
    ),
    "fracture": Guidance(
        title="Bone weakening and fracture",
        paragraphs=(
            "Secondary breast cancer in the bone may mean that the affected bones "
            "are weakened, which can increase the risk of a fracture. This is "
            "called a pathological fracture, which means the break in the bone is "
            "due to disease and not caused by an accident.",
        ),
        page="pp. 4, 18",
    ),
    "atypical_fracture": Guidance(
        title="Fracture",
        paragraphs=(
            "Although rare, bone-strengthening drugs can cause fractures. It’s not "
            "fully understood why this happens, but is more likely in people who "
            "have been on them for a long time.",
            "Fractures can happen with little or no trauma. If you experience any "
            "persistent thigh, hip or groin pain, contact your specialist team so "
            "you can be assessed.",
        ),
        page="p. 13",
    ),
    "hypocalcaemia": Guidance(
        title="Low levels of calcium",
        paragraphs=(
            "Bisphosphonates and denosumab can cause the calcium levels in the "
            "blood to drop too low. This is known as hypocalcaemia.",
            "Early symptoms include tingling around the mouth and lips and in the "
            "hands and feet.",
        ),
        self_care=(
            "Eating a well-balanced diet including foods that contain calcium and "
            "vitamin D can also help.",
        ),
        page="p. 12",
    ),
    "onj": Guidance(
        title="Osteonecrosis of the jaw",
        paragraphs=(
            "Osteonecrosis is a condition where there is a loss of blood flow to "
            "bone tissue, which causes the bone to die. It is an uncommon but "
            "serious long-term side effect of bone-strengthening drugs. It can "
            "affect the jaw and more rarely the ear.",
            "Speak to your specialist if your dentist recommends any dental treatment.",
        ),
        symptoms=(
            "persistent jaw pain",
            "loose teeth",
            "swelling, redness or ulcers on the gums",
        ),
        self_care=(
            "ONJ is hard to treat, so trying to prevent it is very important. Good "
            "dental hygiene habits can help reduce the risk of developing ONJ. "
            "These include brushing your teeth and flossing, making sure any "
            "dentures fit well and having regular dental check-ups.",
        ),
        page="p. 13",
    ),
    "ear_osteonecrosis": Guidance(
        title="Osteonecrosis of the ear",
        paragraphs=(
            "Osteonecrosis can also affect the ear. If you have any ear pain, "
            "discharge from your ear or an ear infection while taking "
            "bone-strengthening drugs contact your specialist.",
        ),
        page="p. 13",
    ),
    "uncontrolled_pain": Guidance(
        title="Pain",
        paragraphs=(
            "Pain can affect your mobility and quality of life, but most pain can "
            "be relieved or controlled.",
            "If your pain relief doesn’t seem to be helping, ask your GP or "
            "specialist if they can prescribe a different one.",
            "If your pain is not under control, you can be referred to a "
            "specialist palliative care or symptom control team.",
            # "Palliative and supportive care" (p. 16 of the booklet text: the
            # page breaks of the extraction put it two pages before "Pain").
            "People often think of palliative care as being associated with "
            "end-of-life treatment. However, many people value having it at any "
            "stage of their illness, alongside their medical treatment, to help "
            "prevent and relieve symptoms such as pain or fatigue.",
        ),
        self_care=(
            "Be as specific as possible when telling your doctor or nurse where "
            "the pain is and what it feels like. This will help them decide how to "
            "control your pain. You may find it helpful to record this in a pain "
            "diary.",
        ),
        page="pp. 16, 18-19",
    ),
    "fatigue": Guidance(
        title="Fatigue",
        paragraphs=(
            "Cancer-related fatigue (extreme tiredness) is one of the most common "
            "symptoms experienced by people with secondary cancer.",
        ),
        self_care=(
            "tell your doctor about the fatigue, as its cause may be treatable",
            "keep a fatigue diary – recording your level of fatigue every day can "
            "often help you identify causes of fatigue and plan activities",
            "plan your days so you have a balance of activity and rest",
            "do small amounts of physical activity each day; even just a short "
            "walk can help",
            "accept that you may have good days and bad days",
            "prepare for a special occasion by getting some rest beforehand",
            "try to eat well – if your appetite is poor, it may help to eat "
            "smaller amounts more often and drink plenty of fluids to keep "
            "hydrated. You could also ask to be referred to a dietitian for advice",
            "accept offers of help from other people to save your energy for "
            "things you enjoy",
        ),
        page="p. 21",
    ),
}
