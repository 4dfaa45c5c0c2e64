"""Carers from the accounts side: the patient invites and revokes them on her
account page; the carer accepts by the emailed link (accounts/carers.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import carers, mfa
from accounts.http import AuthenticatedRequest
from accounts.models import CarerLink, User
from accounts.views_invite import _problem, sign_in_from_invitation


def two_step_context(user: User) -> dict[str, object]:
    return {
        "enrolled": mfa.is_enrolled(user),
        "required": mfa.is_required(user),
        "codes_left": mfa.recovery_codes_left(user),
    }


class CarerInviteForm(forms.Form):
    email = forms.EmailField(
        label="Your carer's email address",
        help_text=(
            "They get a link to set a password. You can stop their access at any time."
        ),
    )


class CarerSignUpForm(SetPasswordForm):
    full_name = forms.CharField(
        label="Your full name",
        max_length=200,
        help_text="Shown on every diary entry you make, and to the team.",
    )
    field_order = ["full_name", "new_password1", "new_password2"]


@require_POST
def carer_invite(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.is_patient:
        raise Http404
    form = CarerInviteForm(request.POST)
    if not form.is_valid():
        return account_page(
            request,
            two_step=two_step_context(request.user),
            invite_form=form,
            status=400,
        )
    link = carers.invite_carer(
        patient=request.user.patient_profile,
        email=form.cleaned_data["email"],
        by=request.user,
    )
    if carers.send_carer_invitation(link):
        messages.success(request, f"Invitation sent to {link.email}.")
    else:
        messages.error(
            request,
            f"The invitation to {link.email} could not be sent. "
            "Please try again later.",
        )
    return redirect("account")


@require_POST
def carer_revoke(request: AuthenticatedRequest, link_id: int) -> HttpResponse:
    if not request.user.is_patient:
        raise Http404
    link = CarerLink.objects.filter(
        pk=link_id, patient=request.user.patient_profile
    ).first()
    if link is None:
        raise Http404
    if carers.revoke(link, by=request.user):
        messages.success(
            request,
            f"{link.carer or link.email} can no longer see or fill in your diary.",
        )
    return redirect("account")


def account_page(
    request: AuthenticatedRequest,
    *,
    two_step: dict[str, object],
    invite_form: CarerInviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The account page, given its two-step part (accounts/views_mfa.py); a
    patient's also lists her carers with the form to invite one, a carer's
    whom they help."""
    user = request.user
    context = dict(two_step)
    if user.is_patient:
        context["carers"] = carers.carers_of(user.patient_profile)
        context["invite_form"] = invite_form or CarerInviteForm()
    if user.is_carer:
        context["helping"] = [
            link.patient
            for link in user.carer_links.active().select_related("patient__user")
        ]
    return render(
        request,
        "accounts/account.html",
        context,
        status=status,
    )


@login_not_required
@never_cache  # the page names the patient before anyone is signed in
def accept_carer_invite(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = carers.link_for_token(token)
    except carers.InviteProblem as problem:
        return _problem(request, problem)
    existing = carers.account_for(link)
    if existing is not None:
        return _add_to_existing_carer(request, link, existing)
    form = CarerSignUpForm(
        User(email=link.email), request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            carer = carers.accept(
                link,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["new_password1"],
            )
        except carers.InviteProblem as problem:
            return _problem(request, problem)
        sign_in_from_invitation(request, carer)
        messages.success(
            request,
            f"Your password is set. You can now help {link.patient.user.full_name}.",
        )
        return redirect("today")
    return render(
        request,
        "accounts/accept_carer_invite.html",
        {"form": form, "link": link},
        status=400 if form.errors else 200,
    )


def _add_to_existing_carer(
    request: HttpRequest, link: CarerLink, carer: User
) -> HttpResponse:
    """A carer who already has an account signs in as it, then accepts: the
    link is added, nothing else about the account changes."""
    if request.user != carer:
        return render(
            request,
            "accounts/accept_carer_invite.html",
            {"link": link, "sign_in_first": True},
        )
    if request.method == "POST":
        try:
            carers.accept(link)
        except carers.InviteProblem as problem:
            return _problem(request, problem)
        messages.success(
            request, f"You can now help {link.patient.user.full_name} as well."
        )
        return redirect("carer:choose")
    return render(
        request, "accounts/accept_carer_invite.html", {"link": link, "confirm": True}
    )
