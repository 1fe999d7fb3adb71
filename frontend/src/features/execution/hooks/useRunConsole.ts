import type { EventMessage, RoomEvents } from "@/lib/room-protocol"
import { useEffect, useReducer } from "react"
import { fetchLatestRun } from "../api"
import { type ConsoleAction, type ConsoleState, consoleReducer, emptyConsole } from "../console"

/** The room's shared console: the latest run on load, then every run as the room sees it. */
export function useRunConsole(
  roomId: string,
  events: RoomEvents,
): [ConsoleState, (action: ConsoleAction) => void] {
  const [state, dispatch] = useReducer(consoleReducer, emptyConsole)
  useEffect(() => {
    let live = true
    dispatch({ type: "reset" })
    fetchLatestRun(roomId)
      .then((run) => {
        if (live && run) dispatch({ type: "finished", run })
      })
      .catch(() => {
        // No latest run to show is not worth an error: the console just starts empty.
      })
    return () => {
      live = false
    }
  }, [roomId])
  const { subscribe } = events
  useEffect(() => {
    const onRun = (message: unknown) =>
      dispatch({ type: "event", message: message as EventMessage })
    // A run in flight when this panel mounted is shown as running (replayed run.started).
    const unsubs = [
      subscribe("run.started", onRun, { replay: true }),
      subscribe("run.finished", onRun, { replay: true }),
    ]
    return () => {
      for (const unsub of unsubs) unsub()
    }
  }, [subscribe])
  return [state, dispatch]
}
