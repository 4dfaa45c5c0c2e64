from django.http import HttpRequest
from django.utils import timezone

from clinical.levels import URGENT
from diary.models import DailyEntry, Flag


def open_flag_banner(request: HttpRequest) -> dict:
    """While today's entry has an open red or amber flag, every patient page
    reminds the patient what to do."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated or not user.is_patient:
        return {}
    entry = (
        DailyEntry.objects.for_patient(user.patient_profile)
        .filter(
            entry_date=timezone.localdate(),
            flags__status=Flag.Status.OPEN,
            flags__level__in=URGENT,
        )
        .only("entry_date", "level")
        .first()
    )
    return {"banner_entry": entry} if entry else {}
