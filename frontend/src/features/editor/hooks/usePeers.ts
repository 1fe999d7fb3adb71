import { useEffect, useState } from "react"
import { type AwarenessUser, type RemotePeer, remotePeers } from "../awareness"
import type { RoomDoc } from "./useRoomDoc"

/** Publishes who we are into awareness and returns everyone else in the document, live. */
export function usePeers(room: RoomDoc | null, user: AwarenessUser): RemotePeer[] {
  const [peers, setPeers] = useState<RemotePeer[]>([])
  const { name, color, participantId } = user
  useEffect(() => {
    if (!room) return
    room.awareness.setLocalStateField("user", { name, color, participantId })
  }, [room, name, color, participantId])
  useEffect(() => {
    if (!room) return
    const { awareness, doc } = room
    const update = () => {
      const all = remotePeers(
        awareness.getStates() as Map<number, Record<string, unknown>>,
        doc.clientID,
      )
      // One entry per participant (several tabs show once), and never ourselves in another tab.
      const seen = new Set<string>([participantId])
      setPeers(all.filter((p) => !seen.has(p.user.participantId) && seen.add(p.user.participantId)))
    }
    update()
    awareness.on("change", update)
    return () => awareness.off("change", update)
  }, [room, participantId])
  return peers
}
