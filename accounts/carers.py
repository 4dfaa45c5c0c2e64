"""Carers: a patient invites someone to help with her diary; either she or a
nurse of her team can revoke them at once.

The invitation is the CarerLink row itself and its link is the patients'
invitation mechanism (accounts/invites.py): a signed, timestamped token with
its own salt, single-use by the row's state, every bad link an InviteProblem
with its own page. What the audit trail records goes out as signals
(accounts/signals.py), sent inside each write's transaction.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts import signals
from accounts.invites import INVITE_DAYS, InviteProblem, id_for_token, sign_id
from accounts.models import CarerLink, PatientProfile, User

logger = logging.getLogger(__name__)

SALT = "accounts.carer_invitation"


def invite_carer(*, patient: PatientProfile, email: str, by: User) -> CarerLink:
    """A pending link to `email`; earlier pending ones to the same address are
    withdrawn, so that only the newest email's link works."""
    email = email.strip()
    now = timezone.now()
    with transaction.atomic():
        patient.carer_links.pending().filter(email__iexact=email).update(
            revoked_at=now, revoked_by=by
        )
        link = CarerLink.objects.create(
            patient=patient, email=email, invited_by=by, created_at=now
        )
        signals.carer_invited.send(sender=CarerLink, by=by, link=link)
    return link


def invite_url(link: CarerLink) -> str:
    return settings.SITE_URL + reverse(
        "accept_carer_invite", args=[sign_id(link.pk, SALT)]
    )


def send_carer_invitation(link: CarerLink) -> bool:
    """Email the link; False (and a log line) if the mail server refused it.
    The email names the patient and the team, never anything of her diary."""
    context = {
        "patient": link.patient.user.full_name,
        "url": invite_url(link),
        "days": INVITE_DAYS,
    }
    try:
        send_mail(
            f"{link.patient.user.full_name} invites you to help with their diary",
            render_to_string("accounts/email/carer_invitation.txt", context),
            None,
            [link.email],
        )
    except Exception:  # any mail failure: the patient is told and can resend
        logger.exception("Carer invitation %s could not be sent", link.pk)
        return False
    return True


def link_for_token(token: str) -> CarerLink:
    link = (
        CarerLink.objects.select_related("patient__user", "invited_by")
        .filter(pk=id_for_token(token, SALT))
        .first()
    )
    if link is None:
        raise InviteProblem("invalid")
    if link.revoked_at is not None:
        raise InviteProblem("withdrawn")
    if link.accepted_at is not None:
        raise InviteProblem("used")
    account = account_for(link)
    if account is not None and not account.is_carer:
        # A patient's, nurse's or staff account cannot become a carer's: its
        # owner would see another patient's diary beside their own pages.
        raise InviteProblem("address_in_use")
    return link


def account_for(link: CarerLink) -> User | None:
    return User.objects.filter(email__iexact=link.email).first()


def accept(link: CarerLink, *, full_name: str = "", password: str = "") -> User:
    """Open the link: a new carer account with `full_name` and `password`, or,
    for an address that already has a carer account (the caller has checked
    it is the one signed in), just the link. Once: a second use is "used"."""
    now = timezone.now()
    with transaction.atomic():
        carer = account_for(link)
        if carer is None:
            carer = User.objects.create_user(
                link.email, password, full_name=full_name, role=User.Role.CARER
            )
        # A carer who already helps this patient keeps one live link: the
        # older one gives way to the one being accepted.
        CarerLink.objects.active().filter(carer=carer, patient=link.patient).update(
            revoked_at=now, revoked_by=carer
        )
        claimed = CarerLink.objects.filter(
            pk=link.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(carer=carer, accepted_at=now)
        if not claimed:
            raise InviteProblem("used")
        link.refresh_from_db()
        signals.carer_accepted.send(sender=CarerLink, link=link)
    return carer


def revoke(link: CarerLink, *, by: User) -> bool:
    """End the link now (pending or accepted); False if it had already ended.
    The carer's next request for the patient is refused (diary.access checks
    the link on every request, not once per session)."""
    with transaction.atomic():
        ended = CarerLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=by
        )
        if ended:
            link.refresh_from_db()
            signals.carer_revoked.send(sender=CarerLink, by=by, link=link)
    return bool(ended)


def carers_of(patient: PatientProfile) -> list[CarerLink]:
    """Live and pending links, for the patient's account page and her record."""
    return list(
        patient.carer_links.filter(revoked_at__isnull=True).select_related("carer")
    )
