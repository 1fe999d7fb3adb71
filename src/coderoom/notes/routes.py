"""HTTP edge for notes and scorecards: ``/api/v1/rooms/{room_id}/notes|scorecards``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.auth.deps import CurrentPrincipal
from coderoom.auth.tokens import Principal
from coderoom.notes import service
from coderoom.notes.schemas import (
    NoteIn,
    NotePublic,
    NotesPublic,
    ScorecardIn,
    ScorecardPublic,
    ScorecardsPublic,
)
from coderoom.storage.deps import SessionDep

router = APIRouter(prefix="/api/v1/rooms/{room_id}", tags=["notes"])
RoomId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


async def _call(
    room_id: RoomId, principal: CurrentPrincipal, session: SessionDep
) -> tuple[AsyncSession, Principal, str]:
    """Every notes service call starts with these arguments, in this order."""
    return session, principal, room_id


Call = Annotated[tuple[AsyncSession, Principal, str], Depends(_call)]


@router.get("/notes", summary="My notes and those other staff share (staff)")
async def get_notes(call: Call) -> NotesPublic:
    return await service.get_notes(*call)


@router.put("/notes/me", summary="Save my notes (staff; Markdown, 100,000 characters at most)")
async def save_my_note(call: Call, data: NoteIn) -> NotePublic:
    return await service.save_note(*call, data)


@router.get("/scorecards", summary="My scorecard; others' once mine is submitted (staff)")
async def get_scorecards(call: Call) -> ScorecardsPublic:
    return await service.get_scorecards(*call)


@router.put("/scorecards/me", summary="Save my scorecard as a draft (staff)")
async def save_my_scorecard(call: Call, data: ScorecardIn) -> ScorecardPublic:
    return await service.save_scorecard(*call, data, submit=False)


@router.post("/scorecards/me/submit", summary="Save and submit my scorecard (final)")
async def submit_my_scorecard(call: Call, data: ScorecardIn) -> ScorecardPublic:
    return await service.save_scorecard(*call, data, submit=True)
