import { ErrorText } from "@/components/ui/ErrorText"
import { roomKey, useRoom } from "@/features/rooms/api"
import { JoinByIdForm } from "@/features/rooms/components/JoinByIdForm"
import { useRoomEvents } from "@/features/rooms/hooks/useRoomEvents"
import { ApiError, refreshAccount } from "@/lib/http"
import { accountTokens, tokenForRoom } from "@/lib/session"
import { useQueryClient } from "@tanstack/react-query"
import { Suspense, lazy, useCallback, useEffect } from "react"
import { Link, useParams } from "react-router"
import { Declined, WaitingScreen } from "./WaitingScreen"

// Monaco is most of the bundle: only the room needs it, so the dashboard loads without it.
// It is fetched as soon as the room page opens, so that a guest who is admitted after waiting
// gets the editor at once instead of waiting for the download then.
const loadWorkspace = () => import("./RoomWorkspace").then((m) => ({ default: m.RoomWorkspace }))
const RoomWorkspace = lazy(loadWorkspace)

function Message({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <main className="page center">
      <div className="card" role="alert">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  )
}

export function RoomRoute() {
  const { roomId = "" } = useParams()
  const client = useQueryClient()
  const room = useRoom(roomId)
  useEffect(() => {
    loadWorkspace().catch(() => undefined) // a failed prefetch is retried by lazy() on render
  }, [])
  const getToken = useCallback(() => tokenForRoom(roomId), [roomId])
  // Guests' room tokens cannot be renewed; an account's can.
  const renewToken = useCallback(
    () => (accountTokens() ? refreshAccount() : Promise.resolve(false)),
    [],
  )
  const me = room.data?.me ?? null
  const enabled = me !== null && (me.status === "waiting" || me.status === "admitted")
  const events = useRoomEvents({ roomId, getToken, renewToken, enabled })

  // Admission outcomes and room changes arrive as events; the room query is the truth.
  const { subscribe } = events
  useEffect(() => {
    const refetch = () => client.invalidateQueries({ queryKey: roomKey(roomId) })
    const unsubs = [
      "admission.admitted",
      "admission.rejected",
      "participant.removed",
      "participant.role_changed",
      "room.updated",
      "room.ended",
      "resync_required",
    ].map((type) => subscribe(type, refetch))
    return () => {
      for (const unsub of unsubs) unsub()
    }
  }, [client, roomId, subscribe])
  useEffect(() => {
    if (events.closeCode !== null) client.invalidateQueries({ queryKey: roomKey(roomId) })
  }, [client, roomId, events.closeCode])

  if (getToken() === null) {
    return (
      <Message title="You are not in this room">
        <p>
          Open the invite link you were sent, or{" "}
          <Link to={`/signin?next=/rooms/${roomId}`}>sign in</Link>.
        </p>
      </Message>
    )
  }
  if (room.isPending) return <main className="page center">Loading room…</main>
  if (room.error) {
    if (room.error instanceof ApiError && room.error.status === 404) {
      return (
        <Message title="Room not found">
          {accountTokens() ? <JoinByIdForm roomId={roomId} /> : null}
          <Link to="/">Go to your rooms</Link>
        </Message>
      )
    }
    return (
      <Message title="Cannot open the room">
        <ErrorText error={room.error} />
      </Message>
    )
  }
  const data = room.data
  if (!data.me) return <Message title="You are not in this room" />
  switch (data.me.status) {
    case "waiting":
      return <WaitingScreen title={data.title} />
    case "rejected":
      return <Declined />
    case "removed":
      return <Message title="You were removed from this room" />
    case "left":
      return <Message title="You left this room" />
    case "admitted":
      if (data.status === "ended") {
        return (
          <Message title="This room has ended">
            {data.me.role === "host" || data.me.role === "interviewer" ? (
              <p className="row">
                <Link to={`/rooms/${roomId}/report`}>Read the report</Link>
                <Link to={`/rooms/${roomId}/replay`}>Watch the replay</Link>
              </p>
            ) : null}
          </Message>
        )
      }
      return (
        <Suspense fallback={<main className="page center">Loading editor…</main>}>
          <RoomWorkspace room={data} me={data.me} events={events} />
        </Suspense>
      )
  }
}
