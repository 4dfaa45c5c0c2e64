"""The red-flag rules of shared/clinical/red-flags.md, one `Rule` each.

Read top to bottom by condition. Every rule names its condition, the level
it gives and what it tests (together its stable id,
"<condition>.<level>.<name>"), its condition in plain English ("when"), its
source, and a small test that returns the answers that made it fire (its
reasons) or None. A condition is flagged once, at the
highest level any of its rules gives (see engine.py).

Conventions, from red-flags.md:
- thresholds are inclusive as written (>=, <=);
- an unanswered question (None) never makes a rule fire, and in earlier
  entries it counts as "not reported";
- "back pain", "the last 7 days", "the previous N days" and "the 7 days
  before" are defined once in history.py.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from clinical.levels import Level
from clinical.rules.history import (
    LIMB_NUMBNESS_PLACES,
    Context,
    answered_scores,
    at_least,
    entries_where,
    has_back_pain,
    mean_rise_at_least,
    mean_text,
    numb_places,
    pain_sites,
    reported,
)
from clinical.rules.model import EntryData
from clinical.rules.predicates import (
    Reasons,
    Rule,
    Test,
    chemotherapy,
    on_at_least_3_of_last_7_days,
    on_bone_drug,
    pain_at_least,
    sign,
    temperature_at_least,
    temperature_at_most,
    with_back_pain,
)

CONDITIONS: dict[str, str] = {
    "mscc": "Possible spinal cord compression",
    "hypercalcaemia": "Possible high calcium in the blood (hypercalcaemia)",
    "confusion": "Confusion",
    "infection": "Possible infection",
    "bleeding": "Unexplained bleeding or bruising",
    "vte": "Possible blood clot",
    "fracture": "Possible broken bone (fracture)",
    "atypical_fracture": "Lasting thigh, hip or groin pain on a bone drug",
    "hypocalcaemia": "Possible low calcium in the blood (hypocalcaemia)",
    "onj": "Possible damage to the jaw bone (osteonecrosis of the jaw)",
    "ear_osteonecrosis": "Possible damage to the ear bone (osteonecrosis of the ear)",
    "uncontrolled_pain": "Pain that is not under control",
    "fatigue": "Severe or worsening tiredness (fatigue)",
}


# --- mscc: possible spinal cord compression -----------------------------------

MSCC_SOURCE = "booklet p. 19 and alert card; NICE CG75/NG234"
MSCC_NEW_DAYS = 14
MSCC_RISING_DAYS = 7


def numbness_bottom(c: Context) -> Reasons | None:
    return {"numbness": ["bottom"]} if "bottom" in numb_places(c.entry) else None


def limb_numbness(c: Context) -> Reasons | None:
    places = sorted(numb_places(c.entry) & LIMB_NUMBNESS_PLACES)
    return {"numbness": places} if places else None


def new_limb_numbness(c: Context) -> Reasons | None:
    earlier = c.history.previous(MSCC_NEW_DAYS)
    already = frozenset().union(*(numb_places(e) for e in earlier))
    new = sorted((numb_places(c.entry) & LIMB_NUMBNESS_PLACES) - already)
    if not new:
        return None
    return {
        "numbness": new,
        "history": f"numbness in {' and '.join(new)} not reported in the previous "
        "14 days",
    }


def rising_back_pain(c: Context) -> Reasons | None:
    earlier = entries_where(c.history.previous(MSCC_RISING_DAYS), has_back_pain)
    if not earlier:
        return None
    earlier_scores = answered_scores(e.pain_score for e in earlier)
    today = c.entry.pain_score
    if today is None or not earlier_scores:
        return None
    if not mean_rise_at_least([today], earlier_scores, 2):
        return None
    return {
        "pain_score": today,
        "history": f"mean back pain score {mean_text(earlier_scores)} "
        f"on {len(earlier_scores)} of the previous 7 days",
    }


def new_back_pain(c: Context) -> Reasons | None:
    if any(has_back_pain(e) for e in c.history.previous(MSCC_NEW_DAYS)):
        return None
    return {"history": "no back pain in the previous 14 days"}


def spine_metastases_and_pain_at_least_5(c: Context) -> Reasons | None:
    if not c.profile.spine_metastases or not at_least(c.entry.pain_score, 5):
        return None
    return {"pain_score": c.entry.pain_score, "spine_metastases": True}


# fmt: off
MSCC_RULES = (
    Rule("mscc", Level.RED, "difficulty_walking",
         "difficulty walking, or weakness or heaviness in the legs or arms",
         MSCC_SOURCE, sign("difficulty_walking")),
    Rule("mscc", Level.RED, "bladder_bowel_problem",
         "problems controlling urine or bowel movements",
         MSCC_SOURCE, sign("bladder_bowel_problem")),
    Rule("mscc", Level.RED, "numbness_bottom",
         "numbness or pins and needles in the bottom",
         MSCC_SOURCE, numbness_bottom),
    Rule("mscc", Level.RED, "back_pain_with_limb_numbness",
         "back pain and numbness in the fingers or toes",
         MSCC_SOURCE, with_back_pain(limb_numbness)),
    Rule("mscc", Level.RED, "new_numbness",
         "numbness in the fingers or toes in a place no entry of the previous "
         "14 days reported (numbness spreading from fingers to toes is new)",
         MSCC_SOURCE, new_limb_numbness),
    Rule("mscc", Level.RED, "back_pain_band",
         "back pain also felt around the chest or belly like a band "
         "(radicular pain)",
         MSCC_SOURCE, with_back_pain(sign("back_pain_band"))),
    Rule("mscc", Level.AMBER, "severe_back_pain",
         "back pain with a pain score of 7 or more",
         MSCC_SOURCE, with_back_pain(pain_at_least(7))),
    Rule("mscc", Level.AMBER, "positional_back_pain",
         "back pain that changes on lying down, standing, lifting, coughing "
         "or straining",
         MSCC_SOURCE, with_back_pain(sign("back_pain_positional"))),
    Rule("mscc", Level.AMBER, "back_pain_worse_lying_down",
         "back pain and pain worse when lying down or at night",
         MSCC_SOURCE, with_back_pain(sign("pain_worse_lying_down"))),
    Rule("mscc", Level.AMBER, "rising_back_pain",
         "back pain with today's score at least 2 above the mean score of the "
         "entries of the previous 7 days that had back pain (none: no rise)",
         MSCC_SOURCE, with_back_pain(rising_back_pain)),
    Rule("mscc", Level.AMBER, "new_back_pain",
         "back pain when no entry of the previous 14 days had back pain",
         MSCC_SOURCE, with_back_pain(new_back_pain)),
    Rule("mscc", Level.AMBER, "back_pain_spine_metastases",
         "back pain with a pain score of 5 or more, cancer known in the spine",
         MSCC_SOURCE, with_back_pain(spine_metastases_and_pain_at_least_5)),
    # red-flags.md: fingers/toes numbness without back pain, every place
    # already reported in the previous 14 days. With back pain, or in a new
    # place, the red rules above fire, so testing the numbness alone gives
    # the same level and cannot under-triage if those definitions drift.
    Rule("mscc", Level.AMBER, "ongoing_numbness",
         "numbness in the fingers or toes that is not new and comes without "
         "back pain (for example from chemotherapy): still contact the team today",
         MSCC_SOURCE, limb_numbness),
)
# fmt: on


# --- hypercalcaemia: too much calcium in the blood ----------------------------

CALCIUM_SOURCE = "booklet p. 20"
# fmt: off
SPECIFIC_CALCIUM_SIGNS = (
    "very_thirsty", "passing_more_urine", "confusion", "drowsiness",
)
GENERAL_CALCIUM_SIGNS = (
    "nausea", "vomiting", "constipation", "appetite_loss", "poor_concentration",
    "weakness",
)
# fmt: on
CALCIUM_FATIGUE_SCORE = 7  # fatigue_score >= 7 is a general sign


def calcium_signs(entry: EntryData) -> tuple[Reasons, Reasons]:
    """(specific signs, general signs) reported today."""
    specific = {c: True for c in SPECIFIC_CALCIUM_SIGNS if reported(getattr(entry, c))}
    general: Reasons = {
        c: True for c in GENERAL_CALCIUM_SIGNS if reported(getattr(entry, c))
    }
    if at_least(entry.fatigue_score, CALCIUM_FATIGUE_SCORE):
        general["fatigue_score"] = entry.fatigue_score
    return specific, general


def calcium(test: Callable[[Reasons, Reasons], bool]) -> Test:
    def signs_test(c: Context) -> Reasons | None:
        specific, general = calcium_signs(c.entry)
        return {**specific, **general} if test(specific, general) else None

    return signs_test


# fmt: off
CALCIUM_RULES = (
    Rule("hypercalcaemia", Level.RED, "confusion_with_other_sign",
         "confusion plus at least one other sign",
         CALCIUM_SOURCE,
         calcium(lambda s, g: "confusion" in s and len(s) + len(g) >= 2)),
    Rule("hypercalcaemia", Level.RED, "drowsiness_with_two_other_signs",
         "drowsiness plus at least two other signs",
         CALCIUM_SOURCE,
         calcium(lambda s, g: "drowsiness" in s and len(s) + len(g) >= 3)),
    Rule("hypercalcaemia", Level.AMBER, "specific_sign_with_other_sign",
         "one specific sign (very thirsty, passing more urine, confusion, "
         "drowsiness) plus at least one other sign, specific or general",
         CALCIUM_SOURCE,
         calcium(lambda s, g: len(s) >= 1 and len(s) + len(g) >= 2)),
    Rule("hypercalcaemia", Level.AMBER, "three_general_signs",
         "three or more general signs (nausea, vomiting, constipation, loss of "
         "appetite, loss of concentration, weakness, tiredness score 7 or more)",
         CALCIUM_SOURCE,
         calcium(lambda s, g: len(g) >= 3)),
)
# fmt: on


# --- confusion ----------------------------------------------------------------

CONFUSION_RULES = (
    Rule(
        "confusion",
        Level.RED,
        "confusion",
        "any reported confusion (a diary cannot tell new confusion from old)",
        "UKONS triage tool; booklet p. 20",
        sign("confusion"),
    ),
)


# --- infection: possible infection or neutropenic sepsis ----------------------

INFECTION_SOURCE = "booklet pp. 4, 8; NICE CG151; UKONS triage tool"
CHEMO_FEVER = Decimal("37.5")
FEVER = Decimal("38.0")
RAISED_TEMPERATURE = Decimal("37.5")
LOW_TEMPERATURE = Decimal("36.0")


# fmt: off
INFECTION_RULES = (
    Rule("infection", Level.RED, "high_temperature_on_chemotherapy",
         "on chemotherapy, temperature 37.5 °C or more",
         INFECTION_SOURCE, chemotherapy(True, temperature_at_least(CHEMO_FEVER))),
    Rule("infection", Level.RED, "low_temperature_on_chemotherapy",
         "on chemotherapy, temperature 36.0 °C or less",
         INFECTION_SOURCE, chemotherapy(True, temperature_at_most(LOW_TEMPERATURE))),
    Rule("infection", Level.RED, "shivering_on_chemotherapy",
         "on chemotherapy, shivering or feeling hot and cold",
         INFECTION_SOURCE, chemotherapy(True, sign("shivering"))),
    Rule("infection", Level.AMBER, "high_temperature",
         "not on chemotherapy, temperature 38.0 °C or more",
         INFECTION_SOURCE, chemotherapy(False, temperature_at_least(FEVER))),
    Rule("infection", Level.AMBER, "low_temperature",
         "not on chemotherapy, temperature 36.0 °C or less",
         INFECTION_SOURCE, chemotherapy(False, temperature_at_most(LOW_TEMPERATURE))),
    Rule("infection", Level.AMBER, "shivering",
         "not on chemotherapy, shivering or feeling hot and cold, with or "
         "without a temperature",
         INFECTION_SOURCE, chemotherapy(False, sign("shivering"))),
    Rule("infection", Level.GREEN, "raised_temperature",
         "not on chemotherapy, temperature 37.5 to 37.9 °C: measure again in "
         "an hour, amber advice if it stays up",
         INFECTION_SOURCE,
         chemotherapy(False, temperature_at_least(RAISED_TEMPERATURE, below=FEVER)),
         guidance_key="infection.green"),
)
# fmt: on


# --- bleeding, blood clots, fractures -----------------------------------------

CLOT_SOURCE = "booklet p. 22"

# fmt: off
BLOOD_AND_BONE_RULES = (
    Rule("bleeding", Level.AMBER, "bleeding_bruising",
         "unexplained bleeding or bruising",
         "booklet pp. 4, 8", sign("bleeding_bruising")),
    Rule("vte", Level.RED, "breathless", "shortness of breath",
         CLOT_SOURCE, sign("breathless")),
    Rule("vte", Level.RED, "chest_tightness", "tightness or pain in the chest",
         CLOT_SOURCE, sign("chest_tightness")),
    Rule("vte", Level.RED, "coughing_blood", "unexplained cough, or coughing up blood",
         CLOT_SOURCE, sign("coughing_blood")),
    Rule("vte", Level.AMBER, "leg_swelling",
         "pain, redness, heat or swelling in the calf, leg or thigh",
         CLOT_SOURCE, sign("leg_swelling")),
    Rule("vte", Level.AMBER, "line_site_swelling",
         "swelling, redness or tenderness where a central line goes in",
         CLOT_SOURCE, sign("line_site_swelling")),
    Rule("fracture", Level.RED, "possible_fracture",
         "sudden severe pain in a bone, or cannot move a limb or put weight on "
         "it, after little or no injury",
         "booklet pp. 4, 18", sign("possible_fracture")),
)
# fmt: on


# --- side effects of bone-strengthening drugs (bone_therapy is not "none") ----

THIGH_HIP_GROIN = frozenset({"thigh_groin", "pelvis_hip"})


def jaw_pain(c: Context) -> Reasons | None:
    return {"pain_sites": ["jaw"]} if "jaw" in pain_sites(c.entry) else None


# fmt: off
BONE_DRUG_RULES = (
    Rule("atypical_fracture", Level.GREEN, "persistent_thigh_hip_groin_pain",
         "on a bone drug, thigh, groin, pelvis or hip pain in at least 3 "
         "entries of the last 7 days",
         "booklet p. 13",
         on_bone_drug(on_at_least_3_of_last_7_days(
             "thigh, groin, pelvis or hip pain",
             lambda e: bool(pain_sites(e) & THIGH_HIP_GROIN)))),
    Rule("hypocalcaemia", Level.AMBER, "tingling_mouth",
         "on a bone drug, tingling around the mouth or lips",
         "booklet p. 12", on_bone_drug(sign("tingling_mouth"))),
    Rule("onj", Level.GREEN, "jaw_pain", "on a bone drug, jaw pain",
         "booklet p. 13", on_bone_drug(jaw_pain)),
    Rule("onj", Level.GREEN, "loose_teeth", "on a bone drug, loose teeth",
         "booklet p. 13", on_bone_drug(sign("loose_teeth"))),
    Rule("onj", Level.GREEN, "gum_problem",
         "on a bone drug, swelling, redness or ulcers on the gums",
         "booklet p. 13", on_bone_drug(sign("gum_problem"))),
    Rule("ear_osteonecrosis", Level.GREEN, "ear_problem",
         "on a bone drug, ear pain, discharge or an ear infection",
         "booklet p. 13", on_bone_drug(sign("ear_problem"))),
)
# fmt: on


# --- uncontrolled_pain and fatigue --------------------------------------------

PAIN_SOURCE = "booklet p. 18; Breast Cancer Care campaign page (pain, palliative care)"
RELIEF_NOT_WORKING = frozenset({"no", "not_taking"})


def severe_pain_relief_not_working(c: Context) -> Reasons | None:
    e = c.entry
    if not at_least(e.pain_score, 8) or e.pain_relief_helping not in RELIEF_NOT_WORKING:
        return None
    return {"pain_score": e.pain_score, "pain_relief_helping": e.pain_relief_helping}


def rising_fatigue(c: Context) -> Reasons | None:
    """Mean fatigue of the last 7 days >= 2 above the 7 days before, each
    window holding at least 4 entries."""
    recent = answered_scores(e.fatigue_score for e in c.history.last_7_days())
    before = answered_scores(e.fatigue_score for e in c.history.seven_days_before())
    if min(len(recent), len(before)) < 4 or not mean_rise_at_least(recent, before, 2):
        return None
    today = c.entry.fatigue_score
    return {
        **({} if today is None else {"fatigue_score": today}),
        "history": f"mean tiredness {mean_text(recent)} over {len(recent)} entries "
        f"of the last 7 days, {mean_text(before)} over {len(before)} entries "
        "of the 7 days before",
    }


# fmt: off
PAIN_AND_FATIGUE_RULES = (
    Rule("uncontrolled_pain", Level.AMBER, "severe_pain_relief_not_working",
         "pain score 8 or more and pain relief not helping or not taken",
         PAIN_SOURCE, severe_pain_relief_not_working),
    Rule("uncontrolled_pain", Level.GREEN, "severe_pain_on_3_days",
         "pain score 7 or more in at least 3 entries of the last 7 days",
         PAIN_SOURCE,
         on_at_least_3_of_last_7_days("pain score 7 or more",
                                      lambda e: at_least(e.pain_score, 7))),
    Rule("uncontrolled_pain", Level.GREEN, "breakthrough_on_3_days",
         "3 or more breakthrough doses in at least 3 entries of the last 7 days",
         PAIN_SOURCE,
         on_at_least_3_of_last_7_days(
             "3 or more breakthrough doses",
             lambda e: e.breakthrough_doses is not None and e.breakthrough_doses >= 3)),
    Rule("fatigue", Level.GREEN, "severe_fatigue_on_3_days",
         "tiredness score 8 or more in at least 3 entries of the last 7 days",
         "booklet p. 21",
         on_at_least_3_of_last_7_days("tiredness score 8 or more",
                                      lambda e: at_least(e.fatigue_score, 8))),
    Rule("fatigue", Level.GREEN, "rising_fatigue",
         "mean tiredness score of the last 7 days 2 or more above the mean of "
         "the 7 days before, each window holding at least 4 entries",
         "booklet p. 21", rising_fatigue),
)
# fmt: on


RULES: tuple[Rule, ...] = (
    *MSCC_RULES,
    *CALCIUM_RULES,
    *CONFUSION_RULES,
    *INFECTION_RULES,
    *BLOOD_AND_BONE_RULES,
    *BONE_DRUG_RULES,
    *PAIN_AND_FATIGUE_RULES,
)
