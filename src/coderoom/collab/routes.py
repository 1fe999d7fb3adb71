"""Document sync socket (y-websocket protocol) and the snapshots API."""

from __future__ import annotations

import logging

from fastapi import APIRouter, WebSocket, status
from starlette.websockets import WebSocketDisconnect

from coderoom.auth.deps import CurrentPrincipal
from coderoom.collab import service
from coderoom.collab.connection import Connection
from coderoom.collab.deps import RoomManagerDep
from coderoom.collab.protocol import ProtocolError
from coderoom.collab.schemas import (
    RestoreResult,
    SnapshotContent,
    SnapshotCreate,
    SnapshotPublic,
    SnapshotsPublic,
)
from coderoom.core.errors import AppError, NotFound
from coderoom.realtime.websocket import direct_send
from coderoom.rooms import access as rooms_access
from coderoom.storage.deps import SessionDep, SessionmakerDep, SettingsDep

log = logging.getLogger(__name__)
router = APIRouter()
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403


@router.websocket("/ws/rooms/{room_id}/doc")
async def doc_socket(
    websocket: WebSocket,
    room_id: str,
    sessionmaker: SessionmakerDep,
    settings: SettingsDep,
    manager: RoomManagerDep,
    token: str | None = None,
) -> None:
    # Accept first, then check: a browser sees a close code (4401/4403), not a failed
    # handshake it cannot tell apart from a network error.
    await websocket.accept()
    try:
        async with sessionmaker() as session:
            access = await service.authorize(
                session, settings, token=token, room_id=room_id, need=rooms_access.Need.VIEW
            )
            defaults = await service.room_defaults_for(session, access)
        room = await manager.acquire(room_id, defaults)
    except AppError as exc:
        # NotFound is reported as 4403: the contract knows only 4401 and 4403.
        code = CLOSE_FORBIDDEN if isinstance(exc, NotFound) else exc.ws_close_code
        await websocket.close(code, exc.code)
        return
    participant = access.participant
    conn = Connection(
        websocket,
        participant_id=participant.id,
        can_write=participant.role != "observer",
        direct=direct_send(websocket.scope),
        identity={
            "name": participant.display_name,
            "color": participant.color,
            "participantId": participant.id,
        },
    )

    async def receive() -> bytes | None:
        try:
            message = await websocket.receive()
        except WebSocketDisconnect:
            return None
        if message["type"] == "websocket.disconnect":
            return None
        data = message.get("bytes")
        if data is None:
            raise ProtocolError("text frames are not part of the protocol")
        return bytes(data)

    await room.serve(conn, receive)


async def _access(
    session: SessionDep,
    principal: CurrentPrincipal,
    room_id: str,
    need: rooms_access.Need,
    *,
    allow_ended: bool = False,
) -> rooms_access.RoomAccess:
    return await rooms_access.access_room_by_id(
        session, principal, room_id, need=need, allow_ended=allow_ended
    )


@router.post(
    "/api/v1/rooms/{room_id}/snapshots",
    status_code=status.HTTP_201_CREATED,
    summary="Save the room's files as a named snapshot",
)
async def create_snapshot(
    room_id: str,
    body: SnapshotCreate,
    session: SessionDep,
    principal: CurrentPrincipal,
    manager: RoomManagerDep,
) -> SnapshotPublic:
    access = await _access(session, principal, room_id, rooms_access.Need.EDIT)
    snapshot = await service.create_snapshot(
        session,
        manager,
        room_id=room_id,
        message=body.message,
        participant_id=access.participant.id,
    )
    await session.commit()
    return SnapshotPublic.model_validate(snapshot)


@router.get("/api/v1/rooms/{room_id}/snapshots", summary="List the room's snapshots")
async def list_snapshots(
    room_id: str, session: SessionDep, principal: CurrentPrincipal
) -> SnapshotsPublic:
    await _access(session, principal, room_id, rooms_access.Need.VIEW, allow_ended=True)
    rows = await service.list_snapshots(session, room_id=room_id)
    return SnapshotsPublic(data=[SnapshotPublic.model_validate(r) for r in rows])


@router.get("/api/v1/rooms/{room_id}/snapshots/{snapshot_id}", summary="A snapshot's files as text")
async def get_snapshot(
    room_id: str, snapshot_id: str, session: SessionDep, principal: CurrentPrincipal
) -> SnapshotContent:
    await _access(session, principal, room_id, rooms_access.Need.VIEW, allow_ended=True)
    snapshot = await service.get_snapshot(session, room_id=room_id, snapshot_id=snapshot_id)
    doc = service.snapshot_doc(snapshot)
    return SnapshotContent(
        **SnapshotPublic.model_validate(snapshot).model_dump(),
        files=service.files_text(doc),
        languages=service.file_languages(doc),
    )


@router.post(
    "/api/v1/rooms/{room_id}/snapshots/{snapshot_id}/restore",
    summary="Restore a snapshot as a new edit (staff only)",
)
async def restore_snapshot(
    room_id: str,
    snapshot_id: str,
    session: SessionDep,
    principal: CurrentPrincipal,
    manager: RoomManagerDep,
) -> RestoreResult:
    access = await _access(session, principal, room_id, rooms_access.Need.STAFF)
    snapshot = await service.get_snapshot(session, room_id=room_id, snapshot_id=snapshot_id)
    files = await service.restore_snapshot(
        manager,
        snapshot,
        defaults=await service.room_defaults_for(session, access),
        participant_id=access.participant.id,
    )
    return RestoreResult(files=files)
