import type { RoomEvents, WireParticipant } from "@/lib/room-protocol"
import { useEffect, useMemo, useReducer } from "react"
import {
  type ParticipantView,
  emptyParticipants,
  participantList,
  participantsReducer,
} from "../participants"

export interface ParticipantsApi {
  list: ParticipantView[]
  waiting: ParticipantView[]
  isOnline: (participantId: string) => boolean
}

/** The room's participants with presence: REST snapshot first, then the events socket. */
export function useParticipants(
  initial: WireParticipant[] | null | undefined,
  events: RoomEvents,
): ParticipantsApi {
  const [state, dispatch] = useReducer(participantsReducer, emptyParticipants)
  useEffect(() => {
    if (initial) dispatch({ type: "load", participants: initial })
  }, [initial])
  const { subscribe, status } = events
  useEffect(() => {
    if (status !== "open") dispatch({ type: "disconnected" })
  }, [status])
  useEffect(
    () => subscribe("*", (message) => dispatch({ type: "message", message }), { replay: true }),
    [subscribe],
  )
  return useMemo(() => {
    const list = participantList(state)
    return {
      list,
      waiting: list.filter((p) => p.status === "waiting"),
      isOnline: (id: string) => (state.online[id]?.length ?? 0) > 0,
    }
  }, [state])
}
