from django.http import HttpRequest
from django.utils import timezone

from clinical.levels import URGENT
from diary.access import shown_subject
from diary.models import DailyEntry, Flag


def open_flag_banner(request: HttpRequest) -> dict:
    """While today's entry has an open red or amber flag, every patient page
    reminds the patient (or her carer) what to do. A carer's pages also say
    whom they are entering for (`helping`)."""
    if getattr(request, "user", None) is None:
        return {}
    patient = shown_subject(request)
    if patient is None:
        return {}
    helping = {"helping": patient} if patient.user_id != request.user.pk else {}
    entry = (
        DailyEntry.objects.for_patient(patient)
        .filter(
            entry_date=timezone.localdate(),
            flags__status=Flag.Status.OPEN,
            flags__level__in=URGENT,
        )
        .only("entry_date", "level")
        .first()
    )
    return {**helping, "banner_entry": entry} if entry else helping
