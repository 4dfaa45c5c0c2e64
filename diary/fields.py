"""The diary data dictionary (`shared/clinical/diary-fields.md`) as plain Python.

Every layer (models, forms, rules, scenario files, PDF) reads field codes,
labels, choices and ranges from here, so a code is spelled in one place only.
No Django imports: the rules module and the scenario runner use this too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

PAIN_SITES: tuple[tuple[str, str], ...] = (
    ("back", "Back"),
    ("neck", "Neck"),
    ("ribs_chest", "Ribs or chest"),
    ("pelvis_hip", "Pelvis or hip"),
    ("thigh_groin", "Thigh or groin"),
    ("arm_shoulder", "Arm or shoulder"),
    ("leg", "Leg"),
    ("head", "Head"),
    ("jaw", "Jaw"),
    ("other", "Somewhere else"),
)
NUMBNESS_PLACES: tuple[tuple[str, str], ...] = (
    ("fingers", "Fingers"),
    ("toes", "Toes"),
    ("bottom", "Bottom"),
)
PAIN_RELIEF_HELPING: tuple[tuple[str, str], ...] = (
    ("yes", "Yes"),
    ("partly", "Partly"),
    ("no", "No"),
    ("not_taking", "I'm not taking pain relief"),
)
BONE_THERAPY: tuple[tuple[str, str], ...] = (
    ("none", "None"),
    ("bisphosphonate_iv", "Bisphosphonate into a vein (e.g. zoledronic acid)"),
    ("bisphosphonate_oral", "Bisphosphonate tablets"),
    ("denosumab", "Denosumab injection"),
)

# Not a choice of the profile form: what the rules are given, and what a
# flag's reasons keep, for a profile answer no nurse has reviewed yet (HAZ-16).
NOT_REVIEWED = "not_reviewed"

SCORE_MIN, SCORE_MAX = 0, 10
BREAKTHROUGH_MAX = 24
TEMPERATURE_MIN, TEMPERATURE_MAX = Decimal("34.0"), Decimal("43.0")
FREE_TEXT_MAX = 2000
BACKFILL_DAYS = 7


@dataclass(frozen=True)
class Field:
    code: str
    kind: str  # "score", "count", "bool", "multi", "choice", "temperature", "text"
    label: str
    section: str
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False
    bone_drug_only: bool = False


SECTIONS: tuple[tuple[str, str], ...] = (
    ("pain", "Pain"),
    ("fatigue", "Tiredness (fatigue)"),
    ("spinal_cord", "Spinal cord warning signs"),
    ("calcium", "Calcium warning signs"),
    ("infection", "Infection and blood counts"),
    ("blood_clots", "Blood clot warning signs"),
    ("bones", "Bones and bone drugs"),
    ("free_text", "Notes and questions"),
)

ENTRY_FIELDS: tuple[Field, ...] = (
    Field(
        "pain_score",
        "score",
        "Worst pain in the last 24 hours (0 = no pain, 10 = worst imaginable)",
        "pain",
        required=True,
    ),
    Field("pain_sites", "multi", "Where is the pain?", "pain", PAIN_SITES),
    Field(
        "pain_worse_lying_down",
        "bool",
        "Pain is worse when lying down or at night",
        "pain",
    ),
    Field(
        "back_pain_positional",
        "bool",
        "Back pain changes when you lie down, stand up, lift something, cough or "
        "strain",
        "pain",
    ),
    Field(
        "back_pain_band",
        "bool",
        "Back pain is also felt around the front of the chest or belly, like a band",
        "pain",
    ),
    Field(
        "pain_relief_helping",
        "choice",
        "Is your pain relief helping?",
        "pain",
        PAIN_RELIEF_HELPING,
    ),
    Field(
        "breakthrough_doses",
        "count",
        'Extra ("breakthrough") pain relief doses taken in the last 24 hours',
        "pain",
    ),
    Field(
        "fatigue_score",
        "score",
        "Tiredness in the last 24 hours (0 = none, 10 = worst imaginable)",
        "fatigue",
        required=True,
    ),
    Field(
        "difficulty_walking",
        "bool",
        "New difficulty walking, or new weakness or heaviness in your legs or arms",
        "spinal_cord",
    ),
    Field(
        "numbness",
        "multi",
        "Numbness or pins and needles in your fingers, toes or bottom",
        "spinal_cord",
        NUMBNESS_PLACES,
    ),
    Field(
        "bladder_bowel_problem",
        "bool",
        "Problems controlling your urine (wee) or bowel movements (poo)",
        "spinal_cord",
    ),
    Field("very_thirsty", "bool", "Being very thirsty", "calcium"),
    Field("passing_more_urine", "bool", "Passing large amounts of urine", "calcium"),
    Field("nausea", "bool", "Feeling sick (nausea)", "calcium"),
    Field("vomiting", "bool", "Being sick (vomiting)", "calcium"),
    Field("constipation", "bool", "Constipation", "calcium"),
    Field("appetite_loss", "bool", "Loss of appetite", "calcium"),
    Field("poor_concentration", "bool", "Loss of concentration", "calcium"),
    Field("drowsiness", "bool", "Drowsiness", "calcium"),
    Field("weakness", "bool", "Weakness", "calcium"),
    Field(
        "confusion",
        "bool",
        "Confusion (you or people around you notice it)",
        "calcium",
    ),
    Field(
        "temperature_c",
        "temperature",
        "Highest temperature today (°C), if you measured it",
        "infection",
    ),
    Field("shivering", "bool", "Shivering, or feeling hot and cold", "infection"),
    Field("bleeding_bruising", "bool", "Unexplained bleeding or bruising", "infection"),
    Field(
        "leg_swelling",
        "bool",
        "Pain, redness, heat or swelling in your calf, leg or thigh",
        "blood_clots",
    ),
    Field(
        "line_site_swelling",
        "bool",
        "Swelling, redness or tenderness where a central line goes in "
        "(arm, chest or neck)",
        "blood_clots",
    ),
    Field("breathless", "bool", "Shortness of breath", "blood_clots"),
    Field("chest_tightness", "bool", "Tightness or pain in the chest", "blood_clots"),
    Field(
        "coughing_blood",
        "bool",
        "Unexplained cough, or coughing up blood",
        "blood_clots",
    ),
    Field(
        "possible_fracture",
        "bool",
        "Sudden severe pain in a bone, or you can't move a limb or put weight on "
        "it, after little or no injury",
        "bones",
    ),
    Field(
        "tingling_mouth",
        "bool",
        "Tingling around your mouth or lips",
        "bones",
        bone_drug_only=True,
    ),
    Field("loose_teeth", "bool", "Loose teeth", "bones", bone_drug_only=True),
    Field(
        "gum_problem",
        "bool",
        "Swelling, redness or ulcers on your gums",
        "bones",
        bone_drug_only=True,
    ),
    Field(
        "ear_problem",
        "bool",
        "Ear pain, discharge from your ear, or an ear infection",
        "bones",
        bone_drug_only=True,
    ),
    Field("notes", "text", "Anything else you want to record", "free_text"),
    Field(
        "questions_for_team",
        "text",
        "Questions for your next appointment",
        "free_text",
    ),
)

FIELDS_BY_CODE: dict[str, Field] = {f.code: f for f in ENTRY_FIELDS}
ENTRY_CODES: tuple[str, ...] = tuple(FIELDS_BY_CODE)

# Sections whose questions are all yes/no warning signs: they get the one-tap
# "None of these today" button, which answers every yes/no question in it "no".
WARNING_SECTIONS: tuple[str, ...] = (
    "spinal_cord",
    "calcium",
    "infection",
    "blood_clots",
    "bones",
)

PROFILE_FIELDS: dict[str, str] = {
    "spine_metastases": "Secondary cancer is known to be in the spine",
    "bone_therapy": "Bone-strengthening treatment",
    "on_chemotherapy": "Having chemotherapy or another treatment that can lower "
    "blood counts (now or in the last 6 weeks)",
    "specialist_team_phone": "Your specialist team's number",
    "acute_oncology_phone": "24-hour acute oncology / chemotherapy helpline",
    "nhs_number": "NHS number",
    "date_of_birth": "Date of birth",
}


def fields_in_section(section: str) -> tuple[Field, ...]:
    return tuple(f for f in ENTRY_FIELDS if f.section == section)


def choice_label(field_code: str, value: str) -> str:
    return dict(FIELDS_BY_CODE[field_code].choices).get(value, value)


def display_value(field_code: str, value: object) -> str:
    """An answer as a person reads it: "Yes", "Back, Neck", "38.2 °C"."""
    field = FIELDS_BY_CODE[field_code]
    if value is None or value == "":
        return "Not answered"
    if field.kind == "bool":
        return "Yes" if value else "No"
    if field.kind == "multi":
        return ", ".join(choice_label(field_code, v) for v in value) or "None"  # type: ignore[union-attr]
    if field.kind == "choice":
        return choice_label(field_code, str(value))
    if field.kind == "score":
        return f"{value} out of 10"
    if field.kind == "temperature":
        return f"{value} °C"
    return str(value)


def describe_reasons(reasons: dict[str, object]) -> list[str]:
    """A flag's stored reasons as sentences for patients, nurses and the PDF."""
    lines = [
        f"{FIELDS_BY_CODE[code].label}: {display_value(code, value)}"
        for code, value in reasons.items()
        if code in FIELDS_BY_CODE
    ]
    if reasons.get("history"):
        note = str(reasons["history"])
        lines.append(note[:1].upper() + note[1:])
    return lines


# Short clinical names for the clinic PDF, printed beside the patient's own
# wording. Derived from the field codes, with the NICE CG75 terms that
# red-flags.md quotes (limb weakness, bladder or bowel dysfunction, radicular
# pain); they name what was answered and add no advice.
CLINICAL_LABELS: dict[str, str] = {
    "pain_score": "Pain score",
    "pain_sites": "Pain sites",
    "pain_worse_lying_down": "Pain worse lying down / at night",
    "back_pain_positional": "Back pain, positional",
    "back_pain_band": "Back pain, band-like (radicular)",
    "pain_relief_helping": "Pain relief helping",
    "breakthrough_doses": "Breakthrough doses (24 h)",
    "fatigue_score": "Fatigue score",
    "difficulty_walking": "Difficulty walking / limb weakness",
    "numbness": "Numbness / pins and needles",
    "bladder_bowel_problem": "Bladder or bowel dysfunction",
    "very_thirsty": "Very thirsty",
    "passing_more_urine": "Passing more urine",
    "nausea": "Nausea",
    "vomiting": "Vomiting",
    "constipation": "Constipation",
    "appetite_loss": "Appetite loss",
    "poor_concentration": "Poor concentration",
    "drowsiness": "Drowsiness",
    "weakness": "Weakness",
    "confusion": "Confusion",
    "temperature_c": "Temperature",
    "shivering": "Shivering / hot and cold",
    "bleeding_bruising": "Bleeding / bruising",
    "leg_swelling": "Leg swelling / calf pain",
    "line_site_swelling": "Central line site swelling",
    "breathless": "Breathless",
    "chest_tightness": "Chest tightness / pain",
    "coughing_blood": "Cough / coughing blood",
    "possible_fracture": "Possible fracture",
    "tingling_mouth": "Tingling mouth / lips",
    "loose_teeth": "Loose teeth",
    "gum_problem": "Gum problem",
    "ear_problem": "Ear problem",
    "spine_metastases": "Spinal metastases",
    "bone_therapy": "Bone therapy",
    "on_chemotherapy": "Chemotherapy or other treatment lowering blood counts "
    "(now or last 6 weeks)",
}


def profile_value(code: str, value: object) -> str:
    """A clinical profile answer as printed: "Yes", "No", "Denosumab injection"."""
    if value == NOT_REVIEWED:
        assumed = "on a bone drug" if code == "bone_therapy" else "yes"
        return f"profile not yet reviewed, taken as {assumed}"
    if code == "bone_therapy":
        return dict(BONE_THERAPY).get(str(value), str(value))
    return "Yes" if value else "No"


def clinical_reasons(reasons: dict[str, object]) -> list[tuple[str, str]]:
    """A flag's stored reasons as (clinical wording, the patient's wording).

    The patient's wording is the question they answered, as on their guidance
    page; profile answers and the note on earlier entries have none.
    """
    pairs = []
    for code, value in reasons.items():
        if code in FIELDS_BY_CODE:
            answer = display_value(code, value)
            # A ticked sign needs no "Yes" after its name.
            given = "" if answer == "Yes" else f": {answer}"
            pairs.append(
                (CLINICAL_LABELS[code] + given, FIELDS_BY_CODE[code].label + given)
            )
        elif code in PROFILE_FIELDS:
            pairs.append((f"{CLINICAL_LABELS[code]}: {profile_value(code, value)}", ""))
    if reasons.get("history"):
        note = str(reasons["history"])
        pairs.append((note[:1].upper() + note[1:], ""))
    return pairs
