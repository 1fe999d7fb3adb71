"""Client-to-server messages of the events socket, and the REST response shapes.

Incoming messages are one pydantic discriminated union on ``type``. Keep it in sync with
docs/protocol.md ("Client to server").
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StrictBool, TypeAdapter, model_validator

_ID = Annotated[str, Field(min_length=1, max_length=64)]


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChatSend(_Message):
    """Post a chat message (length-checked against the settings by the handler)."""

    type: Literal["chat.send"]
    text: str
    client_id: Annotated[str, Field(max_length=64, pattern=r"^[\x21-\x7e]*$")] | None = None


class TypingMessage(_Message):
    """The sender started (``active``) or stopped typing."""

    type: Literal["typing"]
    active: bool = True


class ProctorSignal(_Message):
    """A proctoring observation from the candidate's browser."""

    type: Literal["proctor.signal"]
    kind: Literal["tab_hidden", "tab_visible", "window_blur", "window_focus", "paste"]
    away_ms: Annotated[int, Field(ge=0, le=7 * 24 * 3600 * 1000)] | None = None
    chars: Annotated[int, Field(ge=0, le=100_000_000)] | None = None
    external: bool | None = None

    @model_validator(mode="after")
    def _fields_match_kind(self) -> Self:
        if self.kind == "tab_visible" and self.away_ms is None:
            raise ValueError("tab_visible needs away_ms")
        if self.kind == "paste" and (self.chars is None or self.external is None):
            raise ValueError("paste needs chars and external")
        if self.kind != "paste" and (self.chars is not None or self.external is not None):
            raise ValueError("chars and external belong to paste only")
        if self.kind != "tab_visible" and self.away_ms is not None:
            raise ValueError("away_ms belongs to tab_visible only")
        return self


class RtcDescription(_Message):
    """An SDP offer or answer (``RTCSessionDescriptionInit``); the handler checks its size."""

    type: Literal["offer", "answer"]
    sdp: Annotated[str, Field(pattern=r"^v=0")]


class RtcCandidate(_Message):
    """One ICE candidate (``RTCIceCandidate.toJSON()``); ``""`` ends the candidates."""

    # camelCase: the browser's own field names, relayed as they are.
    candidate: Annotated[str, Field(max_length=1024)]
    sdpMid: Annotated[str, Field(max_length=64)] | None = None
    sdpMLineIndex: Annotated[int, Field(ge=0, le=1023)] | None = None
    usernameFragment: Annotated[str, Field(max_length=256)] | None = None


class RtcCandidates(_Message):
    """Several ICE candidates in one message (a browser finds them in bursts)."""

    candidates: Annotated[list[RtcCandidate], Field(min_length=1, max_length=32)]


class RtcNothing(_Message):
    """The empty payload of ``hangup``."""


class RtcSignal(_Message):
    """WebRTC signalling for one other participant in the call.

    ``session`` names one peer connection (chosen by the pair's offerer) so that both ends
    can drop signals of a connection that was torn down and rebuilt.
    """

    type: Literal["rtc.signal"]
    to: _ID
    kind: Literal["offer", "answer", "ice", "hangup"]
    session: (
        Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")] | None
    ) = None
    payload: RtcDescription | RtcCandidate | RtcCandidates | RtcNothing = Field(
        default_factory=RtcNothing
    )

    @model_validator(mode="after")
    def _payload_matches_kind(self) -> Self:
        payload = self.payload
        if self.kind in ("offer", "answer"):
            if not isinstance(payload, RtcDescription) or payload.type != self.kind:
                raise ValueError(f"{self.kind} needs a payload {{type: {self.kind}, sdp}}")
        elif self.kind == "ice":
            if not isinstance(payload, RtcCandidate | RtcCandidates):
                raise ValueError("ice needs a payload {candidate, ...} or {candidates: [...]}")
        elif not isinstance(payload, RtcNothing):
            raise ValueError("hangup takes an empty payload")
        return self


class CallJoin(_Message):
    """Join the room's call with the microphone/camera on or off (both off: receive-only)."""

    type: Literal["call.join"]
    audio: StrictBool
    video: StrictBool


class CallMedia(_Message):
    """The caller turned the microphone or camera on or off."""

    type: Literal["call.media"]
    audio: StrictBool
    video: StrictBool


class CallLeave(_Message):
    """Leave the call (closing the socket leaves it too)."""

    type: Literal["call.leave"]


class AdmissionAdmit(_Message):
    """Staff: let a waiting participant in."""

    type: Literal["admission.admit"]
    participant_id: _ID


class AdmissionReject(_Message):
    """Staff: turn a waiting participant away."""

    type: Literal["admission.reject"]
    participant_id: _ID


class AdmissionAutoAdmit(_Message):
    """Staff: switch auto-admit on or off."""

    type: Literal["admission.auto_admit"]
    enabled: bool


class ResumeMessage(_Message):
    """Re-send the events after ``last_seq`` that this connection has not been sent."""

    type: Literal["resume"]
    last_seq: Annotated[int, Field(ge=0)]


class PingMessage(_Message):
    """Client heartbeat; answered with ``pong``."""

    type: Literal["ping"]


class PongMessage(_Message):
    """Answer to the server's ``ping``."""

    type: Literal["pong"]


ClientMessage = Annotated[
    ChatSend
    | TypingMessage
    | ProctorSignal
    | RtcSignal
    | CallJoin
    | CallMedia
    | CallLeave
    | AdmissionAdmit
    | AdmissionReject
    | AdmissionAutoAdmit
    | ResumeMessage
    | PingMessage
    | PongMessage,
    Field(discriminator="type"),
]
CLIENT_MESSAGE: TypeAdapter[ClientMessage] = TypeAdapter(ClientMessage)


class ChatMessageOut(BaseModel):
    """A chat message in history."""

    seq: int
    ts: float
    participant_id: str
    name: str
    text: str
    client_id: str | None = None


class ChatPage(BaseModel):
    """``GET /rooms/{id}/chat``: messages oldest first; ``next_before`` pages back."""

    messages: list[ChatMessageOut]
    next_before: int | None


class ActivityEvent(BaseModel):
    """One entry of the activity log."""

    type: str
    seq: int
    ts: float
    actor_id: str | None
    audience: str
    participant_id: str | None
    data: dict[str, Any]


class ActivityPage(BaseModel):
    """``GET /rooms/{id}/events``: events oldest first; ``next_after`` pages forward."""

    events: list[ActivityEvent]
    next_after: int | None
