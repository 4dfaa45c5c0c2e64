"""The nurse's side is one room, diary/nurse/ (docs/architecture.md): it may use
the shared pieces of diary and accounts, never the patient's pages, and only
the URL configuration reaches into it."""

from __future__ import annotations

from tests.imports import (
    REPO,
    imports_of_room_from_outside,
    room_imports,
    views_served_from_elsewhere,
)

NURSE = REPO / "diary" / "nurse"
# The patient's pages, wherever they sit: the nurse room shares their
# documents (diary/documents.py), not their views, forms or URLs.
PATIENT_SIDE = ("diary.patient", "diary.urls", "diary.views_")


def test_it_holds_every_nurse_view_the_nurse_urls_name():
    from diary.nurse import urls

    assert views_served_from_elsewhere(urls.urlpatterns, "diary.nurse") == {}


def test_it_never_imports_the_patients_pages():
    assert room_imports(NURSE, PATIENT_SIDE) == set()


def test_nothing_outside_the_room_imports_it_but_the_url_configuration():
    assert imports_of_room_from_outside(NURSE) == set()
