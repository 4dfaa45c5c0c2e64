"""The clinic PDF: what a clinic needs first is on page 1, newest first."""

import io

from django.urls import reverse
from pypdf import PdfReader

from clinical.fields import clinical_reasons
from diary.nurse.services import record_entry_for_patient
from tests.factories import days_ago, entry_data, make_entry


def pages(response) -> list[str]:
    """Each page's text, with table cells and wrapped lines run together."""
    reader = PdfReader(io.BytesIO(response.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def export(client, start_ago: int = 89):
    start, end = days_ago(start_ago), days_ago(0)
    return client.get(f"{reverse('export_diary')}?start={start}&end={end}")


def day(n: int) -> str:
    d = days_ago(n)
    return f"{d:%a} {d.day} {d:%b %Y}"


def test_it_puts_the_profile_open_flags_newest_first_and_questions_on_page_1(
    patient_client, patient
):
    patient.spine_metastases = True
    patient.bone_therapy = "denosumab"
    patient.save()
    make_entry(patient, days_ago(60), questions_for_team="Can I fly in May?")
    make_entry(patient, days_ago(20), bleeding_bruising=True)
    make_entry(patient, days_ago(0), difficulty_walking=True)
    first = pages(export(patient_client))[0]
    assert "Clinical profile, as recorded by the team" in first
    assert "Spinal metastases Yes" in first
    assert "Bone therapy Denosumab injection" in first
    assert "lowering blood counts (now or last 6 weeks) No" in first
    assert "Red and amber flags not yet acknowledged" in first
    red = first.index(f"{day(0)} Red Possible spinal cord compression")
    amber = first.index(f"{day(20)} Amber Unexplained bleeding or bruising")
    assert red < amber
    assert "Pain and tiredness" in first
    assert f"{day(60)}: Can I fly in May?" in first


def test_it_lists_the_days_newest_first(patient_client, patient):
    for n in (40, 10, 2):
        make_entry(patient, days_ago(n))
    text = " ".join(pages(export(patient_client)))
    daily = text[text.index("Daily entries, newest first") :]
    assert daily.index(day(2)) < daily.index(day(10)) < daily.index(day(40))


def test_it_marks_a_day_the_nurse_recorded(patient_client, patient, nurse):
    make_entry(patient, days_ago(3))
    record_entry_for_patient(patient=patient, nurse=nurse, data=entry_data(days_ago(1)))
    text = " ".join(pages(export(patient_client)))
    assert f"{day(1)} Recorded by nurse {nurse.full_name} No flags" in text
    assert f"{day(3)} No flags" in text
    assert text.count("Recorded by") == 1


def test_it_counts_completion_from_the_diarys_first_day(patient_client, patient):
    for n in range(61):
        make_entry(patient, days_ago(n))
    began = days_ago(60)
    text = " ".join(pages(export(patient_client)))
    assert f"Days with an entry 61 of 61 (diary began {began.day} {began:%b})" in text


def test_it_counts_from_the_periods_start_when_the_diary_began_before_it(
    patient_client, patient
):
    make_entry(patient, days_ago(100))
    make_entry(patient, days_ago(5))
    text = " ".join(pages(export(patient_client)))
    assert "Days with an entry 1 of 90 Pain" in text


def test_it_prints_reasons_in_clinical_wording_beside_the_patients(
    patient_client, patient
):
    make_entry(patient, days_ago(0), difficulty_walking=True, numbness=["toes"])
    first = pages(export(patient_client))[0]
    assert (
        "• Difficulty walking / limb weakness (patient: “New difficulty walking, or "
        "new weakness or heaviness in your legs or arms”)" in first
    )
    assert (
        "• Numbness / pins and needles: Toes (patient: “Numbness or pins and needles "
        "in your fingers, toes or bottom: Toes”)" in first
    )


def test_it_gives_profile_answers_and_history_in_clinical_wording_only():
    pairs = clinical_reasons(
        {"pain_score": 6, "spine_metastases": True, "history": "no back pain before"}
    )
    assert pairs == [
        (
            "Pain score: 6 out of 10",
            "Worst pain in the last 24 hours (0 = no pain, 10 = worst imaginable): "
            "6 out of 10",
        ),
        ("Spinal metastases: Yes", ""),
        ("No back pain before", ""),
    ]
