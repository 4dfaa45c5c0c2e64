"""Accepting an invitation: the patient sets a password from the emailed link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts import invites, signals, throttle
from accounts.models import User


@login_not_required
@never_cache  # the page names the patient before anyone is signed in
def accept_invite(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invites.invitation_for_token(token)
    except invites.InviteProblem as problem:
        return _problem(request, problem)
    form = SetPasswordForm(
        invitation.patient.user, request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invites.accept(invitation, form.cleaned_data["new_password1"])
        except invites.InviteProblem as problem:
            return _problem(request, problem)
        sign_in_from_invitation(request, user)
        messages.success(request, "Your password is set and you are logged in.")
        return redirect("home")
    return render(
        request,
        "accounts/accept_invite.html",
        {"form": form, "invitation": invitation},
        status=400 if form.errors else 200,
    )


def sign_in_from_invitation(request: HttpRequest, user: User) -> None:
    """Accepting an invitation signs the new account in, audited as a sign-in
    like a password's (patients' and carers' invitations alike)."""
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    signals.signed_in.send(
        sender=User,
        user=user,
        address=user.email,
        ip=throttle.client_ip(request),
        via="invitation",
    )


def _problem(request: HttpRequest, problem: invites.InviteProblem) -> HttpResponse:
    return render(
        request,
        "accounts/invite_problem.html",
        {"reason": problem.reason, "days": invites.INVITE_DAYS},
        status=problem.status,
    )
