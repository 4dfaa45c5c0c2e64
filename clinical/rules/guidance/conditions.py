"""The booklet's text for each flagged condition (keyed by FlagResult.guidance_key).

Quotes are verbatim (see guidance/__init__.py for the repairs allowed and the
places where red-flags.md and the booklet disagree).
"""

from __future__ import annotations

from dataclasses import dataclass

from clinical.rules.guidance.card import ALERT_CARD_PATIENT, ALERT_CARD_SYMPTOMS
from clinical.rules.guidance.levels import LEVEL_ADVICE


@dataclass(frozen=True)
class Guidance:
    title: str
    paragraphs: tuple[str, ...]
    page: str
    symptoms: tuple[str, ...] = ()
    after_symptoms: tuple[str, ...] = ()  # the booklet's text below its list
    self_care: tuple[str, ...] = ()
    service_advice: tuple[str, ...] = ()  # from red-flags.md, not the booklet


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
