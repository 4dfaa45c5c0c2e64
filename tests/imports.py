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
