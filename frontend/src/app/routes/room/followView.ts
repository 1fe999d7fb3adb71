// Which main view (Code, Whiteboard) each participant has open, through awareness field `view`,
// so that following someone also follows them from the code to the board and back. The editor's
// own follow (file, scroll) is features/editor/hooks/useFollow.ts.
import { useEffect } from "react"
import type { Awareness } from "y-protocols/awareness"

export const VIEW_FIELD = "view"

/** The view the participant `followed` has open, if it is one of `views`. */
export function followedView(
  states: Map<number, Record<string, unknown>>,
  followed: string,
  views: string[],
): string | null {
  for (const state of states.values()) {
    const user = state.user as { participantId?: unknown } | undefined
    const view = state[VIEW_FIELD]
    if (user?.participantId === followed && typeof view === "string" && views.includes(view)) {
      return view
    }
  }
  return null
}

/** Publishes our open view, and while following someone switches to theirs. */
export function useFollowView(
  awareness: Awareness | null,
  view: string,
  views: string[],
  followed: string | null,
  onView: (view: string) => void,
): void {
  useEffect(() => {
    awareness?.setLocalStateField(VIEW_FIELD, view)
  }, [awareness, view])
  const known = views.join(" ")
  useEffect(() => {
    if (!awareness || !followed) return
    const apply = () => {
      const states = awareness.getStates() as Map<number, Record<string, unknown>>
      const theirs = followedView(states, followed, known.split(" "))
      if (theirs) onView(theirs)
    }
    apply()
    awareness.on("change", apply)
    return () => awareness.off("change", apply)
  }, [awareness, followed, known, onView])
}
