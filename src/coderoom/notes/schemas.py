"""HTTP shapes of notes and scorecards.

Every shape here is for a room's staff only: the routes refuse everyone else before
any of these is built, so no candidate-safe view exists (or should be added).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

MAX_NOTE_CHARS = 100_000
MAX_COMMENT_CHARS = 5_000

# Text as typed: newlines and tabs allowed, other control characters (NUL above all,
# which PostgreSQL cannot store) refused.
_TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"

Rating = Literal["strong_no", "no", "mixed", "yes", "strong_yes"]
Criterion = Literal["problem_solving", "communication", "code_quality", "testing"]
CRITERIA: tuple[Criterion, ...] = get_args(Criterion)
ScorecardStatus = Literal["empty", "draft", "submitted"]


class NoteIn(BaseModel):
    """The caller's whole note (autosave sends the full text each time)."""

    model_config = ConfigDict(extra="forbid")

    # Over-long notes get 413 from the service (a size limit, not a typo to fix);
    # the limit is still published for generated clients.
    body: Annotated[
        str, Field(pattern=_TEXT_PATTERN, json_schema_extra={"maxLength": MAX_NOTE_CHARS})
    ]
    private: bool = False


class NotePublic(BaseModel):
    """One author's notes."""

    participant_id: str
    author_name: str
    role: str
    body: str
    private: bool
    mine: bool
    updated_at: datetime | None


class NotesPublic(BaseModel):
    """The caller's notes and the notes other staff share with the room's staff."""

    mine: NotePublic
    shared: list[NotePublic]


class ScorecardIn(BaseModel):
    """A scorecard as the author fills it in; a draft may leave ratings out."""

    model_config = ConfigDict(extra="forbid")

    ratings: dict[Criterion, Rating] = Field(default_factory=dict)
    overall: Rating | None = None
    comment: Annotated[str, Field(max_length=MAX_COMMENT_CHARS, pattern=_TEXT_PATTERN)] = ""


class ScorecardPublic(BaseModel):
    """One author's scorecard; ``submitted`` ones are final."""

    participant_id: str
    author_name: str
    role: str
    ratings: dict[Criterion, Rating]
    overall: Rating | None
    comment: str
    status: ScorecardStatus
    mine: bool
    updated_at: datetime | None
    submitted_at: datetime | None


class ScorecardsPublic(BaseModel):
    """The caller's scorecard and, once they may see them, the others' submitted ones.

    ``others_visible`` is false until the caller has submitted their own (independent
    ratings); the host also sees them once the room has ended. ``others_submitted``
    counts the other submitted scorecards either way (how many, never what they say).
    """

    criteria: list[Criterion]
    ratings: list[Rating]
    mine: ScorecardPublic
    others_visible: bool
    others_submitted: int
    others: list[ScorecardPublic]
