"""collab tables.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    # --- collab (documents) ---
    op.create_table(
        "collab_doc_updates",
        sa.Column("seq", _SEQ, primary_key=True, autoincrement=True),
        sa.Column("room_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("participant_id", sa.String(36), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_collab_doc_updates")),
    )
    op.create_index("ix_collab_doc_updates_room_seq", "collab_doc_updates", ["room_id", "seq"])
    op.create_table(
        "collab_doc_checkpoints",
        sa.Column("id", _SEQ, primary_key=True, autoincrement=True),
        sa.Column("room_id", sa.String(64), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.LargeBinary(), nullable=False),
        sa.Column("state_vector", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collab_doc_checkpoints")),
    )
    op.create_index(
        "ix_collab_doc_checkpoints_room_seq", "collab_doc_checkpoints", ["room_id", "last_seq"]
    )
    op.create_table(
        "collab_doc_snapshots",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("room_id", sa.String(64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(36), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collab_doc_snapshots")),
    )
    op.create_index(
        "ix_collab_doc_snapshots_room_created", "collab_doc_snapshots", ["room_id", "created_at"]
    )
    # --- end collab (documents) ---
    # --- chat (room events) ---
    op.create_table(
        "room_events",
        sa.Column("id", _SEQ, autoincrement=True, nullable=False),
        sa.Column("room_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("ts", sa.DateTime(timezone=True), nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("actor_id", sa.String(36), nullable=True),
        sa.Column("audience", sa.String(16), nullable=False),
        sa.Column("participant_id", sa.String(36), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["room_id"], ["rooms.id"], name=op.f("fk_room_events_room_id_rooms"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room_events")),
    )
    op.create_index("ix_room_events_room_seq", "room_events", ["room_id", "seq"])
    op.create_index("ix_room_events_room_type_seq", "room_events", ["room_id", "type", "seq"])
    # --- end chat (room events) ---


def downgrade() -> None:
    # --- chat (room events) ---
    op.drop_index("ix_room_events_room_type_seq", table_name="room_events")
    op.drop_index("ix_room_events_room_seq", table_name="room_events")
    op.drop_table("room_events")
    # --- end chat (room events) ---
    # --- collab (documents) ---
    op.drop_index("ix_collab_doc_snapshots_room_created", table_name="collab_doc_snapshots")
    op.drop_table("collab_doc_snapshots")
    op.drop_index("ix_collab_doc_checkpoints_room_seq", table_name="collab_doc_checkpoints")
    op.drop_table("collab_doc_checkpoints")
    op.drop_index("ix_collab_doc_updates_room_seq", table_name="collab_doc_updates")
    op.drop_table("collab_doc_updates")
    # --- end collab (documents) ---
