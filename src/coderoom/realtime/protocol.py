"""Server-to-client messages of the room events socket, and its close codes.

Every message is a JSON object with a ``type``. Room events (published through
``publish_room_event``) reach clients as ``EventMessage``; the other shapes below are
the socket's own control messages. docs/protocol.md documents each one; if you add or
change a field here, change it there too.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

from coderoom.realtime.presence import PresenceEntry

# Close codes (4000-4999 are ours; the rest are RFC 6455).
CLOSE_NORMAL = 1000
CLOSE_GOING_AWAY = 1001
CLOSE_INTERNAL = 1011
CLOSE_SERVICE_RESTART = 1012
CLOSE_TRY_AGAIN_LATER = 1013  # the client fell behind (send queue full) or a dependency is down
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403  # no access, rejected, removed
CLOSE_IDLE = 4408  # nothing received within the idle timeout
CLOSE_ROOM_ENDED = 4410
CLOSE_RATE_LIMITED = 4429  # kept flooding after rate_limited errors


class EventMessage(TypedDict):
    """A room event as the client sees it."""

    type: str
    seq: int | None
    ts: float
    actor_id: str | None
    data: dict[str, Any]


class ParticipantInfo(TypedDict):
    """The connecting participant, in ``welcome``."""

    id: str
    name: str
    role: str
    color: str
    status: str


class RoomInfo(TypedDict):
    """The room, in ``welcome`` (admitted participants only)."""

    id: str
    title: str
    language: str
    status: str
    auto_admit: bool
    proctoring_enabled: bool


class IceServerInfo(TypedDict):
    """One ``RTCIceServer`` for the browser."""

    urls: list[str]
    username: NotRequired[str]
    credential: NotRequired[str]


class RtcConfig(TypedDict):
    """What the browser needs for ``new RTCPeerConnection(...)``."""

    ice_servers: list[IceServerInfo]
    ice_transport_policy: Literal["all", "relay"]


class WelcomeMessage(TypedDict):
    """First message on every accepted connection."""

    type: Literal["welcome"]
    connection_id: str
    seq: int
    participant: ParticipantInfo
    room: NotRequired[RoomInfo]
    rtc: NotRequired[RtcConfig]
    heartbeat_s: float


class ErrorMessage(TypedDict):
    """A rejected client message; the connection stays open."""

    type: Literal["error"]
    code: str
    message: str
    details: NotRequired[Any]


class PresenceStateMessage(TypedDict):
    """Who is connected right now (sent on join and after admission)."""

    type: Literal["presence.state"]
    connections: list[PresenceEntry]


class ChatHistoryMessage(TypedDict):
    """The last chat messages, oldest first (sent on join unless resuming)."""

    type: Literal["chat.history"]
    messages: list[dict[str, Any]]
    has_more: bool


class WaitingListMessage(TypedDict):
    """Participants waiting for admission (staff only, on join)."""

    type: Literal["admission.waiting_list"]
    participants: list[dict[str, Any]]


class ResyncMessage(TypedDict):
    """Some events after ``last_seq`` cannot be replayed: refetch state over REST."""

    type: Literal["resync_required"]
    seq: int


class ResumedMessage(TypedDict):
    """A ``resume`` request succeeded: events ``(from_seq, to_seq]`` were re-sent."""

    type: Literal["resumed"]
    from_seq: int
    to_seq: int
    count: int


class PingMessage(TypedDict):
    """Heartbeat, either direction; answer with ``pong``."""

    type: Literal["ping", "pong"]
    ts: float
