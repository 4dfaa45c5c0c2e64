"""The project's shared clinical documents, which sit beside the checkout.

CI lays shared/ beside its clone, so a test that reads it must never pass by
skipping there; on a developer's machine without it, the test skips and says why.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_text(relative: str) -> str:
    path = SHARED / relative
    if not path.exists():
        message = f"{path} is missing: check out shared/ beside the project"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI must check it)")
        pytest.skip(message)
    return path.read_text(encoding="utf-8")
