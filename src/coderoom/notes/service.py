"""Notes and scorecards: who may read and write what.

Only a room's admitted staff (host, interviewers) get past ``_staff_access``; everyone
else is refused exactly as ``rooms.access`` refuses them (404 outsiders, 403 candidates
and observers). Nothing here is published on the room's sockets.

Both work after the room has ended too: write-ups are often finished afterwards.
A submitted scorecard is final; other staff's scorecards stay hidden from an author until
they have submitted their own (the host sees them all once the room has ended).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar, cast

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.auth.tokens import Principal
from coderoom.core.clock import utcnow
from coderoom.core.errors import Conflict, InvalidInput, PayloadTooLarge
from coderoom.notes.models import InterviewNote, Scorecard
from coderoom.notes.schemas import (
    CRITERIA,
    MAX_NOTE_CHARS,
    Criterion,
    NoteIn,
    NotePublic,
    NotesPublic,
    Rating,
    ScorecardIn,
    ScorecardPublic,
    ScorecardsPublic,
)
from coderoom.rooms import access as rooms_access
from coderoom.rooms.models import Participant

Row = TypeVar("Row", InterviewNote, Scorecard)
RATINGS: list[Rating] = ["strong_no", "no", "mixed", "yes", "strong_yes"]


async def _staff_access(
    session: AsyncSession, principal: Principal, room_id: str
) -> rooms_access.RoomAccess:
    return await rooms_access.access_room_by_id(
        session, principal, room_id, need=rooms_access.Need.STAFF, allow_ended=True
    )


async def _rows_with_authors(
    session: AsyncSession, model: type[Row], room_id: str
) -> list[tuple[Row, Participant]]:
    """A room's rows of ``model`` with their authors, authors who are still staff only.

    Someone demoted to candidate (or removed) keeps their rows, but nobody reads them
    through the room any more, themselves included (they are no longer staff).
    """
    query = (
        select(model, Participant)
        .join(Participant, Participant.id == model.participant_id)
        .where(
            model.room_id == room_id,
            Participant.status == "admitted",
            Participant.role.in_(rooms_access.STAFF_ROLES),
        )
        .order_by(Participant.joined_at, Participant.id)
    )
    return [(row, author) for row, author in (await session.execute(query)).tuples()]


async def _own_row(session: AsyncSession, model: type[Row], access: rooms_access.RoomAccess) -> Row:
    """The caller's row of ``model``, created (not yet flushed) when there is none."""
    row = await session.scalar(
        select(model).where(
            model.room_id == access.room.id, model.participant_id == access.participant.id
        )
    )
    if row is None:
        row = model(room_id=access.room.id, participant_id=access.participant.id)
        session.add(row)
    return row


async def _commit_own(session: AsyncSession) -> None:
    # Two first saves by one author at once (two tabs) race on the unique row.
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise Conflict(
            "This was saved from elsewhere at the same moment; save again.",
            code="concurrent_save",
        ) from None


def _note_view(note: InterviewNote | None, author: Participant, *, mine: bool) -> NotePublic:
    return NotePublic(
        participant_id=author.id,
        author_name=author.display_name,
        role=author.role,
        body=note.body if note else "",
        private=note.private if note else False,
        mine=mine,
        updated_at=note.updated_at if note else None,
    )


async def get_notes(session: AsyncSession, principal: Principal, room_id: str) -> NotesPublic:
    """The caller's notes and the notes the room's other staff share."""
    access = await _staff_access(session, principal, room_id)
    me = access.participant
    mine: InterviewNote | None = None
    shared: list[NotePublic] = []
    for note, author in await _rows_with_authors(session, InterviewNote, room_id):
        if author.id == me.id:
            mine = note
        elif not note.private:
            shared.append(_note_view(note, author, mine=False))
    return NotesPublic(mine=_note_view(mine, me, mine=True), shared=shared)


async def save_note(
    session: AsyncSession, principal: Principal, room_id: str, data: NoteIn
) -> NotePublic:
    """Replace the caller's notes (text and visibility).

    Raises:
        PayloadTooLarge: the text is over ``MAX_NOTE_CHARS``.
    """
    access = await _staff_access(session, principal, room_id)
    if len(data.body) > MAX_NOTE_CHARS:
        raise PayloadTooLarge(
            f"Notes are limited to {MAX_NOTE_CHARS:,} characters.",
            code="note_too_large",
            details={"max_chars": MAX_NOTE_CHARS, "chars": len(data.body)},
        )
    note = await _own_row(session, InterviewNote, access)
    note.body = data.body
    note.private = data.private
    note.updated_at = utcnow()
    await _commit_own(session)
    return _note_view(note, access.participant, mine=True)


def _scorecard_view(card: Scorecard | None, author: Participant, *, mine: bool) -> ScorecardPublic:
    status = "empty" if card is None else "submitted" if card.submitted_at else "draft"
    return ScorecardPublic(
        participant_id=author.id,
        author_name=author.display_name,
        role=author.role,
        # Stored only after ``ScorecardIn`` validated them.
        ratings=cast(dict[Criterion, Rating], dict(card.ratings)) if card else {},
        overall=cast(Rating | None, card.overall) if card else None,
        comment=card.comment if card else "",
        status=status,
        mine=mine,
        updated_at=card.updated_at if card else None,
        submitted_at=card.submitted_at if card else None,
    )


async def get_scorecards(
    session: AsyncSession, principal: Principal, room_id: str
) -> ScorecardsPublic:
    """The caller's scorecard, and the others' submitted ones if the caller may see them."""
    access = await _staff_access(session, principal, room_id)
    me = access.participant
    mine: Scorecard | None = None
    others: list[tuple[Scorecard, Participant]] = []
    for card, author in await _rows_with_authors(session, Scorecard, room_id):
        if author.id == me.id:
            mine = card
        elif card.submitted_at is not None:
            others.append((card, author))
    visible = (mine is not None and mine.submitted_at is not None) or (
        access.room.status == "ended" and me.role == "host"
    )
    return ScorecardsPublic(
        criteria=list(CRITERIA),
        ratings=RATINGS,
        mine=_scorecard_view(mine, me, mine=True),
        others_visible=visible,
        others_submitted=len(others),
        others=[_scorecard_view(c, a, mine=False) for c, a in others] if visible else [],
    )


def _already_submitted() -> Conflict:
    return Conflict(
        "Your scorecard was submitted; submitted scorecards are final.",
        code="scorecard_submitted",
    )


def _missing(data: ScorecardIn) -> Sequence[str]:
    missing: list[str] = [c for c in CRITERIA if c not in data.ratings]
    if data.overall is None:
        missing.append("overall")
    return missing


async def save_scorecard(
    session: AsyncSession,
    principal: Principal,
    room_id: str,
    data: ScorecardIn,
    *,
    submit: bool,
) -> ScorecardPublic:
    """Save the caller's scorecard as a draft, or save and submit it (final).

    Raises:
        Conflict: it was submitted already.
        InvalidInput: submitting with a criterion or the overall recommendation unrated.
    """
    access = await _staff_access(session, principal, room_id)
    card = await _own_row(session, Scorecard, access)
    if card.submitted_at is not None:
        raise _already_submitted()
    if submit and (missing := _missing(data)):
        raise InvalidInput(
            "Rate every criterion and give an overall recommendation before submitting.",
            code="scorecard_incomplete",
            details={"missing": list(missing)},
        )
    now = utcnow()
    values = {
        "ratings": {str(criterion): rating for criterion, rating in data.ratings.items()},
        "overall": data.overall,
        "comment": data.comment,
        "updated_at": now,
        "submitted_at": now if submit else None,
    }
    if card in session.new:
        for name, value in values.items():
            setattr(card, name, value)
        await _commit_own(session)
    else:
        # Only while still a draft: a save racing a submission must not change a final card.
        result = await session.execute(
            update(Scorecard)
            .where(Scorecard.id == card.id, Scorecard.submitted_at.is_(None))
            .values(**values)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            await session.rollback()
            raise _already_submitted()
        await session.commit()
    return _scorecard_view(card, access.participant, mine=True)
