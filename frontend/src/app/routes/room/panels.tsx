import { ActivityPanel } from "@/features/activity/components/ActivityPanel"
import { RoomToasts } from "@/features/activity/components/RoomToasts"
import { CallDock } from "@/features/call/components/CallDock"
import { ChatBadge } from "@/features/chat/components/ChatBadge"
import { ChatPanel } from "@/features/chat/components/ChatPanel"
import type { RoomDoc } from "@/features/editor/hooks/useRoomDoc"
import { RunPanel } from "@/features/execution/components/RunPanel"
import { NotesPanel } from "@/features/notes/components/NotesPanel"
import { ScorecardPanel } from "@/features/notes/components/ScorecardPanel"
import { ParticipantsPanel } from "@/features/participants/components/ParticipantsPanel"
import { ProblemActions } from "@/features/problems/components/ProblemActions"
import { ProblemPanel } from "@/features/problems/components/ProblemPanel"
import { TestOutcome } from "@/features/problems/components/TestOutcome"
import { Proctoring } from "@/features/proctoring/components/Proctoring"
import type { Participant, Room } from "@/features/rooms/api"
import type { ParticipantsApi } from "@/features/rooms/hooks/useParticipants"
import { SnapshotsPanel } from "@/features/snapshots/components/SnapshotsPanel"
import { BoardBadge } from "@/features/whiteboard/components/BoardBadge"
import { Whiteboard } from "@/features/whiteboard/components/Whiteboard"
import type { monaco } from "@/lib/monaco"
import type { RoomEvents } from "@/lib/room-protocol"
import { accountTokens } from "@/lib/session"
// The room's side panels. Each panel lives in its own feature folder
// (src/features/{execution,problems,chat,participants,snapshots,activity,proctoring,notes,
// whiteboard}/) and is
// registered here with the props it needs; features never import each other, the app composes.
import type { ReactNode } from "react"
import { activeCode, activeLanguage, insertStarter } from "./bridges"

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
  /** The document may not be changed here (an observer, a newer schema, access withdrawn). */
  readOnly: boolean
}

export interface PanelSlot {
  id: string
  label: string
  /**
   * "main": a tab next to "Code", shown in the editor's place (the whiteboard); "side": a tab
   * in the right column; "bottom": under the editor (run output); "overlay": always rendered,
   * no tab (toasts, the proctoring signals).
   */
  area: "main" | "side" | "bottom" | "overlay"
  /** Shown next to the tab's label (an unread count). */
  badge?: () => ReactNode
  visible: (ctx: RoomPanelContext) => boolean
  render: (ctx: RoomPanelContext) => ReactNode
}

const canRun = (ctx: RoomPanelContext) => ctx.me.role !== "observer"

export const roomPanels: PanelSlot[] = [
  {
    id: "whiteboard",
    label: "Whiteboard",
    area: "main",
    visible: () => true,
    badge: () => <BoardBadge />,
    // Anyone who may edit the code may draw; clearing everyone's drawings is for the staff.
    render: (ctx) =>
      ctx.doc ? (
        <Whiteboard
          doc={ctx.doc.doc}
          awareness={ctx.doc.awareness}
          participantId={ctx.me.id}
          canDraw={!ctx.readOnly}
          canClear={ctx.isStaff}
        />
      ) : null,
  },
  {
    id: "output",
    label: "Output",
    area: "bottom",
    visible: () => true,
    render: (ctx) => (
      <RunPanel
        roomId={ctx.room.id}
        events={ctx.events}
        me={ctx.me}
        getCode={() => activeCode(ctx)}
        fileLanguage={activeLanguage(ctx)}
        roomLanguage={ctx.room.language}
        canRun={canRun(ctx)}
        actions={(language) => (
          <ProblemActions
            roomId={ctx.room.id}
            language={language}
            getCode={() => activeCode(ctx)}
            canRun={canRun(ctx)}
          />
        )}
        results={<TestOutcome roomId={ctx.room.id} />}
      />
    ),
  },
  {
    id: "people",
    label: "People",
    area: "side",
    visible: () => true,
    render: (ctx) => (
      <ParticipantsPanel
        roomId={ctx.room.id}
        meId={ctx.me.id}
        myRole={ctx.me.role}
        autoAdmit={ctx.room.auto_admit}
        people={ctx.participants.list}
        recorded={ctx.room.proctoring_enabled}
      />
    ),
  },
  {
    id: "problem",
    label: "Problem",
    area: "side",
    visible: () => true,
    render: (ctx) => (
      <ProblemPanel
        roomId={ctx.room.id}
        events={ctx.events}
        isStaff={ctx.isStaff}
        canPick={accountTokens() !== null}
        onAttached={(problem) => insertStarter(ctx, problem.starter_code)}
      />
    ),
  },
  {
    id: "chat",
    label: "Chat",
    area: "side",
    visible: () => true,
    badge: () => <ChatBadge />,
    render: (ctx) => <ChatPanel events={ctx.events} meId={ctx.me.id} />,
  },
  {
    id: "activity",
    label: "Activity",
    area: "side",
    visible: (ctx) => ctx.isStaff,
    render: (ctx) => (
      <ActivityPanel
        roomId={ctx.room.id}
        events={ctx.events}
        nameOf={(id) => ctx.participants.list.find((p) => p.id === id)?.display_name ?? "Someone"}
      />
    ),
  },
  // Staff only: for anyone else these are never rendered, so nothing of them is fetched.
  {
    id: "notes",
    label: "Notes",
    area: "side",
    visible: (ctx) => ctx.isStaff,
    render: (ctx) => <NotesPanel roomId={ctx.room.id} />,
  },
  {
    id: "scorecard",
    label: "Scorecard",
    area: "side",
    visible: (ctx) => ctx.isStaff,
    render: (ctx) => <ScorecardPanel roomId={ctx.room.id} />,
  },
  {
    id: "snapshots",
    label: "Snapshots",
    area: "side",
    visible: () => true,
    render: (ctx) => (
      <SnapshotsPanel roomId={ctx.room.id} canSave={canRun(ctx)} canRestore={ctx.isStaff} />
    ),
  },
  {
    id: "call",
    label: "Call",
    area: "overlay",
    visible: () => true,
    render: (ctx) => <CallDock events={ctx.events} me={ctx.me} />,
  },
  {
    id: "toasts",
    label: "Notifications",
    area: "overlay",
    visible: () => true,
    render: (ctx) => (
      <RoomToasts
        events={ctx.events}
        meId={ctx.me.id}
        presence={ctx.participants.list
          .filter((p) => p.status === "admitted")
          .map((p) => ({ id: p.id, name: p.display_name, online: p.online }))}
      />
    ),
  },
  {
    id: "proctoring",
    label: "Integrity signals",
    area: "overlay",
    // Candidates only: the room's staff are not the ones being interviewed.
    visible: (ctx) => ctx.room.proctoring_enabled && ctx.me.role === "candidate",
    render: (ctx) => <Proctoring enabled events={ctx.events} editor={ctx.editor} />,
  },
]
