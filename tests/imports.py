"""What the modules of a package import, read from their source (no import run)."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def imports_of(package: str, *, skip: tuple[str, ...] = ()) -> dict[str, set[str]]:
    """{file relative to the repo: top-level names it imports} for every .py file
    of `package`, function-local imports included; `skip` names sub-folders."""
    found: dict[str, set[str]] = {}
    for path in sorted((REPO / package).rglob("*.py")):
        relative = path.relative_to(REPO)
        if any(part in skip for part in relative.parts):
            continue
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
        found[str(relative)] = names
    return found


def files_importing(
    package: str, forbidden: str, *, skip: tuple[str, ...] = ()
) -> list[str]:
    return [
        file
        for file, names in imports_of(package, skip=skip).items()
        if forbidden in names
    ]


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, and module.name for each name it takes
    from one (so that a test can match a package or a single module)."""
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


def room_imports(room: Path, prefixes: tuple[str, ...]) -> set[str]:
    """ "file: module" for each import from the room of a module under `prefixes`."""
    return {
        f"{path.relative_to(REPO)}: {module}"
        for path in python_files(room)
        for module in imported_modules(path)
        if module.startswith(prefixes)
    }


def imports_of_room_from_outside(room: Path) -> set[str]:
    """ "file: module" for each import of the room by diary, accounts or config
    outside it (the room's package is its path from the repo, dotted)."""
    package = ".".join(room.relative_to(REPO).parts)
    others = [
        p
        for p in python_files(REPO / "diary", REPO / "accounts", REPO / "config")
        if room not in p.parents
    ]
    return {
        f"{path.relative_to(REPO)}: {module}"
        for path in others
        for module in imported_modules(path)
        if module == package or module.startswith(f"{package}.")
    }


def views_served_from_elsewhere(urlpatterns: list, package: str) -> dict[str, str]:
    """{URL name: view module} for the patterns whose view is not in `package`."""
    return {
        p.name: p.callback.__module__
        for p in urlpatterns
        if not p.callback.__module__.startswith(f"{package}.")
    }
