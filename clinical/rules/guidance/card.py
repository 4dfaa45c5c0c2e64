"""The spinal cord compression alert card, verbatim from the booklet's back page."""

from __future__ import annotations

from clinical import fields as dd

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
# Not printed on the booklet's card (see note 6 in guidance/__init__.py).
ALERT_CARD_FIELDS: tuple[str, ...] = (
    "Name",
    dd.PROFILE_FIELDS["nhs_number"],
    dd.PROFILE_FIELDS["date_of_birth"],
    dd.PROFILE_FIELDS["specialist_team_phone"],
    dd.PROFILE_FIELDS["acute_oncology_phone"],
)
