import { Button } from "@/components/ui/Button"
import { type CSSProperties, useEffect, useRef, useState } from "react"
import type { Phase } from "../negotiation"
import { CameraIcon, MicIcon } from "./icons"

export interface TileProps {
  participantId: string
  name: string
  color: string
  stream: MediaStream | null
  /** Our own preview: muted, mirrored, no connection state. */
  mine?: boolean
  audio: boolean
  video: boolean
  phase?: Phase
  onRetry?: () => void
}

/** One person in the call: their video (or initial when the camera is off), name and state. */
export function VideoTile({
  participantId,
  name,
  color,
  stream,
  mine = false,
  audio,
  video,
  phase = "connected",
  onRetry,
}: TileProps) {
  const ref = useRef<HTMLVideoElement>(null)
  const [blocked, setBlocked] = useState(false)
  const tracks = stream?.getTracks().length ?? 0
  useEffect(() => {
    const element = ref.current
    if (!element) return
    // Re-assigned when tracks arrive: the remote stream gains them after the element exists.
    element.srcObject = stream && tracks > 0 ? stream : null
    if (element.srcObject) {
      element.play().then(
        () => setBlocked(false),
        // Autoplay with sound needs a click on the page first; offer one.
        (error: unknown) =>
          setBlocked(error instanceof DOMException && error.name === "NotAllowedError"),
      )
    }
  }, [stream, tracks])

  const showVideo = video && tracks > 0 && phase !== "failed"
  const label = mine ? `${name} (you)` : name
  return (
    <li
      className={`call-tile call-${phase}${mine ? " call-mine" : ""}`}
      style={{ "--who": color } as CSSProperties}
      data-testid="call-tile"
      data-participant={participantId}
      data-phase={phase}
      aria-label={label}
    >
      <video
        ref={ref}
        autoPlay
        playsInline
        muted={mine}
        className={showVideo ? "call-video" : "call-video call-video-off"}
        data-testid="call-video"
      />
      {showVideo ? null : (
        <div className="call-avatar" aria-hidden="true">
          <span style={{ background: color }}>{name.trim().charAt(0).toUpperCase() || "?"}</span>
        </div>
      )}
      <div className="call-label">
        <span className="call-name">{label}</span>
        {audio ? null : (
          <span className="call-state-icon" data-testid="muted-icon">
            <MicIcon off label={`${name}: microphone muted`} />
          </span>
        )}
        {video ? null : (
          <span className="call-state-icon" data-testid="camera-off-icon">
            <CameraIcon off label={`${name}: camera off`} />
          </span>
        )}
      </div>
      {phase === "connecting" || phase === "reconnecting" ? (
        <output className="call-overlay">
          <span className="call-spinner" aria-hidden="true" />
          {phase === "connecting" ? "Connecting…" : "Reconnecting…"}
        </output>
      ) : null}
      {phase === "failed" ? (
        <div className="call-overlay call-failed" role="alert">
          <p>Could not connect to {name}</p>
          <Button onClick={onRetry}>Retry</Button>
        </div>
      ) : null}
      {blocked ? (
        <Button
          className="call-unblock"
          onClick={() =>
            ref.current?.play().then(
              () => setBlocked(false),
              () => undefined,
            )
          }
        >
          Play sound
        </Button>
      ) : null}
    </li>
  )
}
