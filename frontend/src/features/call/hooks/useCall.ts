// The room's call in this tab: the roster from the events socket, our camera and microphone, and
// one PeerLink per other person in the call (a mesh; fine for the few people of a room).
import type { RoomEvents, ServerMessage } from "@/lib/room-protocol"
import { useCallback, useEffect, useRef, useState } from "react"
import { acquire } from "../media-devices"
import { decide, linkRole, newSession, reconcile } from "../negotiation"
import { type LinkView, type LocalTracks, type MediaKind, PeerLink } from "../peer"
import {
  type CallMember,
  type Roster,
  emptyRoster,
  headcount,
  inCall,
  others,
  rosterReducer,
} from "../roster"

const ROSTER_TYPES = new Set(["welcome", "presence.state", "presence.left", "call.state"])

export type Intent = "out" | "joining" | "in"
export type JoinMode = "video" | "audio" | "listen"

export interface CallPeer extends CallMember {
  link: LinkView | null
}

export interface CallApi {
  intent: Intent
  /** People in the call (us included) while we are out of it. */
  count: number
  peers: CallPeer[]
  tracks: LocalTracks
  micOn: boolean
  canSend: boolean
  /** Something people should know (devices refused or missing, our seat taken by another tab). */
  notice: string | null
  join: (mode: JoinMode) => void
  leave: () => void
  toggleMic: () => void
  toggleCamera: () => void
  retry: (participantId: string) => void
  dismissNotice: () => void
}

const str = (value: unknown) => (typeof value === "string" ? value : undefined)
const noTracks: LocalTracks = { audio: null, video: null }

export function useCall(events: RoomEvents, me: { id: string; role: string }): CallApi {
  const { subscribe, send } = events
  const canSend = me.role !== "observer"
  // The roster is also kept in a ref updated as messages arrive, so that a signal handled right
  // after a call.state (before React renders) already sees it.
  const rosterRef = useRef<Roster>(emptyRoster)
  const [roster, setRoster] = useState<Roster>(emptyRoster)
  const intentRef = useRef<Intent>("out")
  const [intent, setIntentState] = useState<Intent>("out")
  const tracksRef = useRef<LocalTracks>(noTracks)
  const [tracks, setTracksState] = useState<LocalTracks>(noTracks)
  const [micOn, setMicOn] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const links = useRef(new Map<string, { link: PeerLink; connectionId: string }>())
  const [views, setViews] = useState<Record<string, LinkView>>({})

  const setIntent = useCallback((next: Intent) => {
    intentRef.current = next
    setIntentState(next)
  }, [])

  const media = useCallback(() => {
    const { audio, video } = tracksRef.current
    return { audio: !!audio && audio.enabled, video: !!video }
  }, [])

  const closeLink = useCallback((peerId: string) => {
    const entry = links.current.get(peerId)
    if (!entry) return
    entry.link.close()
    links.current.delete(peerId)
    setViews(({ [peerId]: _gone, ...rest }) => rest)
  }, [])

  const openLink = useCallback(
    (peer: CallMember, offered: string | null): PeerLink => {
      closeLink(peer.participantId)
      const role = linkRole(me.id, peer.participantId)
      let link: PeerLink | null = null
      link = new PeerLink({
        peerId: peer.participantId,
        role,
        session: role === "offerer" ? newSession() : offered,
        config: rosterRef.current.rtc,
        canSend,
        tracks: tracksRef.current,
        signal: (kind, session, payload) =>
          send({ type: "rtc.signal", to: peer.participantId, kind, session, payload }),
        onChange: (view) => {
          // null: still in the constructor (it failed at once); otherwise only the live link.
          if (link === null || links.current.get(peer.participantId)?.link === link) {
            setViews((all) => ({ ...all, [peer.participantId]: view }))
          }
        },
      })
      links.current.set(peer.participantId, { link, connectionId: peer.connectionId })
      setViews((all) => ({ ...all, [peer.participantId]: link.view() }))
      return link
    },
    [me.id, canSend, send, closeLink],
  )

  const stopMedia = useCallback(() => {
    for (const track of Object.values(tracksRef.current)) track?.stop()
    tracksRef.current = noTracks
    setTracksState(noTracks)
    setMicOn(false)
  }, [])

  const hangUpLocally = useCallback(() => {
    for (const peerId of [...links.current.keys()]) closeLink(peerId)
    stopMedia()
    setIntent("out")
  }, [closeLink, stopMedia, setIntent])

  // The roster, and re-joining after the events socket reconnected (a new connection).
  useEffect(
    () =>
      subscribe(
        "*",
        (message: ServerMessage) => {
          if (!ROSTER_TYPES.has(message.type)) return
          const before = rosterRef.current
          const next = rosterReducer(before, message)
          rosterRef.current = next
          setRoster(next)
          if (message.type === "welcome" && next.me !== before.me && intentRef.current === "in") {
            send({ type: "call.join", ...media() })
          }
        },
        { replay: true },
      ),
    [subscribe, send, media],
  )

  // Another tab of ours joined the call: this one steps out.
  useEffect(() => {
    if (roster.replaced && intentRef.current !== "out") {
      hangUpLocally()
      setNotice("You joined the call from another tab, so this one left it.")
    }
  }, [roster.replaced, hangUpLocally])

  // One link per other person in the call while we are in it (rebuilt if they reconnected).
  const joined = intent === "in" && inCall(roster)
  const members = others(roster, me.id)
  const wanted = joined ? members.map((m) => `${m.participantId} ${m.connectionId}`) : []
  const wantedKey = wanted.join("|")
  useEffect(() => {
    const existing = [...links.current].map(([id, e]) => `${id} ${e.connectionId}`)
    const { open, close } = reconcile(wantedKey ? wantedKey.split("|") : [], existing)
    for (const key of close) closeLink(key.split(" ")[0]!)
    for (const key of open) {
      const peer = others(rosterRef.current, me.id).find((m) =>
        key.startsWith(`${m.participantId} `),
      )
      // An answerer's link may already exist: the offer can arrive before this effect runs.
      if (peer && !links.current.has(peer.participantId)) openLink(peer, null)
    }
  }, [wantedKey, me.id, openLink, closeLink])

  // WebRTC signals from the others (ephemeral: never replayed).
  useEffect(
    () =>
      subscribe("rtc.signal", (message) => {
        if (!("data" in message) || intentRef.current !== "in") return
        const roster = rosterRef.current
        if (!inCall(roster)) return
        const d = message.data
        const from = str(d.from)
        const kind = str(d.kind)
        const peer = others(roster, me.id).find((m) => m.participantId === from)
        if (!from || !peer || !kind) return
        const payload = (d.payload ?? {}) as Record<string, unknown>
        const entry = links.current.get(from)
        const signal = { kind: kind as "offer", session: str(d.session) }
        const decision = decide(linkRole(me.id, from), entry?.link.session, signal)
        switch (decision.action) {
          case "answer": {
            let link = entry?.link
            if (link && link.session === null) link.session = signal.session ?? null
            else if (!link || decision.fresh) link = openLink(peer, signal.session ?? null)
            link.answer(payload as unknown as RTCSessionDescriptionInit)
            break
          }
          case "accept-answer":
            entry?.link.accept(payload as unknown as RTCSessionDescriptionInit)
            break
          case "add-candidate":
            entry?.link.candidates(payload)
            break
          case "restart":
            openLink(peer, null)
            break
          case "ignore":
            break
        }
      }),
    [subscribe, me.id, openLink],
  )

  const announce = useCallback(() => {
    if (intentRef.current === "in") send({ type: "call.media", ...media() })
  }, [send, media])

  const setTrack = useCallback(
    (kind: MediaKind, track: MediaStreamTrack | null) => {
      tracksRef.current = { ...tracksRef.current, [kind]: track }
      setTracksState(tracksRef.current)
      if (kind === "audio") setMicOn(!!track && track.enabled)
      for (const { link } of links.current.values()) link.setTrack(kind, track)
      if (!track) return
      // The device went away (unplugged, taken by the system): show it as off, here and there.
      track.onended = () => {
        if (tracksRef.current[kind] !== track) return
        tracksRef.current = { ...tracksRef.current, [kind]: null }
        setTracksState(tracksRef.current)
        if (kind === "audio") setMicOn(false)
        for (const { link } of links.current.values()) link.setTrack(kind, null)
        announce()
      }
    },
    [announce],
  )

  const join = useCallback(
    async (mode: JoinMode) => {
      if (intentRef.current !== "out") return
      setIntent("joining")
      setNotice(null)
      const wanted = canSend
        ? { audio: mode !== "listen", video: mode === "video" }
        : { audio: false, video: false }
      const got = await acquire(wanted)
      if ((intentRef.current as Intent) !== "joining") {
        for (const track of [got.audio, got.video]) track?.stop()
        return // left (or unmounted) while the browser was asking
      }
      setTrack("audio", got.audio)
      setTrack("video", got.video)
      if (got.problem) setNotice(got.problem)
      setIntent("in")
      if (!send({ type: "call.join", ...media() })) {
        // Not connected right now: the welcome of the next connection sends the join.
        setNotice("Reconnecting to the room; you will join the call as soon as it is back.")
      }
    },
    [canSend, send, media, setTrack, setIntent],
  )

  const leave = useCallback(() => {
    if (intentRef.current === "out") return
    send({ type: "call.leave" })
    hangUpLocally()
  }, [send, hangUpLocally])

  // A role change decides whether we may send (observers may not): start over in the new role.
  const couldSend = useRef(canSend)
  useEffect(() => {
    if (couldSend.current === canSend) return
    couldSend.current = canSend
    if (intentRef.current === "out") return
    leave()
    setNotice(
      canSend
        ? "You can now use your camera and microphone: join the call again."
        : "You are an observer now: join the call again to watch and listen.",
    )
  }, [canSend, leave])

  const toggleMic = useCallback(async () => {
    const track = tracksRef.current.audio
    if (track) {
      track.enabled = !track.enabled
      setMicOn(track.enabled)
      announce()
      return
    }
    const got = await acquire({ audio: true, video: false })
    if (got.audio && intentRef.current === "in") {
      setTrack("audio", got.audio)
      announce()
    } else got.audio?.stop()
    setNotice(got.problem)
  }, [announce, setTrack])

  const toggleCamera = useCallback(async () => {
    const track = tracksRef.current.video
    if (track) {
      track.stop() // off means off: the camera light goes out too
      setTrack("video", null)
      announce()
      return
    }
    const got = await acquire({ audio: false, video: true })
    if (got.video && intentRef.current === "in") {
      setTrack("video", got.video)
      announce()
    } else got.video?.stop()
    setNotice(got.problem)
  }, [announce, setTrack])

  const retry = useCallback(
    (participantId: string) => {
      const peer = others(rosterRef.current, me.id).find((m) => m.participantId === participantId)
      if (!peer) return
      const session = links.current.get(participantId)?.link.session ?? undefined
      // The hangup makes the other end drop its side too; the offerer then offers anew.
      send({ type: "rtc.signal", to: participantId, kind: "hangup", session })
      openLink(peer, null)
    },
    [me.id, send, openLink],
  )

  // Leaving the room page leaves the call (closing the tab: the socket's presence.left does).
  useEffect(
    () => () => {
      if (intentRef.current !== "out") send({ type: "call.leave" })
      intentRef.current = "out"
      for (const { link } of links.current.values()) link.close()
      links.current.clear()
      for (const track of Object.values(tracksRef.current)) track?.stop()
    },
    [send],
  )

  return {
    intent,
    count: headcount(roster),
    peers: members.map((m) => ({ ...m, link: joined ? (views[m.participantId] ?? null) : null })),
    tracks,
    micOn,
    canSend,
    notice,
    join: (mode) => void join(mode),
    leave,
    toggleMic: () => void toggleMic(),
    toggleCamera: () => void toggleCamera(),
    retry,
    dismissNotice: () => setNotice(null),
  }
}
