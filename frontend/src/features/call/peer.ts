// One RTCPeerConnection with one other person in the call. The pair's offerer (see
// negotiation.ts) creates one audio and one video transceiver and offers; the answerer reuses the
// transceivers the offer created. Tracks are swapped with replaceTrack, so turning the camera or
// microphone on and off never renegotiates. A pair not connected within CONNECT_TIMEOUT_MS, or
// whose ICE fails, is "failed" (the UI says "Could not connect to <name>" and offers a retry).
import type { RtcConfig } from "@/lib/room-protocol"
import { CONNECT_TIMEOUT_MS, type LinkRole, type Phase, phaseOf } from "./negotiation"

const CANDIDATE_BATCH_MS = 50
const MAX_CANDIDATES = 32 // the server's limit per message

export type MediaKind = "audio" | "video"
export type LocalTracks = Record<MediaKind, MediaStreamTrack | null>

export interface LinkView {
  phase: Phase
  stream: MediaStream
  /** Why it failed (for the tooltip and logs); null unless phase is "failed". */
  failure: string | null
}

export interface LinkOptions {
  peerId: string
  role: LinkRole
  /** The offerer's session id; null for an answerer still waiting for an offer. */
  session: string | null
  config: RtcConfig | null
  /** false: receive only (observers; the server refuses their sending SDP). */
  canSend: boolean
  tracks: LocalTracks
  signal: (
    kind: "offer" | "answer" | "ice",
    session: string,
    payload: Record<string, unknown>,
  ) => void
  onChange: (view: LinkView) => void
}

export class PeerLink {
  readonly peerId: string
  readonly role: LinkRole
  session: string | null
  private readonly pc: RTCPeerConnection | null
  private readonly stream = new MediaStream()
  private readonly opts: LinkOptions
  private phase: Phase = "connecting"
  private failure: string | null = null
  private wasConnected = false
  private closed = false
  private timer = 0
  // Candidates come in bursts: each burst goes as one message (the socket is rate limited).
  private outgoing: RTCIceCandidateInit[] = []
  private flushTimer = 0
  // Signals are applied one after the other: an ICE candidate must not overtake its offer.
  private chain: Promise<void> = Promise.resolve()

  constructor(opts: LinkOptions) {
    this.opts = opts
    this.peerId = opts.peerId
    this.role = opts.role
    this.session = opts.session
    let pc: RTCPeerConnection | null = null
    try {
      pc = new RTCPeerConnection({
        iceServers: (opts.config?.ice_servers ?? []).map((s) => ({ ...s })),
        iceTransportPolicy: opts.config?.ice_transport_policy ?? "all",
      })
    } catch (error) {
      this.fail(`the ICE configuration was refused: ${String(error)}`)
    }
    this.pc = pc
    if (!pc) return
    pc.ontrack = (event) => {
      if (!this.stream.getTracks().includes(event.track)) this.stream.addTrack(event.track)
      this.emit()
    }
    pc.onicecandidate = (event) => {
      if (event.candidate) this.queueCandidate(event.candidate.toJSON())
    }
    pc.oniceconnectionstatechange = () => this.update()
    pc.onconnectionstatechange = () => this.update()
    this.arm()
    if (opts.role === "offerer") this.offer(pc)
  }

  view(): LinkView {
    return { phase: this.phase, stream: this.stream, failure: this.failure }
  }

  /** Answerer: apply the offer (of `this.session`) and answer it. */
  answer(description: RTCSessionDescriptionInit): void {
    this.run(async (pc) => {
      await pc.setRemoteDescription(description)
      for (const transceiver of pc.getTransceivers()) {
        const kind = transceiver.receiver.track.kind as MediaKind
        transceiver.direction = this.opts.canSend ? "sendrecv" : "recvonly"
        if (this.opts.canSend) await transceiver.sender.replaceTrack(this.opts.tracks[kind])
      }
      await pc.setLocalDescription()
      this.send("answer", pc.localDescription)
    })
  }

  /** Offerer: apply the answer. */
  accept(description: RTCSessionDescriptionInit): void {
    this.run((pc) => pc.setRemoteDescription(description))
  }

  /** Remote candidates: one `RTCIceCandidateInit`, or `{candidates: [...]}`. */
  candidates(payload: Record<string, unknown>): void {
    const list = Array.isArray(payload.candidates)
      ? (payload.candidates as RTCIceCandidateInit[])
      : [payload as RTCIceCandidateInit]
    // A candidate the browser cannot use (e.g. an mDNS name it cannot resolve) is not fatal.
    this.run(async (pc) => {
      for (const candidate of list) await pc.addIceCandidate(candidate).catch(() => undefined)
    })
  }

  /** Send `track` (or nothing) as our `kind` from now on. */
  setTrack(kind: MediaKind, track: MediaStreamTrack | null): void {
    this.opts.tracks = { ...this.opts.tracks, [kind]: track }
    if (!this.opts.canSend) return
    this.run(async (pc) => {
      for (const transceiver of pc.getTransceivers()) {
        if (transceiver.receiver.track.kind === kind && transceiver.direction !== "stopped") {
          await transceiver.sender.replaceTrack(track)
        }
      }
    })
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    window.clearTimeout(this.timer)
    window.clearTimeout(this.flushTimer)
    this.pc?.close()
    for (const track of this.stream.getTracks()) track.stop()
  }

  private offer(pc: RTCPeerConnection): void {
    const direction = this.opts.canSend ? "sendrecv" : "recvonly"
    for (const kind of ["audio", "video"] as const) {
      const track = this.opts.canSend ? this.opts.tracks[kind] : null
      pc.addTransceiver(track ?? kind, { direction })
    }
    this.run(async () => {
      await pc.setLocalDescription()
      this.send("offer", pc.localDescription)
    })
  }

  private queueCandidate(candidate: RTCIceCandidateInit): void {
    this.outgoing.push(candidate)
    if (this.outgoing.length === 1) {
      this.flushTimer = window.setTimeout(() => this.flushCandidates(), CANDIDATE_BATCH_MS)
    }
  }

  private flushCandidates(): void {
    const batch = this.outgoing.splice(0)
    if (!this.session || this.closed) return
    for (let i = 0; i < batch.length; i += MAX_CANDIDATES) {
      const candidates = batch.slice(i, i + MAX_CANDIDATES)
      this.opts.signal("ice", this.session, { candidates })
    }
  }

  private send(kind: "offer" | "answer", description: RTCSessionDescription | null): void {
    if (!description || !this.session || this.closed) return
    this.opts.signal(kind, this.session, { type: description.type, sdp: description.sdp })
  }

  private run(step: (pc: RTCPeerConnection) => Promise<unknown>): void {
    const pc = this.pc
    if (!pc) return
    this.chain = this.chain
      .then(async () => {
        if (!this.closed) await step(pc)
      })
      .catch((error: unknown) => this.fail(`signalling failed: ${String(error)}`))
  }

  /** Start (or restart) the deadline for being connected. */
  private arm(): void {
    window.clearTimeout(this.timer)
    this.timer = window.setTimeout(() => {
      if (this.phase !== "connected")
        this.fail(`not connected within ${CONNECT_TIMEOUT_MS / 1000} s`)
    }, CONNECT_TIMEOUT_MS)
  }

  private update(): void {
    const pc = this.pc
    if (!pc || this.closed || this.phase === "failed") return
    const next = phaseOf(pc.iceConnectionState, pc.connectionState, this.wasConnected)
    if (next === this.phase) return
    if (next === "failed") {
      this.fail(`ICE ${pc.iceConnectionState}, connection ${pc.connectionState}`)
      return
    }
    if (next === "connected") {
      this.wasConnected = true
      window.clearTimeout(this.timer)
    } else if (next === "reconnecting") {
      this.arm() // the browser's own ICE recovery gets the same deadline
    }
    this.phase = next
    this.emit()
  }

  private fail(why: string): void {
    if (this.closed || this.phase === "failed") return
    window.clearTimeout(this.timer)
    this.phase = "failed"
    this.failure = why
    this.emit()
  }

  private emit(): void {
    if (!this.closed) this.opts.onChange(this.view())
  }
}
