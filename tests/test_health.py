"""Feed health, backoff, cadence and the re-fetch schedule: pure functions on a fixed clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from watchers.health import (
    MAX_BACKOFF,
    backoff_delay,
    feed_health,
    format_duration,
    health_rows,
    updated_cadence,
)
from watchers.models import FeedState
from watchers.refetch import is_refetch_due, next_refetch

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
H = timedelta(hours=1)
OK = FeedState(url="https://ok.example/rss", name="OK wire", last_checked_at=NOW - H, last_success_at=NOW - H)


@pytest.mark.parametrize(
    ("errors", "delay"),
    [(0, 15), (1, 15), (2, 30), (3, 60), (4, 120), (5, 240), (6, 360), (7, 360), (500, 360)],
)
def test_backoff_doubles_up_to_the_cap_and_never_stops(errors: int, delay: int) -> None:
    assert backoff_delay(errors) == timedelta(minutes=delay)
    assert backoff_delay(errors) <= MAX_BACKOFF


def test_backoff_cap_below_the_interval_keeps_the_interval() -> None:
    assert backoff_delay(9, interval=2 * H, cap=H) == 2 * H


@pytest.mark.parametrize(
    ("state", "status", "reason"),
    [
        (FeedState(url="u"), "never-polled", "not polled yet"),
        (replace(OK, consecutive_errors=1, last_error_class="FetchTimeout", last_error="slow", next_check_at=NOW + H),
         "degraded", "last poll failed (FetchTimeout: slow); retry in 1h"),
        (replace(OK, consecutive_errors=4, last_error_class="HTTPStatusError", last_error="HTTP 503",
                 last_success_at=NOW - 30 * H, next_check_at=NOW - H),
         "failing", "4 errors in a row (HTTPStatusError: HTTP 503); last success 1d 6h ago; retry due now"),
        (replace(OK, consecutive_errors=3, last_success_at=None, last_error_class="BlockedAddress", last_error="x"),
         "failing", "never succeeded"),
        (replace(OK, last_new_item_at=NOW - 2 * H, typical_interval_seconds=1800),
         "healthy", "last new item 2h ago (usually every 30m)"),
        (replace(OK, last_new_item_at=NOW - 13 * H, typical_interval_seconds=1800),
         "quiet", "went quiet: no new item for 13h (usually every 30m)"),
        (replace(OK, last_new_item_at=NOW - 20 * H, typical_interval_seconds=6 * 3600),
         "healthy", "last new item 20h ago (usually every 6h)"),
        (replace(OK, last_new_item_at=NOW - 25 * H, typical_interval_seconds=6 * 3600),
         "quiet", "no new item for 1d 1h"),
        (replace(OK, last_new_item_at=NOW - 8 * 24 * H), "quiet", "no new item for 8d"),
        (OK, "healthy", "no dated item seen yet"),
    ],
)  # fmt: skip
def test_feed_health(state: FeedState, status: str, reason: str) -> None:
    health = feed_health(state, NOW)
    assert health.status == status
    assert reason in health.reason


def test_health_rows_put_the_worst_first() -> None:
    failing = replace(OK, name="Broken", consecutive_errors=5, last_error_class="ConnectError", next_check_at=NOW + H)
    rows = health_rows([OK, FeedState(url="https://new.example/feed"), failing], NOW)
    assert [r["status"] for r in rows] == ["failing", "never-polled", "healthy"]
    assert rows[0] == {
        "feed": "Broken",
        "status": "failing",
        "errors": "5",
        "last success": "1h ago",
        "next check": "in 1h",
        "reason": rows[0]["reason"],
    }
    assert rows[1]["feed"] == "https://new.example/feed" and rows[1]["last success"] == "never"


@pytest.mark.parametrize(
    ("delta", "text"),
    [(timedelta(seconds=30), "30s"), (timedelta(minutes=45), "45m"), (2 * H + timedelta(minutes=5), "2h 5m"),
     (3 * H, "3h"), (76 * H, "3d 4h"), (48 * H, "2d")],
)  # fmt: skip
def test_format_duration(delta: timedelta, text: str) -> None:
    assert format_duration(delta) == text


def test_cadence_from_item_dates() -> None:
    times = [NOW - k * 2 * H for k in range(5)] + [NOW + 24 * H]  # one date far in the future is ignored
    state = updated_cadence(FeedState(url="u"), times, NOW)
    assert (state.last_new_item_at, state.typical_interval_seconds) == (NOW, 7200)
    slower = updated_cadence(state, [NOW - k * 4 * H for k in range(5)], NOW)
    assert slower.typical_interval_seconds == pytest.approx(0.7 * 7200 + 0.3 * 14400)
    assert slower.last_new_item_at == NOW  # an older newest item does not move it back
    assert updated_cadence(state, [], NOW) == state


# --------------------------------------------------------------------------- re-fetch schedule

SEEN = NOW - 30 * H


@pytest.mark.parametrize(
    ("first_seen", "last_fetched", "now", "due"),
    [
        (NOW, None, NOW, NOW),  # never fetched: now
        (NOW, NOW, NOW, NOW + H),
        (NOW, NOW + H, NOW + H, NOW + 6 * H),
        (NOW, NOW + 6 * H + timedelta(minutes=3), NOW + 7 * H, NOW + 24 * H),
        (NOW, NOW + 24 * H, NOW + 24 * H, None),  # schedule done
        (NOW, NOW + 2 * H, NOW + 30 * H, NOW + 6 * H),  # +6 h and +24 h missed: one catch-up fetch, due now…
        (NOW, NOW + 30 * H, NOW + 30 * H, None),  # …which covers both
        (NOW, NOW, NOW + 49 * H, None),  # down for two days: too stale to bother
    ],
)
def test_next_refetch(first_seen: datetime, last_fetched: datetime | None, now: datetime, due: datetime | None) -> None:
    assert next_refetch(first_seen, last_fetched, now) == due


def test_is_refetch_due() -> None:
    assert not is_refetch_due(NOW, NOW, NOW + 30 * timedelta(minutes=1))
    assert is_refetch_due(NOW, NOW, NOW + H)
    assert not is_refetch_due(NOW, NOW + 24 * H, NOW + 25 * H)
