import { ConfirmButton } from "@/components/ui/ConfirmButton"
import { CopyButton } from "@/components/ui/CopyButton"
import { ErrorText } from "@/components/ui/ErrorText"
import { Link } from "react-router"
import { type Room, inviteUrl, useDeleteRoom } from "../api"

function RoomRow({ room, languageName }: { room: Room; languageName: (id: string) => string }) {
  const remove = useDeleteRoom()
  const isHost = room.me?.role === "host"
  return (
    <li className="room-row" data-testid="room-row">
      <div>
        <Link to={`/rooms/${room.id}`} className="room-title">
          {room.title}
        </Link>
        <div className="muted small">
          {languageName(room.language)} · {room.status === "active" ? "active" : "ended"} ·{" "}
          {new Date(room.created_at).toLocaleString()}
        </div>
      </div>
      <div className="row">
        {room.invite_code && room.status === "active" ? (
          <CopyButton text={inviteUrl(room.invite_code)} />
        ) : null}
        {room.status === "ended" && (isHost || room.me?.role === "interviewer") ? (
          <>
            <Link to={`/rooms/${room.id}/report`} className="btn btn-ghost">
              Report
            </Link>
            <Link to={`/rooms/${room.id}/replay`} className="btn btn-ghost">
              Replay
            </Link>
          </>
        ) : null}
        {isHost ? (
          <ConfirmButton
            label="Delete"
            ariaLabel={`Delete room ${room.title}`}
            question={`Delete "${room.title}"? Its code and history are removed for everyone.`}
            confirmLabel="Delete room"
            onConfirm={() => remove.mutate(room.id)}
          />
        ) : null}
      </div>
      <ErrorText error={remove.error} />
    </li>
  )
}

export function RoomList({
  rooms,
  title,
  languageName,
}: {
  rooms: Room[]
  title: string
  /** "Python 3" for "python": the app passes the execution feature's names in. */
  languageName: (id: string) => string
}) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {rooms.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="room-list">
          {rooms.map((room) => (
            <RoomRow key={room.id} room={room} languageName={languageName} />
          ))}
        </ul>
      )}
    </section>
  )
}
