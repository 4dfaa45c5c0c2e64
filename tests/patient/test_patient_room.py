"""The patient's side is one room, diary/patient/ (docs/architecture.md): it
may use the shared pieces of diary and accounts, never the nurse's pages, and
only the URL configuration reaches into it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PATIENT = ROOT / "diary" / "patient"
# The nurse's pages, wherever they sit: the patient room shares documents
# (diary/documents.py) and forms (diary/forms.py) with them, not their views.
NURSE_SIDE = ("diary.nurse", "diary.views_nurse", "diary.caseload")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def python_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*.py"))


def test_it_holds_every_view_the_patient_urls_name():
    from diary.patient import urls

    outside = {
        p.name: p.callback.__module__
        for p in urls.urlpatterns
        if not p.callback.__module__.startswith("diary.patient.")
    }
    assert outside == {}


def test_it_never_imports_the_nurses_pages():
    found = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in python_files(PATIENT)
        for module in imported_modules(path)
        if module.startswith(NURSE_SIDE)
    }
    assert found == set()


def test_nothing_outside_the_room_imports_it_but_the_url_configuration():
    others = [
        p
        for p in python_files(ROOT / "diary", ROOT / "accounts", ROOT / "config")
        if PATIENT not in p.parents
    ]
    found = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in others
        for module in imported_modules(path)
        if module == "diary.patient" or module.startswith("diary.patient.")
    }
    assert found == set()
