"""HTTP shapes for rooms, participants and invites."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# One line of human text: trimmed, no control characters (C0, DEL, C1), no invisible or
# direction-changing characters (a guest named "\u202eabc" would render reversed).
_ONE_LINE = r"^[^\x00-\x1f\x7f-\x9f\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]*$"
Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120, pattern=_ONE_LINE)
]
GuestName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=_ONE_LINE)
]
# Free text may span lines, but NUL and other C0 controls (bar tab/newline) are refused:
# PostgreSQL cannot store NUL in text at all.
Description = Annotated[
    str, Field(max_length=2000, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$")
]
Language = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[a-z0-9][a-z0-9_+#.-]*$")]
RoomPassword = Annotated[str, Field(min_length=1, max_length=128)]
ProblemId = Annotated[str, Field(min_length=1, max_length=64, pattern=_ONE_LINE)]
Role = Literal["host", "interviewer", "candidate", "observer"]
AssignableRole = Literal["interviewer", "candidate", "observer"]
ParticipantStatus = Literal["waiting", "admitted", "rejected", "removed", "left"]


class RoomCreate(BaseModel):
    """``POST /rooms`` body."""

    model_config = ConfigDict(extra="forbid")

    title: Title
    description: Description = ""
    language: Language = "python"
    password: RoomPassword | None = None
    auto_admit: bool = False
    proctoring_enabled: bool = False
    problem_id: ProblemId | None = None


class RoomUpdate(BaseModel):
    """``PATCH /rooms/{id}`` body: only the fields given change."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    description: Description | None = None
    language: Language | None = None
    auto_admit: bool | None = None
    proctoring_enabled: bool | None = None
    problem_id: ProblemId | None = None


class ParticipantPublic(BaseModel):
    """A participant as room members see it."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    room_id: str
    user_id: str | None
    display_name: str
    role: Role
    status: ParticipantStatus
    color: str
    joined_at: datetime


class RoomPublic(BaseModel):
    """A room as the caller may see it.

    ``invite_code`` is set only for the host and interviewers; ``participants`` only for
    admitted members.
    """

    id: str
    title: str
    description: str
    language: str
    status: Literal["active", "ended"]
    auto_admit: bool
    proctoring_enabled: bool
    problem_id: str | None
    host_user_id: str
    password_required: bool
    invite_code: str | None
    created_at: datetime
    ended_at: datetime | None
    me: ParticipantPublic | None
    participants: list[ParticipantPublic] | None


class RoomsPublic(BaseModel):
    """A page of rooms."""

    items: list[RoomPublic]
    total: int
    limit: int
    offset: int


class RoomJoin(BaseModel):
    """``POST /rooms/{id}/join`` body."""

    model_config = ConfigDict(extra="forbid")

    password: RoomPassword | None = None


class InviteJoin(BaseModel):
    """``POST /invites/{code}/join`` body; ``name`` is required for guests."""

    model_config = ConfigDict(extra="forbid")

    name: GuestName | None = None
    password: RoomPassword | None = None


class JoinResult(BaseModel):
    """Outcome of joining: the participant, and a room-scoped token for guests."""

    room_id: str
    status: ParticipantStatus
    participant: ParticipantPublic
    access_token: str | None = None


class InvitePublic(BaseModel):
    """What the join page needs to know before joining."""

    room_id: str
    title: str
    host_name: str
    language: str
    password_required: bool
    recorded: list[str]
    status: Literal["active", "ended"]


class RoleUpdate(BaseModel):
    """``PATCH /rooms/{id}/participants/{pid}`` body."""

    model_config = ConfigDict(extra="forbid")

    role: AssignableRole


class ParticipantsPublic(BaseModel):
    """Participants the caller may see (staff also see the waiting list)."""

    items: list[ParticipantPublic]
