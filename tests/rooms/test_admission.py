from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from accounts import bearer, create_room, error_code, join_as_guest, register
from coderoom.auth.tokens import Principal, encode_access_token
from coderoom.settings import Settings

pytestmark = pytest.mark.anyio


def url(room: dict[str, Any], pid: str, action: str = "") -> str:
    return f"/api/v1/rooms/{room['id']}/participants/{pid}" + (f"/{action}" if action else "")


async def test_guest_waits_then_is_admitted(client: httpx.AsyncClient, room_events: Any) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    joined: dict[str, Any] = {}

    async def join() -> None:
        joined.update(await join_as_guest(client, room["invite_code"], name="  Grace  "))

    events = await room_events(room["id"], join)
    assert joined["status"] == "waiting"
    assert joined["room_id"] == room["id"]
    assert joined["participant"]["display_name"] == "Grace"
    assert joined["participant"]["user_id"] is None
    assert [(e["type"], e["audience"]) for e in events] == [("admission.waiting", "staff")]
    pid = joined["participant"]["id"]
    assert events[0]["data"]["participant"]["id"] == pid

    # The guest sees the room but not the work in it.
    view = await client.get(f"/api/v1/rooms/{room['id']}/participants", headers=joined["headers"])
    assert error_code(view, 403) == "participant_waiting"
    staff_view = await client.get(
        f"/api/v1/rooms/{room['id']}/participants", headers=host["headers"]
    )
    assert {p["status"] for p in staff_view.json()["items"]} == {"admitted", "waiting"}

    async def admit() -> None:
        response = await client.post(url(room, pid, "admit"), headers=host["headers"])
        assert response.json()["status"] == "admitted"

    events = await room_events(room["id"], admit)
    assert [(e["type"], e["audience"], e["participant_id"]) for e in events] == [
        ("admission.admitted", "participant", pid),
        ("admission.admitted", "staff", None),
        ("participant.joined", "all", None),
    ]
    view = await client.get(f"/api/v1/rooms/{room['id']}/participants", headers=joined["headers"])
    assert view.status_code == 200


async def test_guest_token_is_scoped_to_its_room(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"], auto_admit=True)
    other = await create_room(client, host["headers"], auto_admit=True)
    guest = await join_as_guest(client, room["invite_code"])
    assert guest["status"] == "admitted"
    mine = await client.get(f"/api/v1/rooms/{room['id']}", headers=guest["headers"])
    assert mine.status_code == 200
    theirs = await client.get(f"/api/v1/rooms/{other['id']}", headers=guest["headers"])
    assert error_code(theirs, 404) == "room_not_found"
    # Guests have no account features.
    me = await client.get("/api/v1/auth/me", headers=guest["headers"])
    assert error_code(me, 403) == "account_required"
    # A token naming this guest but another room is no better.
    principal = Principal(
        subject=guest["participant"]["id"], kind="guest", name="G", room_id=other["id"]
    )
    forged_room = encode_access_token(principal, secret=settings.resolved_secret_key(), ttl_s=60)
    response = await client.get(f"/api/v1/rooms/{other['id']}", headers=bearer(forged_room))
    assert error_code(response, 404) == "room_not_found"
    # An expired guest token is refused outright.
    expired = encode_access_token(
        Principal(subject=guest["participant"]["id"], kind="guest", name="G", room_id=room["id"]),
        secret=settings.resolved_secret_key(),
        ttl_s=-1,
    )
    response = await client.get(f"/api/v1/rooms/{room['id']}", headers=bearer(expired))
    assert error_code(response, 401) == "token_expired"


async def test_guest_token_of_another_room_joins_as_new_guest(client: httpx.AsyncClient) -> None:
    host = await register(client)
    first = await create_room(client, host["headers"])
    second = await create_room(client, host["headers"])
    guest = await join_as_guest(client, first["invite_code"])
    response = await client.post(
        f"/api/v1/invites/{second['invite_code']}/join",
        json={"name": "Grace"},
        headers=guest["headers"],
    )
    assert response.status_code == 200
    assert response.json()["participant"]["id"] != guest["participant"]["id"]
    assert response.json()["room_id"] == second["id"]


async def test_guest_rejoining_with_its_token_is_not_duplicated(client: httpx.AsyncClient) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    guest = await join_as_guest(client, room["invite_code"])
    again = await client.post(
        f"/api/v1/invites/{room['invite_code']}/join", json={}, headers=guest["headers"]
    )
    assert again.json()["participant"]["id"] == guest["participant"]["id"]
    people = await client.get(f"/api/v1/rooms/{room['id']}/participants", headers=host["headers"])
    assert len(people.json()["items"]) == 2


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": ""},
        {"name": "   "},
        {"name": "x" * 41},
        {"name": "a\nb"},
        {"name": "\u202eevil"},
        {"name": 5},
    ],
)
async def test_guest_needs_a_clean_name(client: httpx.AsyncClient, body: dict[str, Any]) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    response = await client.post(f"/api/v1/invites/{room['invite_code']}/join", json=body)
    assert error_code(response, 422) in {"invalid_input", "name_required"}


async def test_wrong_password_records_nothing(client: httpx.AsyncClient) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"], password="letmein-please")
    info = await client.get(f"/api/v1/invites/{room['invite_code']}")
    assert info.json()["password_required"] is True
    join = f"/api/v1/invites/{room['invite_code']}/join"
    refused = await client.post(join, json={"name": "G", "password": "guess"})
    assert error_code(refused, 403) == "wrong_password"
    people = await client.get(f"/api/v1/rooms/{room['id']}/participants", headers=host["headers"])
    assert len(people.json()["items"]) == 1
    ok = await client.post(join, json={"name": "G", "password": "letmein-please"})
    assert ok.json()["status"] == "waiting"


async def test_account_rejoin_returns_the_same_participant(client: httpx.AsyncClient) -> None:
    host = await register(client)
    member = await register(client, name="Member")
    room = await create_room(client, host["headers"])
    join = f"/api/v1/invites/{room['invite_code']}/join"
    first = await client.post(join, json={}, headers=member["headers"])
    second = await client.post(join, json={"name": "ignored"}, headers=member["headers"])
    assert first.json()["access_token"] is None
    assert first.json()["participant"]["display_name"] == "Member"
    assert first.json()["participant"]["id"] == second.json()["participant"]["id"]
    via_id = await client.post(
        f"/api/v1/rooms/{room['id']}/join", json={}, headers=member["headers"]
    )
    assert via_id.json()["participant"]["id"] == first.json()["participant"]["id"]


async def test_rejected_participant_stays_rejected(
    client: httpx.AsyncClient, room_events: Any
) -> None:
    host = await register(client)
    member = await register(client)
    room = await create_room(client, host["headers"])
    join = f"/api/v1/invites/{room['invite_code']}/join"
    pid = (await client.post(join, json={}, headers=member["headers"])).json()["participant"]["id"]

    async def reject() -> None:
        response = await client.post(url(room, pid, "reject"), headers=host["headers"])
        assert response.json()["status"] == "rejected"

    events = await room_events(room["id"], reject)
    assert [(e["type"], e["audience"]) for e in events] == [
        ("admission.rejected", "participant"),
        ("admission.rejected", "staff"),
    ]
    again = await client.post(join, json={}, headers=member["headers"])
    assert again.json()["status"] == "rejected"
    view = await client.get(f"/api/v1/rooms/{room['id']}/participants", headers=member["headers"])
    assert error_code(view, 403) == "participant_rejected"
    # Rejecting an admitted participant makes no sense; remove them instead.
    assert (await client.post(url(room, pid, "admit"), headers=host["headers"])).status_code == 200
    assert error_code(await client.post(url(room, pid, "reject"), headers=host["headers"]), 409)


async def test_auto_admit_skips_the_waiting_room(
    client: httpx.AsyncClient, room_events: Any
) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"], auto_admit=True)
    result: dict[str, Any] = {}

    async def join() -> None:
        result.update(await join_as_guest(client, room["invite_code"]))

    events = await room_events(room["id"], join)
    assert result["status"] == "admitted"
    assert [(e["type"], e["audience"]) for e in events] == [("participant.joined", "all")]


async def test_roles_are_the_hosts_to_change(client: httpx.AsyncClient, room_events: Any) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"], auto_admit=True)
    alice = await join_as_guest(client, room["invite_code"], name="Alice")
    bob = await join_as_guest(client, room["invite_code"], name="Bob")
    alice_id, bob_id = alice["participant"]["id"], bob["participant"]["id"]

    async def promote() -> None:
        response = await client.patch(
            url(room, alice_id), json={"role": "interviewer"}, headers=host["headers"]
        )
        assert response.json()["role"] == "interviewer"

    events = await room_events(room["id"], promote)
    assert [(e["type"], e["audience"]) for e in events] == [("participant.role_changed", "all")]
    # Interviewers are staff: they see the invite code, but roles stay the host's call.
    view = await client.get(f"/api/v1/rooms/{room['id']}", headers=alice["headers"])
    assert view.json()["invite_code"] == room["invite_code"]
    refused = await client.patch(
        url(room, bob_id), json={"role": "observer"}, headers=alice["headers"]
    )
    assert error_code(refused, 403) == "host_only"
    host_pid = room["me"]["id"]
    fixed = await client.patch(
        url(room, host_pid), json={"role": "candidate"}, headers=host["headers"]
    )
    assert error_code(fixed, 403) == "host_role_fixed"
    for role in ["host", "admin", "", None]:
        bad = await client.patch(url(room, bob_id), json={"role": role}, headers=host["headers"])
        assert error_code(bad, 422) == "invalid_input"
    missing = await client.patch(
        url(room, "nobody"), json={"role": "observer"}, headers=host["headers"]
    )
    assert error_code(missing, 404) == "participant_not_found"


async def test_observers_cannot_edit_but_can_view(client: httpx.AsyncClient) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"], auto_admit=True)
    guest = await join_as_guest(client, room["invite_code"])
    await client.patch(
        url(room, guest["participant"]["id"]), json={"role": "observer"}, headers=host["headers"]
    )
    view = await client.get(f"/api/v1/rooms/{room['id']}", headers=guest["headers"])
    assert view.json()["me"]["role"] == "observer"


async def test_remove_participant(client: httpx.AsyncClient, room_events: Any) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"], auto_admit=True)
    interviewer = await join_as_guest(client, room["invite_code"], name="Ivy")
    candidate = await join_as_guest(client, room["invite_code"], name="Cid")
    iid, cid = interviewer["participant"]["id"], candidate["participant"]["id"]
    await client.patch(url(room, iid), json={"role": "interviewer"}, headers=host["headers"])

    async def remove() -> None:
        response = await client.delete(url(room, cid), headers=interviewer["headers"])
        assert response.status_code == 204

    events = await room_events(room["id"], remove)
    assert [(e["type"], e["audience"]) for e in events] == [
        ("participant.removed", "all"),
        ("participant.removed", "participant"),
    ]
    gone = await client.get(
        f"/api/v1/rooms/{room['id']}/participants", headers=candidate["headers"]
    )
    assert error_code(gone, 403) == "participant_removed"
    back = await client.post(
        f"/api/v1/invites/{room['invite_code']}/join", json={}, headers=candidate["headers"]
    )
    assert back.json()["status"] == "removed"
    # Interviewers cannot remove the host, nor each other; only the host removes staff.
    host_pid = room["me"]["id"]
    refused = await client.delete(url(room, host_pid), headers=interviewer["headers"])
    assert error_code(refused, 403) == "host_role_fixed"
    assert (await client.delete(url(room, iid), headers=host["headers"])).status_code == 204


async def test_candidates_cannot_admit_or_remove(client: httpx.AsyncClient) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    member = await register(client)
    join = f"/api/v1/invites/{room['invite_code']}/join"
    mid = (await client.post(join, json={}, headers=member["headers"])).json()["participant"]["id"]
    await client.post(url(room, mid, "admit"), headers=host["headers"])
    waiting = await join_as_guest(client, room["invite_code"])
    wid = waiting["participant"]["id"]
    for method, path in [
        ("POST", url(room, wid, "admit")),
        ("POST", url(room, wid, "reject")),
        ("DELETE", url(room, wid)),
    ]:
        response = await client.request(method, path, headers=member["headers"])
        assert error_code(response, 403) == "staff_only"
    # A waiting guest cannot admit themselves either.
    response = await client.post(url(room, wid, "admit"), headers=waiting["headers"])
    assert error_code(response, 403) == "participant_waiting"


async def test_participant_of_another_room_is_not_found(client: httpx.AsyncClient) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"])
    other = await create_room(client, host["headers"])
    stranger = await join_as_guest(client, other["invite_code"])
    response = await client.post(
        url(room, stranger["participant"]["id"], "admit"), headers=host["headers"]
    )
    assert error_code(response, 404) == "participant_not_found"


async def test_wrong_room_passwords_are_rate_limited(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    settings.auth.room_password_rate_limit = "3/minute"
    host = await register(client)
    room = await create_room(client, host["headers"], password="the-right-one")
    join = f"/api/v1/invites/{room['invite_code']}/join"
    # Right answers do not count: many guests may share one address.
    for n in range(4):
        ok = await client.post(join, json={"name": f"G{n}", "password": "the-right-one"})
        assert ok.status_code == 200
    for _ in range(3):
        wrong = await client.post(join, json={"name": "G", "password": "guess"})
        assert error_code(wrong, 403) == "wrong_password"
    limited = await client.post(join, json={"name": "G", "password": "the-right-one"})
    assert error_code(limited, 429) == "rate_limited"
    assert int(limited.headers["Retry-After"]) >= 1


async def test_simultaneous_joins_of_one_account_make_one_participant(
    client: httpx.AsyncClient,
) -> None:
    host = await register(client)
    member = await register(client)
    room = await create_room(client, host["headers"])
    join = f"/api/v1/invites/{room['invite_code']}/join"
    responses = await asyncio.gather(
        *(client.post(join, json={}, headers=member["headers"]) for _ in range(4))
    )
    assert {r.status_code for r in responses} == {200}
    assert len({r.json()["participant"]["id"] for r in responses}) == 1
    people = await client.get(f"/api/v1/rooms/{room['id']}/participants", headers=host["headers"])
    assert len(people.json()["items"]) == 2


async def test_participants_of_a_room_get_distinct_stable_colours(
    client: httpx.AsyncClient,
) -> None:
    host = await register(client)
    room = await create_room(client, host["headers"], auto_admit=True)
    guests = [await join_as_guest(client, room["invite_code"], f"Guest {i}") for i in range(11)]
    colours = [room["participants"][0]["color"]] + [g["participant"]["color"] for g in guests]
    assert len(set(colours)) == 12  # the whole palette, no two alike
    again = await client.post(
        f"/api/v1/invites/{room['invite_code']}/join",
        json={"name": "Guest 0"},
        headers=guests[0]["headers"],
    )
    assert again.json()["participant"]["color"] == guests[0]["participant"]["color"]
