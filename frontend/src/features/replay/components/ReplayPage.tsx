import { Button } from "@/components/ui/Button"
import { ApiError } from "@/lib/http"
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react"
import { Link, useParams } from "react-router"
import type * as Y from "yjs"
import {
  type Marker,
  type Timeline as TimelineData,
  useAnalytics,
  useTimeline,
  useUpdates,
} from "../api"
import { ReplayDoc, advance, countAtOrBefore, decodeBase64, monotonicTimes } from "../player"
import { AnalyticsPanel } from "./AnalyticsPanel"
import { ReplayEditor } from "./ReplayEditor"
import { RunOutput } from "./RunOutput"
import { Timeline, TimelineLegend, markerLabel } from "./Timeline"
import "./replay.css"

const SPEEDS = [1, 2, 4, 8]

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const mm = String(Math.floor(s / 60)).padStart(2, "0")
  return `${mm}:${String(s % 60).padStart(2, "0")}`
}

function span(timeline: TimelineData, times: number[]): [number, number] {
  const marks = timeline.markers.map((m) => Date.parse(m.ts))
  const start = Math.min(Date.parse(timeline.started_at), ...times.slice(0, 1), ...marks)
  const ends = [...times, ...marks, start + 1000]
  if (timeline.ended_at) ends.push(Date.parse(timeline.ended_at))
  return [start, Math.max(...ends)]
}

function refusal(error: unknown): string {
  if (error instanceof ApiError && error.status === 403) {
    return "You are not allowed to replay this room: only its host and interviewers can."
  }
  if (error instanceof ApiError && error.status === 404) return "There is no such room."
  if (error instanceof ApiError && error.status === 401) return "Sign in to replay this room."
  return error instanceof Error ? error.message : "The replay could not be loaded."
}

/**
 * Renders another part of the replayed document (the whiteboard) at the current position; the
 * app passes it in, since features do not import each other.
 */
export type BoardRenderer = (doc: Y.Doc) => ReactNode

/** The page at /rooms/:roomId/replay. */
export function ReplayPage({ board }: { board?: BoardRenderer }) {
  const { roomId = "" } = useParams()
  const timeline = useTimeline(roomId)
  const updates = useUpdates(roomId, timeline.isSuccess)
  const error = timeline.error ?? updates.error
  if (error) {
    return (
      <main className="page center">
        <div className="card" role="alert" data-testid="replay-refused">
          <h1>Replay</h1>
          <p>{refusal(error)}</p>
          <Link to="/">Go to your rooms</Link>
        </div>
      </main>
    )
  }
  if (!timeline.data || !updates.data) {
    return <main className="page center muted">Loading the replay…</main>
  }
  return <Player roomId={roomId} timeline={timeline.data} updates={updates.data} board={board} />
}

function Player({
  roomId,
  timeline,
  updates,
  board,
}: {
  roomId: string
  timeline: TimelineData
  updates: { ts: string; data: string; participant_id?: string | null }[]
  board: BoardRenderer | undefined
}) {
  const times = useMemo(() => monotonicTimes(updates.map((u) => u.ts)), [updates])
  const [start, end] = useMemo(() => span(timeline, times), [timeline, times])
  // The playhead's time; `count` is set when stepping edit by edit (several edits can share
  // one millisecond), otherwise it follows from the time.
  const [cursor, setCursor] = useState<{ t: number; count: number | null }>({ t: end, count: null })
  const setPosition = (t: number) => setCursor({ t, count: null })
  const position = cursor.t
  const [playing, setPlaying] = useState(false)
  const [speed, setSpeed] = useState(1)
  const [skipIdle, setSkipIdle] = useState(true)
  const [idleGapS, setIdleGapS] = useState(5)
  const [selected, setSelected] = useState<Marker | null>(null)
  const [activeFile, setActiveFile] = useState<string | null>(null)
  const [showBoard, setShowBoard] = useState(false)
  const [files, setFiles] = useState<Record<string, string>>({})
  const replay = useRef<ReplayDoc | null>(null)
  const analytics = useAnalytics(roomId, idleGapS)
  const count = cursor.count ?? countAtOrBefore(times, position)

  useEffect(() => {
    const doc = new ReplayDoc(updates.map((u) => decodeBase64(u.data)))
    replay.current = doc
    return () => {
      doc.destroy()
      replay.current = null
    }
  }, [updates])

  useEffect(() => {
    const doc = replay.current
    if (!doc) return
    doc.seek(count)
    setFiles(doc.files())
  }, [count])

  // Playback at real timing × speed, one step per animation frame.
  useEffect(() => {
    if (!playing) return
    let frame = 0
    let last = performance.now()
    const tick = (now: number) => {
      const elapsed = now - last
      last = now
      setCursor((c) => {
        const next = advance(times, c.t, elapsed, speed, skipIdle ? idleGapS * 1000 : null)
        if (next >= end) setPlaying(false)
        return { t: Math.min(next, end), count: null }
      })
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [playing, speed, skipIdle, idleGapS, times, end])

  // Arrow keys step one edit back or forward, wherever the focus is on this page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return
      if (e.target instanceof HTMLInputElement && e.target.type !== "range") return
      e.preventDefault()
      setPlaying(false)
      setCursor((c) => {
        const n = c.count ?? countAtOrBefore(times, c.t)
        const m = Math.max(0, Math.min(times.length, n + (e.key === "ArrowRight" ? 1 : -1)))
        return { t: m === 0 ? start : (times[m - 1] ?? start), count: m }
      })
    }
    window.addEventListener("keydown", onKey)
    return () => window.removeEventListener("keydown", onKey)
  }, [times, start])

  const paths = Object.keys(files).sort()
  const path = activeFile !== null && activeFile in files ? activeFile : (paths[0] ?? null)
  const seekTo = (marker: Marker) => {
    setPlaying(false)
    setSelected(marker)
    setPosition(Date.parse(marker.ts))
  }
  const runs = timeline.markers.filter((m) => m.kind === "run")
  const shownRun =
    selected?.kind === "run"
      ? selected
      : (runs.filter((m) => Date.parse(m.ts) <= position).at(-1) ?? null)
  const dark = document.documentElement.dataset.theme === "dark"
  const edits = useMemo(
    () =>
      updates.map((u, i) => ({ t: times[i] ?? start, participantId: u.participant_id ?? null })),
    [updates, times, start],
  )

  return (
    <main className="replay-page">
      <header className="replay-header row">
        <Link to="/" className="brand">
          coderoom
        </Link>
        <h1>Replay: {timeline.title}</h1>
        <Link to={`/rooms/${roomId}/report`}>Report</Link>
        <Link to={`/rooms/${roomId}`}>Back to the room</Link>
      </header>
      <section className="replay-controls row" aria-label="Playback">
        <Button
          variant="primary"
          onClick={() => {
            if (position >= end) setPosition(start)
            setPlaying((p) => !p)
          }}
        >
          {playing ? "Pause" : "Play"}
        </Button>
        <fieldset className="row speeds" aria-label="Speed">
          {SPEEDS.map((s) => (
            <Button key={s} variant="ghost" aria-pressed={speed === s} onClick={() => setSpeed(s)}>
              {s}×
            </Button>
          ))}
        </fieldset>
        <label className="row">
          <input
            type="checkbox"
            checked={skipIdle}
            onChange={(e) => setSkipIdle(e.target.checked)}
          />
          Skip idle over
          <input
            type="number"
            min={1}
            max={3600}
            value={idleGapS}
            aria-label="Idle gap in seconds"
            onChange={(e) => setIdleGapS(Math.min(3600, Math.max(1, Number(e.target.value) || 5)))}
          />
          s
        </label>
        <span className="replay-clock" data-testid="replay-time">
          {clock(position - start)} / {clock(end - start)} · edit {count} of {times.length}
        </span>
      </section>
      <input
        className="replay-slider"
        type="range"
        min={start}
        max={end}
        step={1}
        value={position}
        aria-label="Replay position"
        onChange={(e) => {
          setPlaying(false)
          setPosition(Number(e.target.value))
        }}
      />
      <Timeline
        lanes={timeline.participants}
        edits={edits}
        markers={timeline.markers}
        start={start}
        end={end}
        position={position}
        onSeek={(t) => {
          setPlaying(false)
          setPosition(t)
        }}
        onMarker={seekTo}
      />
      <TimelineLegend />
      <div className="replay-body">
        <section className="replay-code" aria-label="Code">
          <nav className="row replay-files" aria-label="Files">
            {paths.map((p) => (
              <Button
                key={p}
                variant="ghost"
                aria-pressed={!showBoard && p === path}
                onClick={() => {
                  setActiveFile(p)
                  setShowBoard(false)
                }}
              >
                {p}
              </Button>
            ))}
            {board ? (
              <Button variant="ghost" aria-pressed={showBoard} onClick={() => setShowBoard(true)}>
                Whiteboard
              </Button>
            ) : null}
          </nav>
          {/* The editor stays mounted under the board, as in the room. */}
          <div className="replay-view" hidden={showBoard}>
            <ReplayEditor
              path={path ?? "empty.txt"}
              text={path ? (files[path] ?? "") : ""}
              dark={dark}
            />
          </div>
          {board && showBoard && replay.current ? board(replay.current.doc) : null}
        </section>
        <aside className="replay-side">
          <RunOutput run={shownRun} />
          <section aria-label="Events">
            <h2>Events</h2>
            <ol className="replay-events">
              {timeline.markers.map((marker, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: markers never reorder
                <li key={i}>
                  <button
                    type="button"
                    className={`linklike marker-${marker.kind}`}
                    data-testid="replay-event"
                    data-kind={marker.kind}
                    onClick={() => seekTo(marker)}
                  >
                    {clock(Date.parse(marker.ts) - start)}{" "}
                    {markerLabel(marker, timeline.participants)}
                  </button>
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
      {analytics.data ? (
        <AnalyticsPanel stats={analytics.data.participants} lanes={timeline.participants} />
      ) : null}
    </main>
  )
}
