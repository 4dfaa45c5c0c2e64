"""Invitations: a nurse adds a patient, the patient sets a password by a link.

The link carries a signed, timestamped token (django.core.signing), so it
cannot be forged or altered and expires after INVITE_DAYS on its own; the
Invitation row's status makes it single-use and lets a newer link replace an
older one. Every way a link can be bad is an InviteProblem with its own
clear page, never a 500.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, PatientProfile, Team, User
from accounts.signals import invite_refused, patient_invited

logger = logging.getLogger(__name__)

INVITE_DAYS = 7
SALT = "accounts.invitation"


class InviteProblem(Exception):
    """Why a link cannot be used: "invalid", "expired", "used", "replaced" or
    "address_changed" (the account's email is no longer the one it went to)."""

    STATUS = {
        "invalid": 400,
        "expired": 410,
        "used": 410,
        "replaced": 410,
        "address_changed": 410,
        "withdrawn": 410,  # a carer's invitation the patient or nurse revoked
        "address_in_use": 409,  # a carer's invitation to a non-carer account
    }

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = self.STATUS[reason]


def sign_id(pk: int, salt: str = SALT) -> str:
    """A link's token: the row's id, signed and timestamped (also used for
    carers' invitations, accounts/carers.py, with their own salt)."""
    return signing.TimestampSigner(salt=salt).sign_object({"i": pk})


def id_for_token(token: str, salt: str = SALT) -> int:
    """The id a token was signed with; InviteProblem if forged or expired."""
    signer = signing.TimestampSigner(salt=salt)
    try:
        data = signer.unsign_object(token, max_age=dt.timedelta(days=INVITE_DAYS))
    except signing.SignatureExpired:
        raise InviteProblem("expired") from None
    except signing.BadSignature:
        raise InviteProblem("invalid") from None
    pk = data.get("i") if isinstance(data, dict) else None
    if not isinstance(pk, int):
        raise InviteProblem("invalid")
    return pk


def make_token(invitation: Invitation) -> str:
    return sign_id(invitation.pk)


def invitation_for_token(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("patient__user", "patient__team")
        .filter(pk=id_for_token(token))
        .first()
    )
    if invitation is None:
        raise InviteProblem("invalid")
    if invitation.status == Invitation.Status.ACCEPTED:
        raise InviteProblem("used")
    if not same_address(invitation.email, invitation.patient.user.email):
        # Staff corrected a mistyped address: whoever got the old one must not
        # get the patient's account (checked before "replaced": correcting the
        # address also replaces the link, and this says why).
        raise InviteProblem("address_changed")
    if invitation.status == Invitation.Status.REPLACED:
        raise InviteProblem("replaced")
    return invitation


def same_address(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def invite_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("accept_invite", args=[make_token(invitation)])


def expires_at(invitation: Invitation) -> dt.datetime:
    return invitation.created_at + dt.timedelta(days=INVITE_DAYS)


def invite_patient(
    *,
    nurse: User,
    team: Team,
    full_name: str,
    email: str,
    nhs_number: str = "",
    mobile_phone: str = "",
    other_phone: str = "",
) -> Invitation:
    """A patient account that cannot log in until the patient sets a password."""
    with transaction.atomic():
        user = User.objects.create_user(
            email, None, full_name=full_name, role=User.Role.PATIENT, is_active=False
        )
        patient = PatientProfile.objects.create(
            user=user,
            team=team,
            named_nurse=nurse,
            nhs_number=nhs_number,
            mobile_phone=mobile_phone,
            other_phone=other_phone,
        )
        return _new_invitation(patient=patient, nurse=nurse, at=timezone.now())


def awaiting_signup(patient: PatientProfile) -> bool:
    return not patient.user.has_usable_password()


def reinvite(*, patient: PatientProfile, nurse: User) -> Invitation:
    """A new link for a patient who has not signed up; older links stop working."""
    now = timezone.now()
    with transaction.atomic():
        patient.invitations.filter(status=Invitation.Status.PENDING).update(
            status=Invitation.Status.REPLACED, closed_at=now
        )
        return _new_invitation(patient=patient, nurse=nurse, at=now, again=True)


def _new_invitation(
    *, patient: PatientProfile, nurse: User, at: dt.datetime, **detail: Any
) -> Invitation:
    """A link to the patient's email address, and its line in the audit trail
    (written by the diary's receiver of patient_invited)."""
    invitation = Invitation.objects.create(
        patient=patient, email=patient.user.email, invited_by=nurse, created_at=at
    )
    patient_invited.send(
        sender=Invitation, nurse=nurse, invitation=invitation, detail=detail
    )
    return invitation


def send_invitation(invitation: Invitation) -> bool:
    """Email the link; False (and a log line) if the mail server refused it."""
    patient = invitation.patient
    context = {
        "name": patient.user.full_name,
        "team": patient.team.name,
        "nurse": invitation.invited_by.full_name,
        "url": invite_url(invitation),
        "days": INVITE_DAYS,
    }
    try:
        send_mail(
            "Your bone symptom diary: set your password",
            render_to_string("accounts/email/invitation.txt", context),
            None,
            [invitation.email],
        )
    except Exception:  # any mail failure: the nurse is told and can resend
        logger.exception("Invitation %s could not be sent", invitation.pk)
        return False
    return True


def accept(invitation: Invitation, password: str) -> User:
    """Set the password and open the account, once: a second use is "used"."""
    now = timezone.now()
    with transaction.atomic():
        # Still pending and still to the account's address, checked in the
        # same statement that claims it.
        claimed = Invitation.objects.filter(
            pk=invitation.pk,
            status=Invitation.Status.PENDING,
            email__iexact=F("patient__user__email"),
        ).update(status=Invitation.Status.ACCEPTED, closed_at=now)
        if not claimed:
            raise InviteProblem("used")
        invitation.patient.invitations.filter(status=Invitation.Status.PENDING).update(
            status=Invitation.Status.REPLACED, closed_at=now
        )
        user = invitation.patient.user
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
    return user


@receiver(pre_save, sender=User)
def _replace_invitations_when_the_email_changes(
    sender: type[User], instance: User, update_fields: Any = None, **kwargs: Any
) -> None:
    """A corrected address makes the links sent to the old one stop working
    (they would fail anyway, "address_changed"; this also shows the nurse the
    patient needs a new invitation)."""
    if instance.pk is None or (update_fields and "email" not in update_fields):
        return
    old = User.objects.filter(pk=instance.pk).values_list("email", flat=True).first()
    if old is None or same_address(old, instance.email):
        return
    Invitation.objects.filter(
        patient__user_id=instance.pk, status=Invitation.Status.PENDING
    ).update(status=Invitation.Status.REPLACED, closed_at=timezone.now())


def record_refused_invite(*, nurse: User, email: str) -> None:
    """A nurse tried to invite an address whose account is outside their
    teams: the form said nothing about it; the audit trail (or, for a staff
    or nurse account, the security log) says who tried."""
    user = User.objects.filter(email__iexact=email).first()
    profile = getattr(user, "patient_profile", None) if user else None
    if profile is not None:
        invite_refused.send(sender=User, nurse=nurse, patient=profile, email=email)
    else:
        logger.warning(
            "Nurse %s tried to invite the address of account %s (not a patient)",
            nurse.pk,
            user.pk if user else None,
        )
