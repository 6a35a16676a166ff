"""Read-only views over the store for people: the board, the alert log, and exports for analysts.

Each loads what it needs from the store once and hands plain data to the pure builders and renderers
(`watchers.board`, `flows.render`, `flows.report`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from config.watch import WatchConfig
from storage import OutboxEntry, Store
from watchers.alerts import alert_document, outlet_name, when_iso
from watchers.board import Board, build_board, first_seen_ids, is_baseline
from watchers.models import Alert, ArticleClaims, KnownState

EXPORT_KINDS = ("readings", "alerts")
EXPORT_FORMATS = ("csv", "jsonl")


def load_board(store: Store, watch: WatchConfig, state: KnownState, newest: int = 10) -> Board:
    """The board from the stored state, with first-seen sentences from the stored claims."""
    claims: dict[str, ArticleClaims] = {}
    for article_id in first_seen_ids(state):
        found = store.load_claims(article_id)
        if found is not None:
            claims[article_id] = found
    return build_board(state, watch, claims, newest=newest)


@dataclass(frozen=True)
class LoggedAlert:
    """One alert (not one delivery): when it was raised, and what became of it on each route."""

    alert: Alert
    created_at: datetime
    deliveries: list[tuple[str, str, datetime | None]]  # (route, status, delivered_at)


def alert_log(entries: Iterable[OutboxEntry]) -> list[LoggedAlert]:
    """The outbox folded to one line per alert, oldest first; digests are left out (their alerts are in)."""
    by_key: dict[str, LoggedAlert] = {}
    for e in entries:
        if e.alert.type == "digest":
            continue
        logged = by_key.setdefault(e.alert.key, LoggedAlert(e.alert, e.created_at, []))
        logged.deliveries.append((e.route, e.status, e.delivered_at))
    return sorted(by_key.values(), key=lambda a: a.created_at)


def reading_records(state: KnownState, watch: WatchConfig) -> Iterator[dict[str, Any]]:
    """Every reading of every tracked quantity, in the order they were read (seed documents first, with the
    outlet and date watch.yaml gives them)."""
    for track, points in state.history.items():
        for i, p in enumerate(points):
            seed = watch.baseline_sources.get(p.source.article_id) if is_baseline(p.source) else None
            yield {
                "track": track,
                "position": i,
                "value": int(p.value) if float(p.value).is_integer() else p.value,
                "accepted": p.accepted,
                "baseline": is_baseline(p.source),
                "outlet": (seed.outlet if seed else "") if is_baseline(p.source) else outlet_name(p.source),
                "published": seed.published.isoformat() if seed and seed.published else when_iso(p.source.published),
                "url": "" if is_baseline(p.source) else p.source.url,
                "article_id": p.source.article_id,
                "story_id": p.source.story_id,
                "sentence": p.sentence,
            }


_ALERT_COLUMNS = (
    "created_at", "key", "type", "severity", "title", "track", "kind", "old", "new", "delta", "asset", "name",
    "category", "speaker", "quote", "url", "outlet", "published", "independent_sources", "sentence", "routes",
)  # fmt: skip


def alert_records(log: Iterable[LoggedAlert]) -> Iterator[dict[str, Any]]:
    for logged in log:
        doc = alert_document(logged.alert)
        yield {
            **doc,
            "created_at": logged.created_at.isoformat(),
            "routes": {route: status for route, status, _ in logged.deliveries},
        }


def write_export(records: Iterable[dict[str, Any]], fmt: str, sink: IO[str], columns: Iterable[str] = ()) -> int:
    """Records as JSON lines, or CSV with `columns` (default: the first record's keys). Returns rows written."""
    count = 0
    if fmt == "jsonl":
        for record in records:
            sink.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            count += 1
        return count
    rows = list(records)
    fields = list(columns) or (list(rows[0]) if rows else [])
    writer = csv.DictWriter(sink, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in fields})
        count += 1
    return count


def _cell(value: Any) -> Any:
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return "" if value is None else value


def export(store: Store, watch: WatchConfig, state: KnownState, kind: str, fmt: str, sink: IO[str]) -> int:
    if kind == "readings":
        return write_export(reading_records(state, watch), fmt, sink)
    return write_export(alert_records(alert_log(store.list_outbox())), fmt, sink, _ALERT_COLUMNS)
