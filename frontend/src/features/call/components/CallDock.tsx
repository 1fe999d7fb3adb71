import { Button } from "@/components/ui/Button"
import type { RoomEvents } from "@/lib/room-protocol"
import { useMemo, useState } from "react"
import { useCall } from "../hooks/useCall"
import { VideoTile } from "./VideoTile"
import { CameraIcon, ChevronIcon, LeaveIcon, MicIcon } from "./icons"
import "./call.css"

export interface CallDockProps {
  events: RoomEvents
  me: { id: string; role: string; display_name: string; color: string }
}

/** The room's call: join/leave, microphone and camera, a tile per person. */
export function CallDock({ events, me }: CallDockProps) {
  const call = useCall(events, me)
  const [hidden, setHidden] = useState(false)
  const { video } = call.tracks
  const preview = useMemo(() => (video ? new MediaStream([video]) : null), [video])

  return (
    <section className="call-dock" aria-label="Call" data-intent={call.intent}>
      {call.intent === "out" ? (
        <div className="call-join">
          <span className="call-count" aria-live="polite">
            {call.count === 0 ? "No one is in the call" : `${call.count} in the call`}
          </span>
          {call.canSend ? (
            <>
              <Button variant="primary" onClick={() => call.join("video")}>
                Join call
              </Button>
              <div className="row call-join-more">
                <Button variant="ghost" onClick={() => call.join("audio")}>
                  Audio only
                </Button>
                <Button variant="ghost" onClick={() => call.join("listen")}>
                  Listen only
                </Button>
              </div>
            </>
          ) : (
            <Button variant="primary" onClick={() => call.join("listen")}>
              Join call to watch
            </Button>
          )}
        </div>
      ) : (
        <div className="call-controls" role="toolbar" aria-label="Call controls">
          {call.canSend ? (
            <>
              <Button
                variant={call.micOn ? "secondary" : "danger"}
                aria-label={call.micOn ? "Mute microphone" : "Unmute microphone"}
                title={call.micOn ? "Mute microphone" : "Unmute microphone"}
                disabled={call.intent !== "in"}
                onClick={call.toggleMic}
              >
                <MicIcon off={!call.micOn} />
              </Button>
              <Button
                variant={video ? "secondary" : "danger"}
                aria-label={video ? "Turn camera off" : "Turn camera on"}
                title={video ? "Turn camera off" : "Turn camera on"}
                disabled={call.intent !== "in"}
                onClick={call.toggleCamera}
              >
                <CameraIcon off={!video} />
              </Button>
            </>
          ) : (
            <span className="muted small">Watching</span>
          )}
          <Button variant="danger" onClick={call.leave} aria-label="Leave call" title="Leave call">
            <LeaveIcon />
            Leave
          </Button>
          <Button
            variant="ghost"
            className="call-fold"
            aria-expanded={!hidden}
            aria-label={hidden ? "Show videos" : "Hide videos"}
            title={hidden ? "Show videos" : "Hide videos"}
            onClick={() => setHidden((h) => !h)}
          >
            <ChevronIcon up={hidden} />
          </Button>
        </div>
      )}
      {call.notice ? (
        <output className="call-notice">
          {call.notice}
          <button
            type="button"
            className="call-dismiss"
            aria-label="Dismiss"
            onClick={call.dismissNotice}
          >
            ×
          </button>
        </output>
      ) : null}
      {call.intent === "joining" ? (
        <output className="call-joining">
          <span className="call-spinner" aria-hidden="true" /> Starting camera and microphone…
        </output>
      ) : null}
      {call.intent === "in" ? (
        // Hidden, not unmounted: the sound plays through the tiles' video elements.
        <ul className="call-tiles" aria-label="People in the call" hidden={hidden}>
          {call.canSend ? (
            <VideoTile
              participantId={me.id}
              name={me.display_name}
              color={me.color}
              stream={preview}
              mine
              audio={call.micOn}
              video={!!video}
            />
          ) : null}
          {call.peers.map((peer) => (
            <VideoTile
              key={peer.participantId}
              participantId={peer.participantId}
              name={peer.name}
              color={peer.color}
              stream={peer.link?.stream ?? null}
              audio={peer.audio}
              video={peer.video}
              phase={peer.link?.phase ?? "connecting"}
              onRetry={() => call.retry(peer.participantId)}
            />
          ))}
          {call.peers.length === 0 ? (
            <li className="call-alone muted small">You are the only one in the call.</li>
          ) : null}
        </ul>
      ) : null}
    </section>
  )
}
