"""Collab use cases: who may open a room's document, and named snapshots.

Snapshots store a room's merged state under a message. Restoring one never rewrites
history: it is applied to the live document as a new edit (credited to the staff member
who restored it), so the update log and replay stay whole.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from pycrdt import Doc, Map, Text
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from coderoom.auth import service as auth_service
from coderoom.auth.tokens import Principal, decode_access_token
from coderoom.collab.manager import RoomDefaults, RoomManager
from coderoom.collab.models import DocSnapshot
from coderoom.collab.room import CollabRoom
from coderoom.collab.store import load_doc
from coderoom.core.clock import utcnow
from coderoom.core.errors import NotFound
from coderoom.core.ids import new_id
from coderoom.problems import submissions as problems_rooms
from coderoom.rooms import access as rooms_access
from coderoom.settings import Settings
from coderoom.storage.reads import Reads

_EXTENSIONS = {
    "python": "py",
    "javascript": "js",
    "typescript": "ts",
    "java": "java",
    "c": "c",
    "cpp": "cpp",
    "go": "go",
    "rust": "rs",
    "ruby": "rb",
    "php": "php",
    "kotlin": "kt",
    "csharp": "cs",
    "bash": "sh",
}


def _room_defaults(language: str, content: str = "") -> RoomDefaults:
    """The first file of a new room in ``language`` (``main.<ext>``), holding ``content``."""
    return RoomDefaults(
        language=language, filename=f"main.{_EXTENSIONS.get(language, 'txt')}", content=content
    )


async def room_defaults_for(
    session: AsyncSession, *, access: rooms_access.RoomAccess
) -> RoomDefaults:
    """What the room's document starts with if it has no history yet.

    Every path that may load a room (doc socket, snapshot restore) must build the same
    defaults: the first update is made by a fixed client id, and two different first
    updates under that id would conflict. A room created with a problem starts with its
    starter code.
    """
    starter = await problems_rooms.starter_code_for_room(session, access)
    return _room_defaults(access.room.language, starter)


async def open_room(
    manager: RoomManager, access: rooms_access.RoomAccessRow, principal: Principal
) -> CollabRoom:
    """The room's live document on this node, loading it first if needed.

    The defaults are read only if the room turns out to have no history, by the load
    itself: a room without a problem starts from its language alone; a room with one
    reads the problem's starter code through ``room_defaults_for`` (the same defaults as
    a snapshot restore builds), after the full access check in the load's session.

    Raises:
        Unavailable: the room could not be loaded in time.
    """
    if access.problem_id is None:
        return await manager.acquire(access.room_id, _room_defaults(access.language))

    async def defaults(session: AsyncSession) -> RoomDefaults:
        full = await rooms_access.access_room_by_id(
            session, principal, access.room_id, need=rooms_access.Need.VIEW
        )
        return await room_defaults_for(session, access=full)

    return await manager.acquire(access.room_id, defaults)


async def authorize(
    reads: Reads,
    settings: Settings,
    *,
    token: str | None,
    room_id: str,
    need: rooms_access.Need,
) -> tuple[Principal, rooms_access.RoomAccessRow]:
    """Check a document socket's token and the caller's access to the room.

    The access check reads columns, not ORM instances (``access_room_row_by_id``: same
    query, same rules as the REST API's ``access_room_by_id``).

    Returns:
        The caller and what they were granted.

    Raises:
        Unauthenticated: no token or a bad one.
        NotFound, Forbidden: the caller may not open this room with ``need``.
    """
    principal = decode_access_token(token or "", secret=settings.resolved_secret_key())
    try:
        granted = await rooms_access.access_room_row_by_id(reads, principal, room_id, need=need)
    except NotFound:
        # One query on the way in: an account's participant record implies the account
        # (foreign key, cascading delete), so the account is read only when no record was
        # found, to refuse a deleted account's token as a token (4401).
        await auth_service.authenticate(reads, settings, token or "")
        raise
    return principal, granted


def files_text(doc: Doc[Any]) -> dict[str, str]:
    """Every file of a room document as plain text."""
    files: Map[Any] = doc.get("files", type=Map)
    return {path: str(text) for path, text in files.items() if isinstance(text, Text)}


def file_languages(doc: Doc[Any]) -> dict[str, str]:
    """The language recorded in ``meta.languages`` for each file."""
    meta: Map[Any] = doc.get("meta", type=Map)
    languages = meta.get("languages")
    return {k: str(v) for k, v in languages.items()} if isinstance(languages, Map) else {}


async def current_doc(manager: RoomManager, room_id: str) -> Doc[Any]:
    """The room's document: the live one on this node, else loaded from the store."""
    if (room := manager.loaded(room_id)) is not None:
        return room.doc
    await manager.updates.flush()
    return (await load_doc(manager.reads, room_id)).doc


async def create_snapshot(
    session: AsyncSession,
    manager: RoomManager,
    *,
    room_id: str,
    message: str,
    participant_id: str | None,
) -> DocSnapshot:
    """Save the room's current document under ``message`` (the caller commits)."""
    doc = await current_doc(manager, room_id)
    snapshot = DocSnapshot(
        id=new_id(),
        room_id=room_id,
        message=message,
        created_by=participant_id,
        created_at=utcnow(),
        state=doc.get_update(),
    )
    session.add(snapshot)
    return snapshot


async def list_snapshots(session: AsyncSession, *, room_id: str) -> list[DocSnapshot]:
    """A room's snapshots, newest first."""
    rows = await session.scalars(
        select(DocSnapshot)
        .where(DocSnapshot.room_id == room_id)
        .order_by(DocSnapshot.created_at.desc(), DocSnapshot.id)
    )
    return list(rows)


async def get_snapshot(session: AsyncSession, *, room_id: str, snapshot_id: str) -> DocSnapshot:
    """One snapshot of the room.

    Raises:
        NotFound: no such snapshot in this room.
    """
    snapshot = await session.get(DocSnapshot, snapshot_id)
    if snapshot is None or snapshot.room_id != room_id:
        raise NotFound("No such snapshot.")
    return snapshot


def snapshot_doc(snapshot: DocSnapshot) -> Doc[Any]:
    """The document a snapshot holds."""
    doc: Doc[Any] = Doc()
    doc.apply_update(snapshot.state)
    return doc


async def restore_snapshot(
    manager: RoomManager,
    snapshot: DocSnapshot,
    *,
    access: rooms_access.RoomAccess,
) -> dict[str, str]:
    """Make the live document's files equal the snapshot's, as one new edit.

    Returns:
        The files as text after the restore.
    """
    room = await manager.acquire(access.room.id, partial(room_defaults_for, access=access))
    saved = snapshot_doc(snapshot)
    target, languages = files_text(saved), file_languages(saved)
    edit: Doc[Any] = Doc()
    edit.apply_update(room.doc.get_update())
    before = edit.get_state()
    files: Map[Any] = edit.get("files", type=Map)
    meta: Map[Any] = edit.get("meta", type=Map)
    with edit.transaction():
        for path in [p for p in files.keys() if p not in target]:  # noqa: SIM118 - Map view
            del files[path]
        for path, text in target.items():
            _set_text(files, path, text)
        meta["languages"] = Map(languages)
    room.apply_local(edit.get_update(before), author=access.participant.id)
    return files_text(room.doc)


def _set_text(files: Map[Any], path: str, text: str) -> None:
    current = files.get(path)
    if not isinstance(current, Text):
        files[path] = Text(text)
        return
    if str(current) != text:
        del current[:]
        current.insert(0, text)
