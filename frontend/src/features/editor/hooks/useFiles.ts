import { useCallback, useEffect, useState } from "react"
import * as Y from "yjs"
import { invalidPathReason } from "../languages"
import type { RoomDoc } from "./useRoomDoc"

export interface FileOps {
  paths: string[]
  add: (path: string, content?: string) => string | null
  rename: (from: string, to: string) => string | null
  remove: (path: string) => void
}

/** The room's file list (sorted, live) and the operations on it; errors come back as text. */
export function useFiles(room: RoomDoc | null): FileOps {
  const [paths, setPaths] = useState<string[]>([])
  useEffect(() => {
    if (!room) return
    const update = () => setPaths([...room.files.keys()].sort())
    update()
    room.files.observe(update)
    return () => room.files.unobserve(update)
  }, [room])

  const add = useCallback(
    (path: string, content = "") => {
      if (!room) return "Not connected to a document."
      const problem = invalidPathReason(path, room.files.keys())
      if (problem) return problem
      room.files.set(path, new Y.Text(content))
      return null
    },
    [room],
  )

  const rename = useCallback(
    (from: string, to: string) => {
      if (!room) return "Not connected to a document."
      const source = room.files.get(from)
      if (!source) return "That file no longer exists."
      const problem = invalidPathReason(to, room.files.keys())
      if (problem) return problem
      // A Y.Text cannot move between keys: copy it and delete the old one in one transaction.
      room.doc.transact(() => {
        room.files.set(to, new Y.Text(source.toString()))
        room.files.delete(from)
      })
      return null
    },
    [room],
  )

  const remove = useCallback((path: string) => room?.files.delete(path), [room])
  return { paths, add, rename, remove }
}
