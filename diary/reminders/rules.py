"""When a reminder is due: pure functions over plain values (no database)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

# The cron runs every 5 minutes; a run missed for a while (a deploy, a
# restart) still sends a reminder up to this late, and no later: a prompt
# hours after the time she chose is more nuisance than help.
GRACE = dt.timedelta(hours=2)


def due_date(
    now: dt.datetime,
    *,
    local_time: dt.time,
    weekdays: frozenset[int],
    zone: zoneinfo.ZoneInfo,
    grace: dt.timedelta = GRACE,
) -> dt.date | None:
    """The patient's local date whose reminder is due at `now` (aware), or
    None. Due once her wall clock has reached `local_time` on one of her
    `weekdays` (Monday 0) and for `grace` after.

    The chosen time is turned into an instant with the zone's rules for that
    very day, so 18:00 is 17:00 UTC in summer and 18:00 UTC in winter,
    including on the Sundays the clocks change. A time the clocks skip
    (01:30 on the spring Sunday in London) counts at the same distance after
    the change as before it, zoneinfo's fold=0 reading.
    """
    today = now.astimezone(zone).date()
    if today.weekday() not in weekdays:
        return None
    due_at = dt.datetime.combine(today, local_time, tzinfo=zone)
    if due_at <= now < due_at + grace:
        return today
    return None
