"""Document sync socket (y-websocket protocol) and the snapshots API."""

from __future__ import annotations

import logging
import re

from fastapi import APIRouter, status
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect

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
from coderoom.realtime.websocket import direct_receive, direct_send
from coderoom.rooms import access as rooms_access
from coderoom.storage.deps import SessionDep

log = logging.getLogger(__name__)
router = APIRouter()
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403


DOC_SOCKET_PATH = re.compile(r"/ws/rooms/([^/]+)/doc")


async def doc_socket(scope: Scope, receive: Receive, send: Send, room_id: str) -> None:
    """``/ws/rooms/{room_id}/doc?token=``: the y-websocket protocol for one room.

    A plain ASGI endpoint that the app dispatches to ahead of its middleware and router
    (see ``coderoom.app``): in a reconnect storm the middleware chain, the router's path
    matching and FastAPI's dependency resolution were about a fifth of each connect's
    CPU, and none of them does anything for this socket.
    """
    websocket = WebSocket(scope, receive, send)
    state = scope["state"]
    # Accept first, then check: a browser sees a close code (4401/4403), not a failed
    # handshake it cannot tell apart from a network error.
    await websocket.accept()
    try:
        principal, access = await service.authorize(
            state["reads"],
            state["settings"],
            token=websocket.query_params.get("token"),
            room_id=room_id,
            need=rooms_access.Need.VIEW,
        )
        room = await service.open_room(state["room_manager"], access, principal)
    except AppError as exc:
        # NotFound is reported as 4403: the contract knows only 4401 and 4403.
        code = CLOSE_FORBIDDEN if isinstance(exc, NotFound) else exc.ws_close_code
        await websocket.close(code, exc.code)
        return
    conn = Connection(
        websocket,
        participant_id=access.participant_id,
        can_write=access.role != "observer",
        direct=direct_send(scope),
        identity={
            "name": access.display_name,
            "color": access.color,
            "participantId": access.participant_id,
        },
    )

    async def receive_frame() -> bytes | None:
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

    await room.serve(conn, receive_frame, direct_receive(scope))


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
    files = await service.restore_snapshot(manager, snapshot, access=access)
    return RestoreResult(files=files)
