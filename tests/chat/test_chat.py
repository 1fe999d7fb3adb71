"""Chat, typing and presence over the events socket (Starlette TestClient, real app)."""

from __future__ import annotations

import time

import pytest
from starlette.testclient import TestClient

from chat.wsutil import (
    BOTH_BUSES,
    admitted_guest,
    host_and_guest,
    hosted_room,
    make_room,
    socket,
)
from coderoom.app import create_app
from coderoom.settings import Settings
from conftest import REDIS_URL


@BOTH_BUSES
def test_chat_round_trip_and_history_on_join(tc: TestClient) -> None:
    room = make_room(tc)
    guest = admitted_guest(tc, room)
    with socket(tc, room.id, room.host.token) as host:
        opening = host.opening()
        assert opening["welcome"]["participant"]["role"] == "host"
        assert opening["welcome"]["room"]["id"] == room.id
        assert opening["chat.history"]["messages"] == []
        with socket(tc, room.id, guest.token) as cand:
            cand.opening()
            host.send({"type": "chat.send", "text": "  hello there  ", "client_id": "c1"})
            for sock in (host, cand):
                msg, _ = sock.until("chat.message")
                assert msg["data"] == {
                    "participant_id": room.host.participant_id,
                    "name": "Hana Host",
                    "text": "hello there",
                    "client_id": "c1",
                }
                assert msg["actor_id"] == room.host.participant_id
                assert isinstance(msg["seq"], int)
            cand.send({"type": "chat.send", "text": "hi!"})
            reply, _ = host.until("chat.message")
            assert reply["data"]["text"] == "hi!"
            assert reply["seq"] > msg["seq"]
    # A later joiner gets the history, oldest first.
    with socket(tc, room.id, guest.token) as g:
        history = g.opening()["chat.history"]
        assert [m["text"] for m in history["messages"]] == ["hello there", "hi!"]
        assert history["has_more"] is False
    response = tc.get(f"/api/v1/rooms/{room.id}/chat", headers=guest.headers)
    assert response.status_code == 200
    assert [m["text"] for m in response.json()["messages"]] == ["hello there", "hi!"]


def test_chat_history_is_bounded_and_paged(settings: Settings) -> None:
    settings.events.rate_per_s = 10_000  # this test posts 105 messages at once
    with TestClient(create_app(settings)) as tc:
        _history_is_bounded_and_paged(tc)


def _history_is_bounded_and_paged(tc: TestClient) -> None:
    with hosted_room(tc) as (room, host):
        for i in range(105):
            host.send({"type": "chat.send", "text": f"m{i}"})
            host.until("chat.message")
    with socket(tc, room.id, room.host.token) as h:
        history = h.opening()["chat.history"]
    assert len(history["messages"]) == 100
    assert history["messages"][0]["text"] == "m5"
    assert history["messages"][-1]["text"] == "m104"
    assert history["has_more"] is True
    page = tc.get(f"/api/v1/rooms/{room.id}/chat?limit=60", headers=room.host.headers).json()
    assert page["messages"][-1]["text"] == "m104"
    assert len(page["messages"]) == 60
    older = tc.get(
        f"/api/v1/rooms/{room.id}/chat?limit=60&before={page['next_before']}",
        headers=room.host.headers,
    ).json()
    assert [m["text"] for m in older["messages"]] == [f"m{i}" for i in range(45)]
    assert older["next_before"] is None


def test_chat_length_limit_and_empty(tc: TestClient) -> None:
    with hosted_room(tc) as (_room, host):
        host.send({"type": "chat.send", "text": "x" * 2001})
        error = host.recv_type("error", skip=("presence.joined",))
        assert error["code"] == "chat_too_long"
        host.send({"type": "chat.send", "text": "   "})
        assert host.recv_type("error")["code"] == "chat_empty"
        host.send({"type": "chat.send", "text": "x" * 2000})
        msg, _ = host.until("chat.message")
        assert len(msg["data"]["text"]) == 2000


def test_typing_is_relayed_to_others_only(tc: TestClient) -> None:
    with host_and_guest(tc) as (_room, guest, host, cand):
        cand.send({"type": "typing", "active": True})
        cand.send({"type": "typing", "active": True})  # throttled: within typing_interval_s
        cand.send({"type": "typing", "active": False})
        first, _ = host.until("typing")
        assert first["data"] == {
            "participant_id": guest.participant_id,
            "name": guest.name,
            "active": True,
        }
        assert first["seq"] is None
        second, _ = host.until("typing")
        assert second["data"]["active"] is False
        # The typist never gets its own typing back: the next thing it sees is the pong.
        cand.send({"type": "ping"})
        _, before = cand.until("pong")
        assert all(m["type"] != "typing" for m in before)


@BOTH_BUSES
def test_presence_join_and_leave(tc: TestClient) -> None:
    room = make_room(tc)
    guest = admitted_guest(tc, room, "Cleo")
    with socket(tc, room.id, room.host.token) as host:
        opening = host.opening()
        me = opening["welcome"]["connection_id"]
        assert [c["connection_id"] for c in opening["presence.state"]["connections"]] == [me]
        with socket(tc, room.id, guest.token) as cand:
            state = cand.opening()["presence.state"]["connections"]
            assert {c["participant_id"] for c in state} == {
                room.host.participant_id,
                guest.participant_id,
            }
            joined, _ = host.until("presence.joined")
            while joined["data"]["connection"]["participant_id"] != guest.participant_id:
                joined, _ = host.until("presence.joined")
            entry = joined["data"]["connection"]
            assert entry["name"] == "Cleo"
            assert entry["role"] == "candidate"
            assert entry["color"].startswith("#")
            guest_conn = entry["connection_id"]
        left, _ = host.until("presence.left")
        assert left["data"] == {"connection_id": guest_conn, "participant_id": guest.participant_id}


def test_history_includes_a_message_not_yet_in_the_database(tc: TestClient) -> None:
    """A message numbered but still on its way to the database is in the opening history."""
    room = make_room(tc)
    runtime = tc.app_state["events"]
    envelope = {
        "type": "chat.message",
        "room_id": room.id,
        "origin_node": "elsewhere",
        "ts": 1.0,
        "audience": "all",
        "participant_id": None,
        "actor_id": room.host.participant_id,
        "seq": None,
        "data": {"participant_id": room.host.participant_id, "name": "Hana Host", "text": "fly"},
    }
    assert tc.portal is not None
    tc.portal.call(runtime.log.append, room.id, envelope)
    with socket(tc, room.id, room.host.token) as h:
        history = h.opening()["chat.history"]["messages"]
    assert [m["text"] for m in history] == ["fly"]


@pytest.mark.redis
def test_connections_of_a_dead_node_are_reaped_and_announced(settings: Settings) -> None:
    settings.redis_url = REDIS_URL
    settings.events.presence_ttl_s = 1.0
    settings.events.heartbeat_interval_s = 0.2
    settings.events.heartbeat_jitter_s = 0.0
    with TestClient(create_app(settings)) as tc:
        room = make_room(tc)
        runtime = tc.app_state["events"]
        ghost = {
            "connection_id": "ghost-conn",
            "participant_id": room.host.participant_id,
            "name": "Hana Host",
            "role": "host",
            "color": "#e6194b",
            "seen": 0.0,
        }
        assert tc.portal is not None
        with socket(tc, room.id, room.host.token) as host:
            host.opening()
            # Another node registers a connection, then dies without cleaning up.
            tc.portal.call(runtime.presence.put, room.id, ghost)
            deadline = time.monotonic() + 10
            left: list[str] = []
            while "ghost-conn" not in left:
                assert time.monotonic() < deadline, "the dead connection was never reaped"
                body = host.recv()
                if body["type"] == "presence.left":
                    left.append(body["data"]["connection_id"])
