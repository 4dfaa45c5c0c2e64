import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.dispatch import receiver
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.http.multipartparser import MultiPartParserError
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.deprecation import MiddlewareMixin

from accounts import mfa
from accounts.models import User
from accounts.signals import signed_out

SIGNED_IN_AT = "signed_in_at"
IDLE_CLOCK_AT = "idle_clock_at"  # when the session was last saved for the clock
UNREADABLE_BODY = (
    "This form could not be read: its text was not sent in UTF-8. "
    "Go back, reload the page and send the form again."
)


class NoStoreForSignedInMiddleware:
    """Pages for a signed-in user show health data: no browser or proxy may keep
    a copy (a shared clinic PC's back button must not show the last patient)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "user", None) and request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


class ContentSecurityPolicyMiddleware:
    """settings.CONTENT_SECURITY_POLICY on every response: defence in depth
    behind template escaping (no inline or third-party script can run)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(
            "Content-Security-Policy", settings.CONTENT_SECURITY_POLICY
        )
        return response


class PermissionsPolicyMiddleware:
    """settings.PERMISSIONS_POLICY on every response: no page, nor a script
    injected into one, may use the camera, microphone, location and the like."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class UndecodableBodyMiddleware:
    """A form body that cannot be decoded (e.g. sent as latin-1) is a 400 here,
    before CsrfViewMiddleware reads it: there it raised again inside Django's
    400 and 500 pages (which check the CSRF token too), so the answer was a
    bare 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            try:
                request.POST  # noqa: B018  (parses the body, or raises)
            except (
                BadRequest,
                SuspiciousOperation,
                MultiPartParserError,
                UnicodeDecodeError,
            ):
                return HttpResponseBadRequest(
                    UNREADABLE_BODY, content_type="text/plain; charset=utf-8"
                )
        return self.get_response(request)


@receiver(user_logged_in)
def _note_sign_in_time(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


def max_session_seconds_for(user: User) -> int:
    """However active, a session ends this long after signing in."""
    if user.role == User.Role.PATIENT:
        return settings.PATIENT_SESSION_MAX_SECONDS
    return settings.NURSE_SESSION_MAX_SECONDS


class AbsoluteSessionLifetimeMiddleware:
    """Signs a user out max_session_seconds_for() after they signed in, however
    active they are (the idle timeout alone lets activity keep a session alive
    for ever). Then LoginRequiredMiddleware asks them to sign in again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            signed_in_at = request.session.get(SIGNED_IN_AT)
            if signed_in_at is None:  # signed in before this middleware existed
                request.session[SIGNED_IN_AT] = now
            elif now - signed_in_at > max_session_seconds_for(user):
                logout(request)
                signed_out.send(sender=User, user=user, reason="session_lifetime")
        return self.get_response(request)


def idle_seconds_for(user: User) -> int:
    """Seconds of inactivity before a user's session ends.

    Patients get the long timeout: filling in the diary while unwell can be
    slow. Everyone else (nurses, staff) sees many patients' data, often on a
    shared clinic PC, so gets the short one.
    """
    if user.role == User.Role.PATIENT:
        return settings.SESSION_COOKIE_AGE
    return settings.NURSE_SESSION_IDLE_SECONDS


class IdleTimeoutMiddleware:
    """Ends a session after its user's idle time without a request.

    A request of a signed-in user restarts the clock by saving the session
    (its expiry and cookie are counted from the save), so the timeout counts
    idle time, not time since log-in. The save is skipped while the clock
    was restarted less than IDLE_STEP_SECONDS ago: every page would otherwise
    write the session row (an UPDATE and a COMMIT), and the timeout is then
    at most one step short. The step is shorter than the warning's lead
    (session-timeout.js warns two minutes before), and "Stay logged in"
    always restarts the clock.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # After the view, so that the request that logs a user in already
        # gets that user's timeout, and one that logs out sets none.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            restart_idle_clock(request, user, force=_is_keep_alive(request))
        return response


def restart_idle_clock(request: HttpRequest, user: User, *, force: bool) -> None:
    session = request.session
    seconds = idle_seconds_for(user)
    now = int(time.time())
    if (
        force
        or session.modified  # saved anyway: restart the clock with it
        or session.get_expiry_age() != seconds
        or now - session.get(IDLE_CLOCK_AT, 0) >= settings.IDLE_STEP_SECONDS
    ):
        session[IDLE_CLOCK_AT] = now
        session.set_expiry(seconds)


def _is_keep_alive(request: HttpRequest) -> bool:
    match = request.resolver_match
    return match is not None and match.view_name == "keep_alive"


class SecondStepMiddleware(MiddlewareMixin):
    """Until a user who needs the second step of signing in has passed it
    (accounts/mfa.py), every page but the sign-in steps sends them there.

    After LoginRequiredMiddleware, in process_view so the URL's name is
    known: allowing by name keeps any new page behind the second step.
    """

    # reminder_unsubscribe: a reminder email's link, public anyway (its signed
    # token is the proof); a half-signed-in browser must not block it.
    ALLOWED = frozenset(
        {
            "otp_verify",
            "otp_enrol",
            "login",
            "logout",
            "keep_alive",
            "reminder_unsubscribe",
        }
    )

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable,
        view_args: tuple,
        view_kwargs: dict,
    ) -> HttpResponse | None:
        user = request.user
        if (
            not user.is_authenticated
            or (match := request.resolver_match) is None
            or match.view_name in self.ALLOWED
        ):
            return None
        if mfa.needs_second_step(user):
            return HttpResponseRedirect(
                mfa.second_step_url(user, request.get_full_path())
            )
        return None
