import { useCallback, useEffect, useState } from "react"
import { addFile, removeFile, renameFile } from "../files"
import type { RoomDoc } from "./useRoomDoc"

export interface FileOps {
  paths: string[]
  add: (path: string) => string | null
  rename: (from: string, to: string) => string | null
  remove: (path: string) => void
}

const NOT_READY = "Not connected to a document."

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
  const add = useCallback((path: string) => (room ? addFile(room, path) : NOT_READY), [room])
  const rename = useCallback(
    (from: string, to: string) => (room ? renameFile(room, from, to) : NOT_READY),
    [room],
  )
  const remove = useCallback((path: string) => room && removeFile(room, path), [room])
  return { paths, add, rename, remove }
}
