import { Button } from "@/components/ui/Button"
import { CopyButton } from "@/components/ui/CopyButton"
import { ErrorText } from "@/components/ui/ErrorText"
import type { RemotePeer } from "@/features/editor/awareness"
import { type Room, inviteUrl, useRegenerateInvite } from "@/features/rooms/api"
import type { ReactNode } from "react"
import { Link } from "react-router"

function InviteControls({ room }: { room: Room }) {
  const regenerate = useRegenerateInvite(room.id)
  if (!room.invite_code) return null
  const url = inviteUrl(room.invite_code)
  return (
    <div className="invite row">
      <input
        className="invite-url"
        readOnly
        value={url}
        aria-label="Invite link"
        onFocus={(e) => e.target.select()}
      />
      <CopyButton text={url} />
      <Button
        variant="ghost"
        aria-label="Regenerate invite link"
        title="Make a new link; the old one stops working"
        onClick={() => regenerate.mutate()}
        disabled={regenerate.isPending}
      >
        New link
      </Button>
      <ErrorText error={regenerate.error} />
    </div>
  )
}

export function RoomHeader({
  room,
  isStaff,
  status,
  peers,
  followed,
  onFollow,
  onUnfollow,
}: {
  room: Room
  isStaff: boolean
  status: ReactNode
  peers: RemotePeer[]
  followed: string | null
  onFollow: (participantId: string) => void
  onUnfollow: () => void
}) {
  return (
    <header className="room-header">
      <Link to="/" className="brand" aria-label="coderoom home">
        coderoom
      </Link>
      <h1 className="room-name">{room.title}</h1>
      {status}
      <ul className="peers" aria-label="People in the editor">
        {peers.map((peer) => {
          const following = followed === peer.user.participantId
          return (
            <li key={peer.user.participantId} className="peer" data-testid="peer">
              <span
                className="peer-dot"
                style={{ background: peer.user.color }}
                aria-hidden="true"
              />
              <span className="peer-name">{peer.user.name}</span>
              <Button
                variant="ghost"
                aria-pressed={following}
                aria-label={
                  following ? `Stop following ${peer.user.name}` : `Follow ${peer.user.name}`
                }
                onClick={() => (following ? onUnfollow() : onFollow(peer.user.participantId))}
              >
                {following ? "Following" : "Follow"}
              </Button>
            </li>
          )
        })}
      </ul>
      {isStaff ? <InviteControls room={room} /> : null}
      {isStaff ? (
        <>
          <Link to={`/rooms/${room.id}/replay`} className="btn btn-ghost">
            Replay
          </Link>
          {/* Notes and scorecards: the report page refuses candidates and observers too. */}
          <Link to={`/rooms/${room.id}/report`} className="btn btn-ghost">
            Report
          </Link>
        </>
      ) : null}
    </header>
  )
}
