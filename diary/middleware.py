"""Refuse patient records and downloads to requests another site started.

A page elsewhere can make a signed-in nurse's browser open a record or a
366-day diary PDF (a link it clicks for them, a redirect, a form sent by
script). Browsers say where a request came from in `Sec-Fetch-Site`; when it
is "cross-site", the nurse's record pages (every /nurse/ URL about one patient
or flag), her exports and the patient's own PDF downloads answer 403 and the
refusal is audited. Same-origin, same-site, "none" (typed, bookmarked) and a
missing header (older browsers) pass. The 403 page offers a same-site link to
the page, so someone who followed a link in an email is one click away.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import ResolverMatch
from django.utils.deprecation import MiddlewareMixin

from accounts.models import PatientProfile
from diary import audit
from diary.access import RefusedAccess, patients_for_nurse
from diary.models import Flag

# The patient's own downloads (diary/patient/urls.py).
PATIENT_DOWNLOADS = frozenset({"export_diary", "alert_card_pdf", "download_my_data"})
ABOUT_ONE_PATIENT = frozenset({"patient_id", "flag_id"})


def is_protected(match: ResolverMatch) -> bool:
    """A nurse URL about one patient or flag, or the patient's PDF downloads."""
    if match.namespace == "nurse":
        return bool(ABOUT_ONE_PATIENT & set(match.kwargs))
    return match.view_name in PATIENT_DOWNLOADS


def is_cross_site(request: HttpRequest) -> bool:
    return request.headers.get("Sec-Fetch-Site", "").strip().lower() == "cross-site"


class CrossSiteRefusalMiddleware(MiddlewareMixin):
    """After the sign-in middleware, in process_view: the URL's name is known."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable,
        view_args: tuple,
        view_kwargs: dict,
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or not is_cross_site(request) or not is_protected(match):
            return None
        user = request.user if request.user.is_authenticated else None
        audit.refused_cross_site(
            user,
            _patient_seen(request, match),
            url=match.view_name,
            method=request.method or "",
            from_site=_other_site(request),
        )
        context = {"again": request.get_full_path() if request.method == "GET" else ""}
        return render(request, "cross_site.html", context, status=403)


def _patient_seen(request: HttpRequest, match: ResolverMatch) -> PatientProfile | None:
    """The patient the request was about, if the user may see them (the audit
    row must not name another team's patient to whoever reads it later)."""
    user = request.user
    if not user.is_authenticated:
        return None
    if match.namespace != "nurse":
        return getattr(user, "patient_profile", None) if user.is_patient else None
    if not user.is_nurse:
        return None
    patients = patients_for_nurse(user)
    if "patient_id" in match.kwargs:
        return patients.filter(pk=match.kwargs["patient_id"]).first()
    flag = (
        Flag.objects.filter(pk=match.kwargs["flag_id"], entry__patient__in=patients)
        .select_related("entry__patient")
        .first()
    )
    return flag.entry.patient if flag else None


def _other_site(request: HttpRequest) -> str:
    """The site that started it, scheme and host only (Origin, else Referer):
    never the rest of another site's address."""
    for header in ("Origin", "Referer"):
        parts = urlsplit(request.headers.get(header, ""))
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"[:200]
    return ""


class RefusedAccessAuditMiddleware(MiddlewareMixin):
    """One audit row for each patient, flag or day refused with a 404
    (diary/access.py RefusedAccess): who asked, the URL's name and the id or
    date asked for. It returns nothing, so the visitor sees the same 404 page
    as for a page that does not exist. Here rather than in the helpers: the
    URL's name and the user come with the request."""

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, RefusedAccess):
            match = request.resolver_match
            user = request.user if request.user.is_authenticated else None
            audit.refused_access(
                user, match.view_name if match else "", **exception.asked
            )
        return None
