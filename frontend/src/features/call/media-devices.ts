// The browser side of media.ts: ask for the devices, falling back to fewer of them.
import { type Wanted, attempts, mediaAvailable, mediaProblem } from "./media"

export interface Acquired {
  audio: MediaStreamTrack | null
  video: MediaStreamTrack | null
  /** What could not be had, for people; null when everything asked for was had. */
  problem: string | null
}

const VIDEO: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 360 } }

export async function acquire(wanted: Wanted): Promise<Acquired> {
  if (!wanted.audio && !wanted.video) return { audio: null, video: null, problem: null }
  if (!mediaAvailable()) {
    return {
      audio: null,
      video: null,
      problem:
        "This page cannot use a camera or microphone (it needs HTTPS). You can watch and listen.",
    }
  }
  let first: unknown = null
  for (const attempt of attempts(wanted)) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: attempt.audio,
        video: attempt.video ? VIDEO : false,
      })
      const audio = stream.getAudioTracks()[0] ?? null
      const video = stream.getVideoTracks()[0] ?? null
      const missing = { audio: wanted.audio && !audio, video: wanted.video && !video }
      const problem = missing.audio || missing.video ? mediaProblem(first, missing) : null
      return { audio, video, problem }
    } catch (error) {
      first ??= error
      // A refusal covers every device: asking again for less only repeats it.
      if (error instanceof DOMException && error.name === "NotAllowedError") break
    }
  }
  return { audio: null, video: null, problem: mediaProblem(first, wanted) }
}
