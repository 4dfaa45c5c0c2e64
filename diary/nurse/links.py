"""Links reversed once a page (see Links)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse


class Links:
    """The nurse's links to many patients, flags and entries on one page
    (the queue's cards, the caseload's rows): each URL name is reversed once
    with stand-in arguments, which are then replaced. reverse() costs as much
    as the rest of a queue card, which has three links."""

    _ID, _OTHER_ID, _DAY = 9_187_000_001, 9_187_000_002, dt.date(1111, 11, 11)

    def __init__(self) -> None:
        self._patient = reverse("nurse:patient", args=[self._ID])
        self._acknowledge = reverse("nurse:acknowledge", args=[self._ID])
        self._entry = reverse("nurse:entry", args=[self._OTHER_ID, self._DAY])

    def patient(self, patient_id: int) -> str:
        return self._patient.replace(str(self._ID), str(patient_id))

    def acknowledge(self, flag_id: int) -> str:
        return self._acknowledge.replace(str(self._ID), str(flag_id))

    def entry(self, patient_id: int, day: dt.date) -> str:
        url = self._entry.replace(str(self._OTHER_ID), str(patient_id))
        return url.replace(self._DAY.isoformat(), day.isoformat())
