"""The level order in the database: a rank expression for ordering and filtering.

Built from clinical.levels, so the queue and the caseload sort by the same
order as the rules grade by (0 "none" up to 3 "red").
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, When

from clinical.levels import LEVELS, rank

# The rank of a NULL or unknown level (e.g. "not logged today"): below "none".
NO_LEVEL_RANK = -1


def level_rank_expression(field: str = "level", *, default: int = 0) -> Case:
    """clinical.levels.rank() of `field`, computed by the database; `default`
    for a NULL or unknown value."""
    return Case(
        *(When(**{field: level.value}, then=rank(level)) for level in LEVELS),
        default=default,
        output_field=IntegerField(),
    )
