"""Scale-out: the known state's rows get natural keys the database enforces (so it is updated row by row, never
deleted and re-inserted whole), an article's claims a unique position, and a split backfill records each part's
articles once.

Revision ID: server_0003
Revises: rel_cycle_0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "server_0003"
down_revision = "rel_cycle_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("track_points", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_track_points_track_position", ["track", "position"])
    with op.batch_alter_table("known_entities", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_known_entities_kind_position", ["kind", "position"])
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_claims_article_position", ["article_id", "position"])
    op.create_table(
        "backfill_parts",
        sa.Column("backfill_id", sa.String(length=64), nullable=False),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("article_ids", sa.JSON(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("backfill_id", "part"),
    )


def downgrade() -> None:
    op.drop_table("backfill_parts")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_constraint("uq_claims_article_position", type_="unique")
    with op.batch_alter_table("known_entities", schema=None) as batch_op:
        batch_op.drop_constraint("uq_known_entities_kind_position", type_="unique")
    with op.batch_alter_table("track_points", schema=None) as batch_op:
        batch_op.drop_constraint("uq_track_points_track_position", type_="unique")
