"""Work states: every item and article says how far it got, so a cycle resumes what a crash left unfinished.

items:    state new → fetched | failed (retried, `attempts`, `last_error`, `next_attempt_at`) → gave_up;
          `article_id` is the article a fetched item became.
articles: state fetched (awaiting assessment) | updated (changed on re-fetch, awaiting re-assessment) | assessed
          | failed (its assessment raised: `last_error`).
Rows that exist already were handled by the old, stateless cycle: they count as done.

Revision ID: rel_cycle_0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "rel_cycle_0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state", sa.String(length=16), server_default="new", nullable=False))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("last_error", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("article_id", sa.String(length=128), nullable=True))
        batch_op.create_index("ix_items_state", ["state"], unique=False)
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state", sa.String(length=16), server_default="fetched", nullable=False))
        batch_op.add_column(sa.Column("last_error", sa.Text(), nullable=True))
        batch_op.create_index("ix_articles_state", ["state"], unique=False)
    op.execute("UPDATE items SET state = 'fetched'")
    op.execute("UPDATE articles SET state = 'assessed'")


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_state")
        batch_op.drop_column("last_error")
        batch_op.drop_column("state")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_index("ix_items_state")
        for column in ("article_id", "next_attempt_at", "last_error", "attempts", "state"):
            batch_op.drop_column(column)
