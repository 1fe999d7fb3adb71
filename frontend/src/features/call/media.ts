// Getting the camera and microphone, and saying clearly what went wrong when we cannot.

export interface Wanted {
  audio: boolean
  video: boolean
}

/** What to ask for, best first: both, then each alone (a missing camera must not cost the mic). */
export function attempts(wanted: Wanted): Wanted[] {
  const all: Wanted[] = [wanted]
  if (wanted.audio && wanted.video)
    all.push({ audio: true, video: false }, { audio: false, video: true })
  return all
}

/** A message for people, from a getUserMedia error (null: nothing worth saying). */
export function mediaProblem(error: unknown, wanted: Wanted): string {
  const what =
    wanted.audio && wanted.video ? "camera and microphone" : wanted.video ? "camera" : "microphone"
  const name = error instanceof DOMException || error instanceof Error ? error.name : ""
  switch (name) {
    case "NotAllowedError":
    case "SecurityError":
      return `Access to the ${what} is blocked. Allow it in the browser's site settings; until then you can watch and listen.`
    case "NotFoundError":
    case "OverconstrainedError":
      return `No ${what} found. You can still watch and listen.`
    case "NotReadableError":
    case "AbortError":
      return `The ${what} is in use by another application or could not be started.`
    default:
      return `Could not use the ${what}${name ? ` (${name})` : ""}.`
  }
}

/** Whether getUserMedia exists at all (it does not on plain http other than localhost). */
export function mediaAvailable(): boolean {
  return typeof navigator !== "undefined" && !!navigator.mediaDevices?.getUserMedia
}
