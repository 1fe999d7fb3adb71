import type { RoomDoc } from "@/features/editor/hooks/useRoomDoc"
import type { Participant, Room } from "@/features/rooms/api"
import type { ParticipantsApi } from "@/features/rooms/hooks/useParticipants"
import type { monaco } from "@/lib/monaco"
import type { RoomEvents } from "@/lib/room-protocol"
// The room's side panels. Each panel lives in its own feature folder
// (src/features/{execution,problems,chat,participants,snapshots,activity,proctoring}/) and is
// registered here with the props it needs; features never import each other, the app composes.
import type { ReactNode } from "react"

/** Everything a room panel may use; all of it is owned by the room page. */
export interface RoomPanelContext {
  room: Room
  me: Participant
  isStaff: boolean
  events: RoomEvents
  participants: ParticipantsApi
  /** The shared document (null until it has loaded). */
  doc: RoomDoc | null
  editor: monaco.editor.IStandaloneCodeEditor | null
  activeFile: string | null
}

export interface PanelSlot {
  id: string
  label: string
  /** "side": a tab in the right column; "bottom": under the editor (run output). */
  area: "side" | "bottom"
  visible: (ctx: RoomPanelContext) => boolean
  render: (ctx: RoomPanelContext) => ReactNode
}

export const roomPanels: PanelSlot[] = []
