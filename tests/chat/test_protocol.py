"""Admission, proctoring, hostile input, resume and closes on the events socket.

The call and its WebRTC relay are tested in test_call.py.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from starlette.testclient import TestClient

from chat.wsutil import (
    BOTH_BUSES,
    Socket,
    admit,
    admitted_guest,
    events_url,
    host_and_guest,
    hosted_room,
    join_guest,
    make_room,
    socket,
    sockets,
)
from coderoom.app import create_app
from coderoom.settings import Settings


@BOTH_BUSES
def test_waiting_client_sees_only_its_admission_outcome(tc: TestClient) -> None:
    room = make_room(tc)
    guest = join_guest(tc, room, "Wendy")
    assert guest.status == "waiting"
    with socket(tc, room.id, room.host.token) as host:
        opening = host.opening()
        waiting = opening["admission.waiting_list"]["participants"]
        assert [p["id"] for p in waiting] == [guest.participant_id]
        with socket(tc, room.id, guest.token) as wait:
            welcome = wait.recv()
            assert welcome["type"] == "welcome"
            assert welcome["participant"]["status"] == "waiting"
            assert "room" not in welcome
            # Room traffic the waiting client must not see.
            host.send({"type": "chat.send", "text": "secret plans"})
            host.until("chat.message")
            wait.send({"type": "chat.send", "text": "let me in"})
            assert wait.recv()["code"] == "not_admitted"
            host.send({"type": "admission.admit", "participant_id": guest.participant_id})
            outcome = wait.recv()
            assert outcome["type"] == "admission.admitted"
            assert outcome["data"]["participant"]["id"] == guest.participant_id
            # Now admitted in place: the opening state follows, chat history included.
            after = wait.opening()
            assert after["welcome"]["participant"]["status"] == "admitted"
            assert [m["text"] for m in after["chat.history"]["messages"]] == ["secret plans"]
            staff_copy, _ = host.until("admission.admitted")
            assert staff_copy["data"]["participant"]["status"] == "admitted"


def test_rejected_waiting_client_is_told_and_closed(tc: TestClient) -> None:
    room = make_room(tc)
    guest = join_guest(tc, room)
    with sockets(tc, room.id, room.host.token, guest.token) as (host, wait):
        host.opening()
        assert wait.recv()["type"] == "welcome"
        host.send({"type": "admission.reject", "participant_id": guest.participant_id})
        assert wait.recv()["type"] == "admission.rejected"
        assert wait.expect_close() == 4403


def test_auto_admit_toggle_and_staff_only(tc: TestClient) -> None:
    with host_and_guest(tc) as (room, _member, host, cand):
        cand.send({"type": "admission.auto_admit", "enabled": True})
        assert cand.recv_type("error", skip=("presence.joined",))["code"] == "staff_only"
        host.send({"type": "admission.auto_admit", "enabled": True})
        updated, _ = host.until("room.updated")
        assert updated["data"]["changes"] == {"auto_admit": True}
    newcomer = join_guest(tc, room, "Auto")
    assert newcomer.status == "admitted"


@pytest.mark.parametrize("enabled", [True, False])
def test_proctoring_signals_reach_staff_only_and_are_stored(tc: TestClient, enabled: bool) -> None:
    room = make_room(tc, proctoring_enabled=enabled)
    cand_member = admitted_guest(tc, room, "Candy")
    peer_member = admitted_guest(tc, room, "Peer")
    tokens = (room.host.token, cand_member.token, peer_member.token)
    with sockets(tc, room.id, *tokens) as (host, cand, peer):
        for sock in (host, cand, peer):
            sock.opening()
        cand.send({"type": "proctor.signal", "kind": "tab_hidden"})
        cand.send({"type": "proctor.signal", "kind": "tab_visible", "away_ms": 4200})
        cand.send({"type": "proctor.signal", "kind": "paste", "chars": 812, "external": True})
        cand.send({"type": "proctor.signal", "kind": "paste"})  # malformed: no chars
        assert cand.recv_type("error", skip=("presence.joined",))["code"] == "invalid_message"
        # A chat message marks "after the signals" for everyone.
        cand.send({"type": "chat.send", "text": "done"})
        _, host_before = host.until("chat.message")
        _, peer_before = peer.until("chat.message")
    signals = [m for m in host_before if m["type"] == "proctor.signal"]
    assert all(m["type"] != "proctor.signal" for m in peer_before)
    log = tc.get(
        f"/api/v1/rooms/{room.id}/events?type=proctor.signal", headers=room.host.headers
    ).json()["events"]
    if not enabled:
        assert signals == []
        assert log == []
        return
    assert [s["data"]["kind"] for s in signals] == ["tab_hidden", "tab_visible", "paste"]
    assert signals[1]["data"]["away_ms"] == 4200
    assert signals[2]["data"] | {} == {
        "kind": "paste",
        "chars": 812,
        "external": True,
        "participant_id": cand_member.participant_id,
        "name": "Candy",
    }
    assert [e["data"]["kind"] for e in log] == ["tab_hidden", "tab_visible", "paste"]
    assert {e["actor_id"] for e in log} == {cand_member.participant_id}
    assert {e["audience"] for e in log} == {"staff"}
    forbidden = tc.get(f"/api/v1/rooms/{room.id}/events", headers=cand_member.headers)
    assert forbidden.status_code == 403


def test_hostile_input_gets_errors_and_the_connection_survives(tc: TestClient) -> None:
    with hosted_room(tc) as (_room, host):
        cases = [
            ("not json", "bad_json"),
            ("[1, 2]", "bad_json"),
            ('"str"', "bad_json"),
            ("{}", "unknown_type"),
            ('{"type": "launch.missiles"}', "unknown_type"),
            ('{"type": 7}', "unknown_type"),
            ('{"type": "chat.send"}', "invalid_message"),
            ('{"type": "chat.send", "text": 5}', "invalid_message"),
            ('{"type": "chat.send", "text": "x", "extra": 1}', "invalid_message"),
            ('{"type": "typing", "active": "maybe"}', "invalid_message"),
            ('{"type": "resume", "last_seq": -1}', "invalid_message"),
            ('{"type": "rtc.signal", "to": "", "kind": "offer"}', "invalid_message"),
            ('{"type": "proctor.signal", "kind": "tab_visible"}', "invalid_message"),
            ("x" * (64 * 1024 + 1), "payload_too_large"),
            (json.dumps({"type": "chat.send", "text": "é" * 40_000}), "payload_too_large"),
            (json.dumps({"type": "chat.send", "text": "nul\u0000byte"}), "chat_invalid"),
            (
                json.dumps({"type": "chat.send", "text": "x", "client_id": "a\u0000"}),
                "invalid_message",
            ),
            ('{"type": "resume", "last_seq": 1e400}', "invalid_message"),
            ("[" * 5000 + "]" * 5000, "bad_json"),
            (
                json.dumps({"type": "rtc.signal", "to": "x", "kind": "offer", "payload": []}),
                "invalid_message",
            ),
        ]
        for raw, code in cases:
            host.send_raw(raw)
            error = host.recv_type("error", skip=("presence.joined",))
            assert error["code"] == code, raw[:60]
            assert error["message"]
        host.ws.send_bytes(b"\x00\x01")
        assert host.recv_type("error")["code"] == "bad_frame"
        host.send({"type": "chat.send", "text": "still here"})
        msg, _ = host.until("chat.message")
        assert msg["data"]["text"] == "still here"


def test_rate_limit_errors_then_closes_a_flood(settings: Settings) -> None:
    # Next to no refill: with the default 20/s, a server slowed down (coverage, a busy
    # machine) refilled the bucket while draining the flood, every refill reset the run of
    # denials, and the socket was never closed.
    settings.events.rate_per_s = 0.01
    with TestClient(create_app(settings)) as tc:
        with hosted_room(tc) as (_room, host):
            for _ in range(300):
                host.send({"type": "ping"})
            kinds: list[str] = []
            while True:
                message = host._next(5.0)
                if message["type"] == "websocket.close":
                    assert message["code"] == 4429
                    break
                body = json.loads(message["text"])
                kinds.append(body["type"] if body["type"] != "error" else body["code"])
        # The burst passes, then errors, then the flood is cut off.
        assert kinds.count("pong") >= 40
        assert "rate_limited" in kinds
        assert kinds.index("rate_limited") >= 40


@BOTH_BUSES
def test_resume_with_last_seq_delivers_missed_events(tc: TestClient) -> None:
    room = make_room(tc)
    guest = admitted_guest(tc, room)
    with socket(tc, room.id, guest.token) as cand:
        start = cand.opening()["welcome"]["seq"]
        cand.send({"type": "chat.send", "text": "before"})
        seen, _ = cand.until("chat.message")
    last_seq = seen["seq"]
    with socket(tc, room.id, room.host.token) as host:
        host.opening()
        host.send({"type": "chat.send", "text": "missed 1"})
        host.send({"type": "chat.send", "text": "missed 2"})
        host.until("chat.message")
        host.until("chat.message")
    with socket(tc, room.id, guest.token, last_seq=last_seq) as cand:
        welcome = cand.recv()
        assert welcome["type"] == "welcome"
        replay: list[dict[str, Any]] = []
        while len([m for m in replay if m["type"] == "chat.message"]) < 2:
            body = cand.recv()
            if body.get("seq") is not None:
                replay.append(body)
        seqs = [m["seq"] for m in replay]
        assert seqs == sorted(seqs)
        assert seqs[0] == last_seq + 1  # no gap: the host's presence.joined comes first
        assert [m["data"]["text"] for m in replay if m["type"] == "chat.message"] == [
            "missed 1",
            "missed 2",
        ]
        # The resume message form: nothing new since the connection started.
        cand.send({"type": "resume", "last_seq": welcome["seq"]})
        resumed, _ = cand.until("resumed")
        assert resumed["count"] == 0
    assert start < last_seq


def test_too_old_or_future_last_seq_gets_resync_required(settings: Settings) -> None:
    settings.events.resume_buffer_size = 5
    with TestClient(create_app(settings)) as tc:
        with hosted_room(tc) as (room, host):
            for i in range(8):
                host.send({"type": "chat.send", "text": f"m{i}"})
                host.until("chat.message")
        for last_seq in (1, 10_000):
            with socket(tc, room.id, room.host.token, last_seq=last_seq) as host:
                opening = host.opening()
                assert "resync_required" in opening
                assert len(opening["chat.history"]["messages"]) == 8
        with socket(tc, room.id, room.host.token) as host:
            host.opening()
            host.send({"type": "resume", "last_seq": 1})
            assert host.recv_type("resync_required", skip=("presence.joined",))["seq"] > 1


def test_bad_last_seq_query_is_an_error_not_a_crash(tc: TestClient) -> None:
    room = make_room(tc)
    for raw in ("abc", "-1", "\u00b2", "9" * 40):
        with socket(tc, room.id, room.host.token, last_seq=raw) as host:
            messages = host.opening()
            host.send({"type": "ping"})
            _, before = host.until("pong")
            errors = [m for m in [*messages.values(), *before] if m["type"] == "error"]
            assert [e["code"] for e in errors] == ["invalid_last_seq"], raw


def test_permission_closes(tc: TestClient) -> None:
    room = make_room(tc)
    other = make_room(tc)
    guest_elsewhere = admitted_guest(tc, other)
    cases = [
        (events_url(room.id, None), 4401),
        (events_url(room.id, "garbage"), 4401),
        (events_url(room.id, guest_elsewhere.token), 4403),
        (events_url("no-such-room", room.host.token), 4403),
        (events_url(other.id, room.host.token), 4403),
    ]
    for url, code in cases:
        with tc.websocket_connect(url) as ws:
            assert Socket(ws).expect_close() == code, url
    rejected = join_guest(tc, room)
    url = f"/api/v1/rooms/{room.id}/participants/{rejected.participant_id}/reject"
    assert tc.post(url, headers=room.host.headers).status_code == 200
    with socket(tc, room.id, rejected.token) as ws:
        assert ws.expect_close() == 4403


@BOTH_BUSES
def test_room_ended_is_delivered_then_sockets_close(tc: TestClient) -> None:
    room = make_room(tc)
    guest = admitted_guest(tc, room)
    waiting = join_guest(tc, room, "Late")
    with sockets(tc, room.id, room.host.token, guest.token, waiting.token) as (host, cand, wait):
        host.opening()
        cand.opening()
        assert wait.recv()["type"] == "welcome"
        assert tc.post(f"/api/v1/rooms/{room.id}/end", headers=room.host.headers).status_code == 200
        for sock in (host, cand):
            ended, _ = sock.until("room.ended")
            assert ended["data"]["ended_at"]
            assert sock.expect_close() == 4410
        assert wait.expect_close() == 4410
    with socket(tc, room.id, guest.token) as late:
        assert late.recv()["type"] == "room.ended"
        assert late.expect_close() == 4410


def test_activity_log_records_joins_chat_and_leaves(tc: TestClient) -> None:
    room = make_room(tc)
    guest = join_guest(tc, room)
    admit(tc, room, guest)
    with socket(tc, room.id, guest.token) as cand:
        cand.opening()
        cand.send({"type": "chat.send", "text": "hello"})
        cand.until("chat.message")
    response = tc.get(f"/api/v1/rooms/{room.id}/events", headers=room.host.headers)
    assert response.status_code == 200
    events = response.json()["events"]
    types = [e["type"] for e in events]
    for expected in ("admission.admitted", "presence.joined", "chat.message", "presence.left"):
        assert expected in types
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(seqs)
    assert len(set(seqs)) == len(seqs)
    page = tc.get(
        f"/api/v1/rooms/{room.id}/events?after={seqs[1]}&limit=2", headers=room.host.headers
    ).json()
    assert [e["seq"] for e in page["events"]] == seqs[2:4]
    bad = tc.get(f"/api/v1/rooms/{room.id}/events?after=-1", headers=room.host.headers)
    assert bad.status_code == 422


def test_role_change_and_removal_apply_to_open_sockets(tc: TestClient) -> None:
    room = make_room(tc)
    promoted = admitted_guest(tc, room, "Ivy")
    removed = admitted_guest(tc, room, "Rex")
    with sockets(tc, room.id, promoted.token, removed.token) as (ivy, rex):
        ivy.opening()
        rex.opening()
        url = f"/api/v1/rooms/{room.id}/participants/{promoted.participant_id}"
        response = tc.patch(url, json={"role": "interviewer"}, headers=room.host.headers)
        assert response.status_code == 200, response.text
        ivy.until("participant.role_changed")
        # Now staff: Ivy sees who waits, and may admit.
        newcomer = join_guest(tc, room, "Nia")
        waiting, _ = ivy.until("admission.waiting")
        assert waiting["data"]["participant"]["id"] == newcomer.participant_id
        ivy.send({"type": "admission.admit", "participant_id": newcomer.participant_id})
        ivy.until("admission.admitted")
        url = f"/api/v1/rooms/{room.id}/participants/{removed.participant_id}"
        assert tc.delete(url, headers=room.host.headers).status_code == 204
        rex.until("participant.removed")
        assert rex.expect_close() == 4403


def test_heartbeat_pings_and_idle_connections_are_closed(settings: Settings) -> None:
    settings.events.heartbeat_interval_s = 0.2
    settings.events.heartbeat_jitter_s = 0.05
    settings.events.idle_timeout_s = 1.0
    with TestClient(create_app(settings)) as tc:
        room = make_room(tc)
        guest = admitted_guest(tc, room)
        # The silent client connects first: the host answers from its first moment on.
        with sockets(tc, room.id, guest.token, room.host.token) as (silent, host):
            silent.opening()
            host.opening()
            # For 2.5 idle timeouts the host answers every ping and stays; the silent client
            # is collected (its leave reaches the host).
            pings, left = 0, None
            deadline = time.monotonic() + 2.5
            while time.monotonic() < deadline:
                body = host.recv()
                if body["type"] == "ping":
                    pings += 1
                    host.send({"type": "pong"})
                elif body["type"] == "presence.left":
                    left = body
            assert left is not None
            assert left["data"]["participant_id"] == guest.participant_id
            assert pings >= 4
            assert silent.expect_close() == 4408
            host.send({"type": "ping"})
            host.recv_type("pong", skip=("ping",))
