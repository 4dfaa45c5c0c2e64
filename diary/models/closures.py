"""A patient's request to close her account, and staff's confirmation of it
(diary/data_rights/closure.py does both; apply_retention erases later)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import PatientProfile


class AccountClosure(models.Model):
    """One per patient: asked for (by her or a nurse of her team), then
    confirmed by staff in the admin. Deleted with the rest of her record when
    the retention period runs out; the audit trail keeps that it happened."""

    patient = models.OneToOneField(
        PatientProfile, on_delete=models.CASCADE, related_name="closure"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    # SET_NULL: a nurse who asked on the patient's behalf may leave the service.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        state = "closed" if self.confirmed_at else "waiting for staff"
        return f"Closure of account {self.patient_id} ({state})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
