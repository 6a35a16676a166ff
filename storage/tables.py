"""The tables (SQLAlchemy 2 declarative models). Migrations in storage/migrations/ must match them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.db import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class FeedRow(Base):
    __tablename__ = "feeds"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    consecutive_errors: Mapped[int] = mapped_column(Integer, default=0)
    last_error_class: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(Text)
    last_checked_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    next_check_at: Mapped[datetime | None]
    last_new_item_at: Mapped[datetime | None]
    typical_interval_seconds: Mapped[float | None] = mapped_column(Float)


class ItemRow(Base):
    """A feed entry; (feed_url, guid) is the natural key the database enforces."""

    __tablename__ = "items"
    __table_args__ = (UniqueConstraint("feed_url", "guid", name="uq_items_feed_guid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    feed_url: Mapped[str] = mapped_column(Text)
    guid: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[datetime | None] = mapped_column(index=True)
    # How far the item got (storage/items.py): new → fetched | failed (retried) → gave_up.
    state: Mapped[str] = mapped_column(String(16), default="new", server_default="new", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None]
    article_id: Mapped[str | None] = mapped_column(String(128))


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    canonical_url: Mapped[str] = mapped_column(Text, unique=True)
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    published: Mapped[datetime | None]
    author: Mapped[str] = mapped_column(Text, default="")
    site_name: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(128))
    first_seen_at: Mapped[datetime]  # the re-fetch schedule decays from here
    fetched_at: Mapped[datetime]
    changed_at: Mapped[datetime]
    next_refetch_at: Mapped[datetime | None] = mapped_column(index=True)
    relevant: Mapped[bool | None] = mapped_column(Boolean)
    relevance: Mapped[float | None] = mapped_column(Float)
    # fetched (awaiting assessment) | updated (changed on re-fetch, awaiting it again) | assessed | failed
    state: Mapped[str] = mapped_column(String(16), default="fetched", server_default="fetched", index=True)
    last_error: Mapped[str | None] = mapped_column(Text)


class ClaimRow(Base):
    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("article_id", "position", name="uq_claims_article_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]]


class TrackValueRow(Base):
    __tablename__ = "track_values"

    track: Mapped[str] = mapped_column(String(128), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)


class TrackPointRow(Base):
    """One reading of a tracked quantity, with the evidence it came from."""

    __tablename__ = "track_points"
    __table_args__ = (
        Index("ix_track_points_track_position", "track", "position"),
        UniqueConstraint("track", "position", name="uq_track_points_track_position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    track: Mapped[str] = mapped_column(String(128))
    position: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    sentence: Mapped[str] = mapped_column(Text)
    accepted: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[dict[str, Any]]


class EntityRow(Base):
    """A known or candidate asset, actor or quote (`kind` says which list of KnownState it is in)."""

    __tablename__ = "known_entities"
    __table_args__ = (
        Index("ix_known_entities_kind_position", "kind", "position"),
        UniqueConstraint("kind", "position", name="uq_known_entities_kind_position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[Any]]
    story_ids: Mapped[list[Any]]
    first_seen: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    in_baseline: Mapped[bool] = mapped_column(Boolean, default=False)


class StoryRow(Base):
    __tablename__ = "stories"

    story_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(Text)


class BackfillPartRow(Base):
    """The articles one part of a split backfill prepared, in request order; one row per part, ever."""

    __tablename__ = "backfill_parts"

    backfill_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    part: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_ids: Mapped[list[Any]]
    errors: Mapped[list[Any]]


class MetaRow(Base):
    """Small facts about the database, e.g. when the known state was last saved."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OutboxRow(Base):
    """One alert for one route. `delivery_key` (alert key + route) makes enqueueing idempotent."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next_attempt", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    delivery_key: Mapped[str] = mapped_column(String(200), unique=True)
    alert_key: Mapped[str] = mapped_column(String(128), index=True)
    route: Mapped[str] = mapped_column(String(64))
    alert_type: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16))
    alert: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    lease_until: Mapped[datetime | None]
    lease_token: Mapped[str | None] = mapped_column(String(32), index=True)
    delivered_at: Mapped[datetime | None]
    hold_reason: Mapped[str | None] = mapped_column(String(16))
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id"))
