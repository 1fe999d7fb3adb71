"""The room's call on the events socket: call.join/media/leave, call.state, ICE config, relay."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError
from starlette.testclient import TestClient

from chat.wsutil import (
    BOTH_BUSES,
    Member,
    RoomHandle,
    Socket,
    admitted_guest,
    host_and_guest,
    join_guest,
    make_room,
    socket,
    sockets,
)
from coderoom.settings import IceServer, Settings

OFFER_SDP = (
    "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
    "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na={direction}\r\n"
)
JOIN = {"type": "call.join", "audio": True, "video": True}


def offer(direction: str = "sendrecv") -> dict[str, Any]:
    return {"type": "offer", "sdp": OFFER_SDP.format(direction=direction)}


def call_state(sock: Socket, participant_id: str) -> dict[str, Any]:
    """The next ``call.state`` about ``participant_id`` (other messages are skipped)."""
    while True:
        message, _ = sock.until("call.state")
        if message["data"]["participant_id"] == participant_id:
            return message


def error(sock: Socket) -> str:
    code: str = sock.recv_type("error", skip=("presence.joined", "presence.left", "call.state"))[
        "code"
    ]
    return code


def signal(to: Member | str, kind: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    target = to if isinstance(to, str) else to.participant_id
    message: dict[str, Any] = {"type": "rtc.signal", "to": target, "kind": kind}
    if payload is not None:
        message["payload"] = payload
    return message


@BOTH_BUSES
def test_join_media_leave_reach_everyone_and_presence_state(tc: TestClient) -> None:
    with host_and_guest(tc, "Gus") as (room, guest, host, cand):
        cand.send({"type": "call.join", "audio": True, "video": False})
        for sock in (host, cand):  # the joiner's own tabs see it too
            state = call_state(sock, guest.participant_id)
            assert state["seq"] is None
            assert state["data"] | {"connection_id": "-"} == {
                "connection_id": "-",
                "participant_id": guest.participant_id,
                "name": "Gus",
                "role": "candidate",
                "color": state["data"]["color"],
                "in_call": True,
                "audio": True,
                "video": False,
            }
        cand.send({"type": "call.media", "audio": False, "video": False})
        muted = call_state(host, guest.participant_id)["data"]
        assert (muted["in_call"], muted["audio"], muted["video"]) == (True, False, False)
        # Someone arriving later learns who is in the call from presence.state.
        with socket(tc, room.id, room.host.token) as late:
            connections = late.opening()["presence.state"]["connections"]
            by_id = {c["participant_id"]: c for c in connections}
            assert by_id[guest.participant_id]["call"] == {"audio": False, "video": False}
            assert "call" not in by_id[room.host.participant_id]
        cand.send({"type": "call.leave"})
        left = call_state(host, guest.participant_id)["data"]
        assert (left["in_call"], left["reason"]) == (False, "left")
        cand.send({"type": "call.media", "audio": True, "video": True})
        assert error(cand) == "not_in_call"
        cand.send({"type": "call.leave"})  # leaving twice is harmless
        cand.send({"type": "ping"})
        cand.until("pong")
    with socket(tc, room.id, room.host.token) as again:
        connections = again.opening()["presence.state"]["connections"]
        assert all("call" not in c for c in connections)


def test_closing_the_socket_leaves_the_call_with_presence_left(tc: TestClient) -> None:
    room = make_room(tc)
    guest = admitted_guest(tc, room)
    with socket(tc, room.id, room.host.token) as host:
        host.opening()
        with socket(tc, room.id, guest.token) as cand:
            cand.opening()
            cand.send(JOIN)
            call_state(host, guest.participant_id)
        left, _ = host.until("presence.left")
        assert left["data"]["participant_id"] == guest.participant_id
        with socket(tc, room.id, room.host.token) as later:
            assert all("call" not in c for c in later.opening()["presence.state"]["connections"])


def test_a_second_tab_joining_takes_the_first_out_of_the_call(tc: TestClient) -> None:
    room = make_room(tc)
    guest = admitted_guest(tc, room)
    with sockets(tc, room.id, room.host.token, guest.token, guest.token) as (host, tab1, tab2):
        for sock in (host, tab1, tab2):
            sock.opening()
        tab1.send(JOIN)
        first = call_state(host, guest.participant_id)["data"]["connection_id"]
        tab2.send(JOIN)
        replaced = call_state(tab1, guest.participant_id)
        while replaced["data"]["in_call"]:  # tab1 sees its own join first
            replaced = call_state(tab1, guest.participant_id)
        assert replaced["data"]["connection_id"] == first
        assert replaced["data"]["reason"] == "replaced"
        # The first tab is out: it can no longer signal or change media.
        tab1.send({"type": "call.media", "audio": False, "video": False})
        assert error(tab1) == "not_in_call"
        with socket(tc, room.id, room.host.token) as late:
            connections = late.opening()["presence.state"]["connections"]
            in_call_now = [c["connection_id"] for c in connections if "call" in c]
            assert len(in_call_now) == 1
            assert in_call_now[0] != first


@BOTH_BUSES
def test_relay_only_between_admitted_participants_in_the_call(tc: TestClient) -> None:
    room = make_room(tc)
    other_room = make_room(tc)
    caller = admitted_guest(tc, room, "Caller")
    bystander = admitted_guest(tc, room, "Bystander")
    waiting = join_guest(tc, room, "Waiter")
    stranger = admitted_guest(tc, other_room, "Stranger")
    tokens = (room.host.token, caller.token, bystander.token, waiting.token)
    with (
        sockets(tc, room.id, *tokens) as (host, call, by, wait),
        socket(tc, other_room.id, stranger.token) as other,
    ):
        for sock in (host, call, by, other):
            sock.opening()
        assert wait.recv()["type"] == "welcome"
        # Not in the call yet: no signalling at all.
        call.send(signal(room.host, "offer", offer()) | {"session": "s1"})
        assert error(call) == "not_in_call"
        call.send(JOIN)
        call_state(host, caller.participant_id)
        call.send(signal(room.host, "offer", offer()))
        assert error(call) == "peer_unavailable"  # the host is connected, not in the call
        host.send(JOIN)
        call_state(call, room.host.participant_id)
        call.send(signal(room.host, "offer", offer()) | {"session": "s1"})
        got, _ = host.until("rtc.signal")
        assert got["seq"] is None
        assert got["data"] == {
            "from": caller.participant_id,
            "name": "Caller",
            "kind": "offer",
            "session": "s1",
            "payload": offer(),
        }
        candidate = {"candidate": "candidate:1 1 udp 1 127.0.0.1 5000 typ host", "sdpMid": "0"}
        host.send(signal(caller, "ice", candidate | {"sdpMLineIndex": 0}) | {"session": "s1"})
        ice, _ = call.until("rtc.signal")
        assert ice["data"]["payload"] == candidate | {"sdpMLineIndex": 0}
        batch = {"candidates": [candidate, {"candidate": ""}]}
        host.send(signal(caller, "ice", batch) | {"session": "s1"})
        ice, _ = call.until("rtc.signal")
        assert ice["data"]["payload"] == batch
        # Participants of the room outside the call, of another room, or waiting: refused.
        for target in (bystander, waiting, stranger, "nobody"):
            call.send(signal(target, "ice", candidate))
            assert error(call) == "peer_unavailable"
        wait.send(JOIN)
        assert wait.recv()["code"] == "not_admitted"
        wait.send(signal(room.host, "offer", offer()))
        assert wait.recv()["code"] == "not_admitted"
        other.send({"type": "call.join", "audio": False, "video": False})
        call_state(other, stranger.participant_id)
        other.send(signal(room.host, "offer", offer()))
        assert error(other) == "peer_unavailable"
        # Hangup reaches a connected participant even once they left the call.
        host.send({"type": "call.leave"})
        call.send(signal(room.host, "hangup"))
        hangup, _ = host.until("rtc.signal")
        assert hangup["data"]["kind"] == "hangup"
        assert hangup["data"]["payload"] == {}
        host.send({"type": "ping"})
        _, between = host.until("pong")
        assert all(m["type"] != "rtc.signal" for m in between)


def test_observers_watch_and_listen_but_never_send_media(tc: TestClient) -> None:
    room = make_room(tc)
    watcher = admitted_guest(tc, room, "Olive")
    url = f"/api/v1/rooms/{room.id}/participants/{watcher.participant_id}"
    response = tc.patch(url, json={"role": "observer"}, headers=room.host.headers)
    assert response.status_code == 200, response.text
    with sockets(tc, room.id, room.host.token, watcher.token) as (host, obs):
        host.opening()
        obs.opening()
        for audio, video in ((True, False), (False, True)):
            obs.send({"type": "call.join", "audio": audio, "video": video})
            assert error(obs) == "observer_receive_only"
        obs.send({"type": "call.join", "audio": False, "video": False})
        state = call_state(host, watcher.participant_id)["data"]
        assert (state["role"], state["audio"], state["video"]) == ("observer", False, False)
        obs.send({"type": "call.media", "audio": True, "video": False})
        assert error(obs) == "observer_receive_only"
        host.send(JOIN)
        call_state(obs, room.host.participant_id)
        # An answer that would send media is refused; a receive-only one goes through.
        for direction in ("sendrecv", "sendonly"):
            answer = {"type": "answer", "sdp": offer(direction)["sdp"]}
            obs.send(signal(room.host, "answer", answer))
            assert error(obs) == "observer_receive_only"
        answer = {"type": "answer", "sdp": offer("recvonly")["sdp"]}
        obs.send(signal(room.host, "answer", answer))
        got, _ = host.until("rtc.signal")
        assert got["data"]["payload"] == answer


def set_role(tc: TestClient, room: RoomHandle, member: Member, role: str) -> None:
    url = f"/api/v1/rooms/{room.id}/participants/{member.participant_id}"
    response = tc.patch(url, json={"role": role}, headers=room.host.headers)
    assert response.status_code == 200, response.text


def in_call(tc: TestClient, room: RoomHandle) -> set[str]:
    """Participants in the call, as a client connecting now learns it (presence.state)."""
    with socket(tc, room.id, room.host.token) as late:
        connections = late.opening()["presence.state"]["connections"]
    return {c["participant_id"] for c in connections if "call" in c}


@BOTH_BUSES
def test_becoming_an_observer_mid_call_takes_one_out_of_it(tc: TestClient) -> None:
    with host_and_guest(tc, "Gus") as (room, guest, host, cand):
        cand.send(JOIN)
        call_state(host, guest.participant_id)
        call_state(cand, guest.participant_id)  # its own join, echoed
        # Another role that may send: still in the call once the change has reached it.
        set_role(tc, room, guest, "interviewer")
        cand.until("participant.role_changed")
        cand.send({"type": "ping"})
        _, between = cand.until("pong")
        assert all(m["type"] != "call.state" for m in between)
        assert in_call(tc, room) == {guest.participant_id}
        # An observer may not send sound or video: out, and everyone is told, as on leaving.
        set_role(tc, room, guest, "observer")
        for sock in (host, cand):
            left = call_state(sock, guest.participant_id)["data"]
            assert (left["in_call"], left["reason"]) == (False, "left")
        assert in_call(tc, room) == set()
        # It may come back to watch and listen.
        cand.send({"type": "call.join", "audio": False, "video": False})
        back = call_state(host, guest.participant_id)["data"]
        assert (back["in_call"], back["audio"], back["video"]) == (True, False, False)


def test_hostile_call_and_signalling_messages(tc: TestClient, settings: Settings) -> None:
    with host_and_guest(tc) as (room, guest, host, cand):
        for sock in (host, cand):
            sock.send(JOIN)
        seen = {host.until("call.state")[0]["data"]["participant_id"] for _ in range(2)}
        assert seen == {guest.participant_id, room.host.participant_id}
        to = guest.participant_id
        huge_sdp = "v=0\r\n" + "a=x\r\n" * (settings.webrtc.max_sdp_bytes // 5)
        cases: list[tuple[Any, str]] = [
            ({"type": "call.join"}, "invalid_message"),
            ({"type": "call.join", "audio": "yes", "video": True}, "invalid_message"),
            (JOIN | {"extra": 1}, "invalid_message"),
            ({"type": "call.media", "audio": True}, "invalid_message"),
            ({"type": "call.leave", "now": True}, "invalid_message"),
            (signal(to, "offer"), "invalid_message"),  # no SDP
            (signal(to, "offer", {"type": "answer", "sdp": "v=0"}), "invalid_message"),
            (signal(to, "answer", {"type": "answer", "sdp": "not sdp"}), "invalid_message"),
            (signal(to, "offer", {"candidate": "x"}), "invalid_message"),
            (signal(to, "ice", {"type": "offer", "sdp": "v=0"}), "invalid_message"),
            (signal(to, "ice", {"candidate": "c" * 1025}), "invalid_message"),
            (signal(to, "ice", {"candidate": "c", "sdpMLineIndex": -1}), "invalid_message"),
            (signal(to, "ice", {"candidate": "c", "evil": True}), "invalid_message"),
            (signal(to, "ice", {"candidates": []}), "invalid_message"),
            (signal(to, "ice", {"candidates": [{"candidate": "c"}] * 33}), "invalid_message"),
            (signal(to, "ice", {"candidates": [{"sdpMid": "0"}]}), "invalid_message"),
            (signal(to, "hangup", {"why": "x"}), "invalid_message"),
            (signal(to, "hangup") | {"session": "bad session!"}, "invalid_message"),
            (signal(to, "hangup") | {"session": "s" * 65}, "invalid_message"),
            (signal(to, "offer", {"type": "offer", "sdp": huge_sdp}), "sdp_too_large"),
            (signal(room.host, "ice", {"candidate": ""}), "rtc_self"),
            (signal("x" * 65, "ice", {"candidate": ""}), "invalid_message"),
            (signal(to, "teleport", {}), "invalid_message"),
        ]
        for message, code in cases:
            host.send_raw(json.dumps(message))
            assert error(host) == code, message
        host.send_raw(
            json.dumps(signal(to, "offer", {"type": "offer", "sdp": "v=0" + "x" * 70_000}))
        )
        assert error(host) == "payload_too_large"
        host.send({"type": "ping"})
        host.until("pong")
        # Nothing refused reached the guest.
        cand.send({"type": "ping"})
        _, before = cand.until("pong")
        assert all(m["type"] != "rtc.signal" for m in before)


def test_ice_servers_reach_admitted_participants_only(tc: TestClient, settings: Settings) -> None:
    settings.webrtc.ice_servers = [
        IceServer(urls=["turn:turn.example.org:3478"], username="u1", credential="t0p-secret"),
        IceServer.model_validate({"urls": "stun:stun.example.org"}),
    ]
    settings.webrtc.ice_transport_policy = "relay"
    room = make_room(tc)
    waiting = join_guest(tc, room, "Wendy")
    with sockets(tc, room.id, room.host.token, waiting.token) as (host, wait):
        welcome = host.opening()["welcome"]
        assert welcome["rtc"] == {
            "ice_servers": [
                {
                    "urls": ["turn:turn.example.org:3478"],
                    "username": "u1",
                    "credential": "t0p-secret",
                },
                {"urls": ["stun:stun.example.org"]},
            ],
            "ice_transport_policy": "relay",
        }
        first = wait.recv()
        assert first["type"] == "welcome"
        assert "rtc" not in first
        assert "t0p-secret" not in json.dumps(first)
        host.send({"type": "admission.admit", "participant_id": waiting.participant_id})
        assert wait.recv()["type"] == "admission.admitted"
        assert wait.opening()["welcome"]["rtc"]["ice_transport_policy"] == "relay"


def test_ice_server_settings_are_validated() -> None:
    for bad in ({"urls": []}, {"urls": "http://x"}, {"urls": ["turn:x"], "password": "p"}):
        with pytest.raises(ValidationError):
            IceServer.model_validate(bad)
    assert IceServer.model_validate({"urls": "turns:x:443"}).urls == ["turns:x:443"]
