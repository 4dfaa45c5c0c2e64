"""Patient-facing wording for each flag, quoted from the booklet.

Source: Breast Cancer Care, "Secondary breast cancer in the bone" (BCC30,
edition 5), shared/seeds/000_f469a195fea9ef2e.txt. `paragraphs`, `symptoms`
and `self_care` are verbatim quotes (only the PDF extraction's line breaks and
lost hyphens, "bonestrengthening", are repaired; tests/clinical/test_guidance.py
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
   ALERT_CARD_FIELDS (card.py) are "Name" plus the data dictionary's profile
   labels (clinical/fields.py), not labels printed on the card.
7. Not the booklet but the two specs: diary-fields.md shows the 24-hour
   acute oncology number on red pages only, while red-flags.md's amber advice
   tells the patient to use it; LEVEL_ADVICE shows it on amber pages too.
8. Page numbers: the booklet text's page breaks (anchored by its own "see
   page N" references: bones p. 5, marrow p. 8, surgery p. 16, spinal cord
   compression p. 19, calcium p. 20, fatigue p. 21, clots p. 22) put the
   symptom list (bruising, infection, fractures) on p. 6, low calcium on
   p. 11, osteonecrosis of the jaw and ear on p. 12 and "Bone weakening and
   fracture" on p. 19, where red-flags.md cites pp. 4, 12, 13 and 18. The
   pages in conditions.py follow red-flags.md, except the pain quotes
   (pp. 16, 18-19), which red-flags.md does not cite separately.
9. Out of hours: the booklet says nothing about working hours, out-of-hours
   care or a 24-hour line. OUT_OF_HOURS_TEMPLATE (levels.py) is red-flags.md's
   amber wording ("use the 24-hour line or go to A&E") with the plain fact
   that the team will not see the entry until its next working day.

Modules: card.py (the spinal cord compression alert card), levels.py (what
to do at each level, and what to say when phoning), conditions.py (the
booklet's text for each condition).
"""

from clinical.rules.guidance.card import (
    ALERT_CARD_FIELDS,
    ALERT_CARD_FRONT,
    ALERT_CARD_PATIENT,
    ALERT_CARD_PROFESSIONAL,
    ALERT_CARD_SYMPTOMS,
    ALERT_CARD_TITLE,
)
from clinical.rules.guidance.conditions import GUIDANCE, Guidance
from clinical.rules.guidance.levels import (
    BACKFILL_PREFIX,
    CALL_BUTTON_LABELS,
    LEVEL_ADVICE,
    OUT_OF_HOURS_PHONES,
    OUT_OF_HOURS_TEMPLATE,
    RED_HEADLINE,
    SAY_PHRASES,
    WHAT_TO_SAY_OPENING,
    WHAT_TO_SAY_TEMPLATE,
    Flagged,
    LevelAdvice,
    backfilled,
    headline,
    out_of_hours,
    what_to_say,
)

BOOKLET_CITATION = (
    "Breast Cancer Care, Secondary breast cancer in the bone, BCC30, edition 5, "
    "March 2018 (updated September 2018)"
)

__all__ = [
    "ALERT_CARD_FIELDS",
    "ALERT_CARD_FRONT",
    "ALERT_CARD_PATIENT",
    "ALERT_CARD_PROFESSIONAL",
    "ALERT_CARD_SYMPTOMS",
    "ALERT_CARD_TITLE",
    "BACKFILL_PREFIX",
    "BOOKLET_CITATION",
    "CALL_BUTTON_LABELS",
    "GUIDANCE",
    "LEVEL_ADVICE",
    "OUT_OF_HOURS_PHONES",
    "OUT_OF_HOURS_TEMPLATE",
    "RED_HEADLINE",
    "SAY_PHRASES",
    "WHAT_TO_SAY_OPENING",
    "WHAT_TO_SAY_TEMPLATE",
    "Flagged",
    "Guidance",
    "LevelAdvice",
    "backfilled",
    "headline",
    "out_of_hours",
    "what_to_say",
]
