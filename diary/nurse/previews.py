"""A list's first rows, or one page of it, with its length: the preview
counted only when it is full, the queue's first page in the same query as
its rows."""

from __future__ import annotations

from typing import TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Count, Model, QuerySet, Window

M = TypeVar("M", bound=Model)


def first_and_count(items: QuerySet[M], size: int) -> tuple[list[M], int]:
    """The first `size` of `items`, and how many there are in all: counted
    by the database only when the first rows fill `size` (a query saved on
    most pages, whose lists are short)."""
    first = list(items[:size])
    if len(first) < size:
        return first, len(first)
    return first, items.count()


def counted_page(items: QuerySet[M], number: str | None, size: int) -> Page:
    """Page `number` of `items` as Paginator.get_page gives it. The first
    page, where the queue opens, is read with `COUNT(*) OVER ()` beside its
    rows: one query instead of a COUNT of the same joins and then the rows
    (the queue's flags join entries and profiles for the team,
    docs/performance.md). Any other page is counted first, so a number past
    the last (or too large for an OFFSET) gives the last page."""
    paginator = Paginator(items, size)
    if number in (None, "", "1"):
        rows = list(items.annotate(all_rows=Window(Count("pk")))[:size])
        paginator.count = rows[0].all_rows if rows else 0  # type: ignore[attr-defined]  # annotated
        page = paginator.page(1)
        page.object_list = rows
        return page
    page = paginator.get_page(number)
    page.object_list = list(page.object_list)
    return page
