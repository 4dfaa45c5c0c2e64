"""The second step of signing in, enrolment, and the account page."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accounts import mfa, views_carers
from accounts.http import AuthenticatedRequest
from accounts.mfa_forms import EnrolForm, SecondStepForm
from accounts.models import User
from accounts.signals import two_step_checked

NEW_CODES_SESSION_KEY = "new_recovery_codes"


def _next_url(request: AuthenticatedRequest) -> str:
    """The page asked for before the second step, if it is one of ours."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _passed(request: AuthenticatedRequest, device) -> None:
    otp_login(request, device)
    # A new session id for the now fully signed-in session, as log-in does.
    request.session.cycle_key()


def otp_verify(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    next_url = _next_url(request)
    if not mfa.is_enrolled(user):
        return redirect(
            mfa.second_step_url(user, next_url) if mfa.is_required(user) else "home"
        )
    if user.is_verified():
        return redirect(next_url or "home")
    form = SecondStepForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        _passed(request, form.device)
        return redirect(next_url or "home")
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


def otp_enrol(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    next_url = _next_url(request)
    if mfa.is_enrolled(user):
        return redirect(
            "account" if user.is_verified() else mfa.second_step_url(user, next_url)
        )
    device = mfa.pending_app_device(user)
    form = EnrolForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.refresh_from_db()
        _passed(request, device)
        two_step_checked.send(
            sender=User,
            user=user,
            outcome="verified",
            method="new authenticator app",
        )
        request.session[NEW_CODES_SESSION_KEY] = form.recovery_codes
        return redirect(_with_next(reverse("otp_recovery_codes"), next_url))
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": qr.svg_inline(scale=5, border=4, dark="#000", light="#fff"),
        "key": mfa.key_in_text(device),
        "required": mfa.is_required(user),
    }
    return render(request, "accounts/otp_enrol.html", context)


def otp_recovery_codes(request: AuthenticatedRequest) -> HttpResponse:
    """New recovery codes, shown once: the session holds them until now."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    context = {"codes": codes, "next": _next_url(request) or reverse("home")}
    return render(request, "accounts/recovery_codes.html", context)


def account(request: AuthenticatedRequest) -> HttpResponse:
    return views_carers.account_page(
        request, two_step=views_carers.two_step_context(request.user)
    )


@require_POST
def otp_new_recovery_codes(request: AuthenticatedRequest) -> HttpResponse:
    if not mfa.is_enrolled(request.user):
        raise Http404
    request.session[NEW_CODES_SESSION_KEY] = mfa.new_recovery_codes(request.user)
    return redirect(_with_next(reverse("otp_recovery_codes"), reverse("account")))


@require_POST
def otp_turn_off(request: AuthenticatedRequest) -> HttpResponse:
    """Patients only: for everyone else the second step is not optional."""
    if mfa.is_required(request.user) or not mfa.is_enrolled(request.user):
        raise Http404
    mfa.remove_devices(request.user)
    messages.info(request, "Two-step sign-in is off.")
    return redirect("account")
