"""The patient's side is one room, diary/patient/ (docs/architecture.md): it
may use the shared pieces of diary and accounts, never the nurse's pages, and
only the URL configuration reaches into it."""

from __future__ import annotations

from tests.imports import (
    REPO,
    imports_of_room_from_outside,
    room_imports,
    views_served_from_elsewhere,
)

PATIENT = REPO / "diary" / "patient"
# The nurse's pages, wherever they sit: the patient room shares documents
# (diary/documents.py) and forms (diary/forms.py) with them, not their views.
NURSE_SIDE = ("diary.nurse", "diary.views_nurse", "diary.caseload")


def test_it_holds_every_view_the_patient_urls_name():
    from diary.patient import urls

    assert views_served_from_elsewhere(urls.urlpatterns, "diary.patient") == {}


def test_it_never_imports_the_nurses_pages():
    assert room_imports(PATIENT, NURSE_SIDE) == set()


def test_nothing_outside_the_room_imports_it_but_the_url_configuration():
    assert imports_of_room_from_outside(PATIENT) == set()
