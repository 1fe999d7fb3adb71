"""HTTP edge for notes and scorecards: ``/api/v1/rooms/{room_id}/notes|scorecards``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from coderoom.auth.deps import CurrentPrincipal
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


@router.get("/notes", summary="My notes and those other staff share (staff)")
async def get_notes(
    room_id: RoomId, principal: CurrentPrincipal, session: SessionDep
) -> NotesPublic:
    return await service.get_notes(session, principal, room_id)


@router.put("/notes/me", summary="Save my notes (staff; Markdown, 100,000 characters at most)")
async def save_my_note(
    room_id: RoomId, data: NoteIn, principal: CurrentPrincipal, session: SessionDep
) -> NotePublic:
    return await service.save_note(session, principal, room_id, data)


@router.get("/scorecards", summary="My scorecard; others' once mine is submitted (staff)")
async def get_scorecards(
    room_id: RoomId, principal: CurrentPrincipal, session: SessionDep
) -> ScorecardsPublic:
    return await service.get_scorecards(session, principal, room_id)


@router.put("/scorecards/me", summary="Save my scorecard as a draft (staff)")
async def save_my_scorecard(
    room_id: RoomId, data: ScorecardIn, principal: CurrentPrincipal, session: SessionDep
) -> ScorecardPublic:
    return await service.save_scorecard(session, principal, room_id, data, submit=False)


@router.post("/scorecards/me/submit", summary="Save and submit my scorecard (final)")
async def submit_my_scorecard(
    room_id: RoomId, data: ScorecardIn, principal: CurrentPrincipal, session: SessionDep
) -> ScorecardPublic:
    return await service.save_scorecard(session, principal, room_id, data, submit=True)
