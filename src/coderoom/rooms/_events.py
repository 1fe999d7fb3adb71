"""Room events this domain publishes (always after the commit that made them true)."""

from __future__ import annotations

from typing import Any

from coderoom.realtime.bus import Bus
from coderoom.realtime.events import Audience, publish_room_event
from coderoom.rooms.models import Participant
from coderoom.rooms.schemas import ParticipantPublic


def participant_data(participant: Participant) -> dict[str, Any]:
    """The JSON form of a participant used in event payloads."""
    return {"participant": ParticipantPublic.model_validate(participant).model_dump(mode="json")}


async def publish_participant(
    bus: Bus, participant: Participant, event_type: str, *, audiences: tuple[Audience, ...]
) -> None:
    """Publish ``event_type`` about ``participant`` to each of ``audiences``.

    ``"participant"`` addresses the participant themself (it works while they wait).
    """
    data = participant_data(participant)
    for audience in audiences:
        addressee = participant.id if audience == "participant" else None
        await publish_room_event(
            bus, participant.room_id, event_type, data, audience=audience, participant_id=addressee
        )
