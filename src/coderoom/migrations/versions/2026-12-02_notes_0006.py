"""notes tables: interviewer notes and scorecards.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from coderoom.storage.types import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _owner_columns(table: str) -> list[sa.Column[str] | sa.Constraint]:
    """Columns and constraints both tables share: a room and an author in it."""
    return [
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("room_id", sa.String(64), nullable=False),
        sa.Column("participant_id", sa.String(36), nullable=False),
        sa.ForeignKeyConstraint(
            ["room_id"], ["rooms.id"], name=op.f(f"fk_{table}_room_id_rooms"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f(f"fk_{table}_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("room_id", "participant_id", name=op.f(f"uq_{table}_room_id")),
    ]


def upgrade() -> None:
    op.create_table(
        "interview_notes",
        *_owner_columns("interview_notes"),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("private", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index(op.f("ix_interview_notes_room_id"), "interview_notes", ["room_id"])
    op.create_table(
        "scorecards",
        *_owner_columns("scorecards"),
        sa.Column("ratings", sa.JSON(), nullable=False),
        sa.Column("overall", sa.String(16), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=True),
    )
    op.create_index(op.f("ix_scorecards_room_id"), "scorecards", ["room_id"])


def downgrade() -> None:
    op.drop_table("scorecards")
    op.drop_table("interview_notes")
