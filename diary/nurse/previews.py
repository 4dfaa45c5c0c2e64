"""A list's first rows and its length, counted only when it may be longer."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def first_and_count(items: QuerySet[M], size: int) -> tuple[list[M], int]:
    """The first `size` of `items`, and how many there are in all: counted
    by the database only when the first rows fill `size` (a query saved on
    most pages, whose lists are short)."""
    first = list(items[:size])
    if len(first) < size:
        return first, len(first)
    return first, items.count()
