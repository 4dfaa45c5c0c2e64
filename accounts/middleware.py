from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers, patch_cache_control

from accounts import mfa
from accounts.models import User


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

    Every request of a signed-in user restarts the clock (the session is saved
    on every request), so the timeout counts idle time, not time since log-in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # After the view, so that the request that logs a user in already
        # gets that user's timeout, and one that logs out sets none.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.session.set_expiry(idle_seconds_for(user))
        return response


class SecondStepMiddleware:
    """Until a user who needs the second step of signing in has passed it
    (accounts/mfa.py), every page but the sign-in steps sends them there.

    After LoginRequiredMiddleware, in process_view so the URL's name is
    known: allowing by name keeps any new page behind the second step.
    """

    ALLOWED = frozenset({"otp_verify", "otp_enrol", "login", "logout", "keep_alive"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

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
            or request.resolver_match.view_name in self.ALLOWED
        ):
            return None
        if mfa.needs_second_step(user):
            return HttpResponseRedirect(
                mfa.second_step_url(user, request.get_full_path())
            )
        return None
