import { useEffect } from "react"
import * as Y from "yjs"
import { SCHEMA_VERSION } from "../awareness"
import { mainFileFor } from "../languages"
import type { RoomDoc } from "./useRoomDoc"

/**
 * A brand-new room gets its main file once the server's state has arrived (never before: an
 * empty local doc is not proof that the room is empty) and the schema version is recorded.
 */
export function useStarterFile(
  room: RoomDoc | null,
  everSynced: boolean,
  canEdit: boolean,
  language: string,
) {
  useEffect(() => {
    if (!room || !everSynced || !canEdit) return
    room.doc.transact(() => {
      if (room.meta.get("schema") === undefined) room.meta.set("schema", SCHEMA_VERSION)
      if (room.files.size === 0) room.files.set(mainFileFor(language), new Y.Text(""))
    })
  }, [room, everSynced, canEdit, language])
}
