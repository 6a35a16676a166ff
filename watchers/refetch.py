"""When to fetch an article again: stories get corrected and updated (death tolls rise), mostly in the first day.

The schedule decays: first_seen + 1 h, + 6 h, + 24 h, then never. Pure; the clock comes in as `now`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

REFETCH_AFTER = (timedelta(hours=1), timedelta(hours=6), timedelta(hours=24))
GIVE_UP_AFTER = timedelta(hours=48)  # a check missed by this much (downtime) is no longer worth doing


def next_refetch(first_seen: datetime, last_fetched: datetime | None, now: datetime) -> datetime | None:
    """The next time the article is due (possibly already past: due now), or None when the schedule is done.

    Checkpoints already covered by `last_fetched` are skipped, and several missed ones collapse into one fetch
    (after it, `last_fetched` is past all of them).
    """
    if last_fetched is None:
        return first_seen  # never fetched: due from the moment it was seen
    if now - first_seen > GIVE_UP_AFTER:
        return None
    for offset in REFETCH_AFTER:
        due = first_seen + offset
        if due > last_fetched:
            return due
    return None


def is_refetch_due(first_seen: datetime, last_fetched: datetime | None, now: datetime) -> bool:
    due = next_refetch(first_seen, last_fetched, now)
    return due is not None and due <= now
