import type { monaco } from "@/lib/monaco"
// Follow mode: keep our open file and viewport on a participant's, from their awareness state.
// Any keypress, wheel or click of our own ends it (the caller shows "Stopped following").
import { useEffect } from "react"
import { remotePeers } from "../awareness"
import type { RoomDoc } from "./useRoomDoc"

type Editor = monaco.editor.IStandaloneCodeEditor

export function useFollow(
  editor: Editor | null,
  room: RoomDoc | null,
  path: string | null,
  followed: string | null, // participant id
  onOpenFile: (path: string) => void,
  onStop: () => void,
) {
  useEffect(() => {
    if (!editor || !room || !followed) return
    const { awareness, doc } = room
    let lastTop = -1
    const apply = () => {
      const states = awareness.getStates() as Map<number, Record<string, unknown>>
      const peer = remotePeers(states, doc.clientID).find((p) => p.user.participantId === followed)
      if (!peer) return
      if (peer.file && peer.file !== path && room.files.has(peer.file)) {
        onOpenFile(peer.file)
        return // the effect re-runs for the new file and scrolls there
      }
      const top = peer.viewport?.top
      if (typeof top === "number" && Number.isFinite(top) && top !== lastTop) {
        lastTop = top
        editor.setScrollTop(editor.getTopForLineNumber(Math.max(1, Math.trunc(top))))
      }
    }
    apply()
    awareness.on("change", apply)
    const node = editor.getContainerDomNode()
    const stop = () => onStop()
    const keySub = editor.onKeyDown(stop)
    node?.addEventListener("wheel", stop, { passive: true })
    node?.addEventListener("mousedown", stop)
    return () => {
      awareness.off("change", apply)
      keySub.dispose()
      node?.removeEventListener("wheel", stop)
      node?.removeEventListener("mousedown", stop)
    }
  }, [editor, room, path, followed, onOpenFile, onStop])
}
