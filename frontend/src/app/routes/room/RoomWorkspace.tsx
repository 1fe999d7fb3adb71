import { schemaTooNew } from "@/features/editor/awareness"
import { CollabEditor } from "@/features/editor/components/CollabEditor"
import { ConnectionIndicator } from "@/features/editor/components/ConnectionIndicator"
import { FileTree } from "@/features/editor/components/FileTree"
import { useFiles } from "@/features/editor/hooks/useFiles"
import { usePeers } from "@/features/editor/hooks/usePeers"
import { useLeaveWarning, useRoomDoc } from "@/features/editor/hooks/useRoomDoc"
import type { Participant, Room } from "@/features/rooms/api"
import { useParticipants } from "@/features/rooms/hooks/useParticipants"
import { refreshAccount } from "@/lib/http"
import type { monaco } from "@/lib/monaco"
import type { RoomEvents } from "@/lib/room-protocol"
import { accountTokens, tokenForRoom } from "@/lib/session"
import { Fragment, useCallback, useEffect, useMemo, useState } from "react"
import { useEditorPrefs } from "../../preferences"
import { PanelArea } from "./PanelArea"
import { RoomHeader } from "./RoomHeader"
import { useFollowView } from "./followView"
import { type PanelSlot, type RoomPanelContext, roomPanels } from "./panels"

const STAFF = new Set(["host", "interviewer"])

export function RoomWorkspace({
  room,
  me,
  events,
}: { room: Room; me: Participant; events: RoomEvents }) {
  const prefs = useEditorPrefs()
  const getToken = useCallback(() => tokenForRoom(room.id), [room.id])
  const renewToken = useCallback(
    () => (accountTokens() ? refreshAccount() : Promise.resolve(false)),
    [],
  )
  const { room: doc, sync } = useRoomDoc({
    roomId: room.id,
    participantId: me.id,
    getToken,
    renewToken,
  })
  useLeaveWarning(sync.unsynced)

  const canEdit = me.role !== "observer"
  const [tooNew, setTooNew] = useState(false)
  useEffect(() => {
    if (!doc) return
    const check = () => setTooNew(schemaTooNew(doc.meta))
    check()
    doc.meta.observe(check)
    return () => doc.meta.unobserve(check)
  }, [doc])

  const files = useFiles(doc)
  const [path, setPath] = useState<string | null>(null)
  useEffect(() => {
    if (path === null || !files.paths.includes(path)) setPath(files.paths[0] ?? null)
  }, [files.paths, path])

  const user = useMemo(
    () => ({ name: me.display_name, color: me.color, participantId: me.id }),
    [me.display_name, me.color, me.id],
  )
  const peers = usePeers(doc, user)
  const [followed, setFollowed] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const stopFollowing = useCallback(() => {
    setFollowed(null)
    setNotice("Stopped following")
  }, [])
  useEffect(() => {
    if (!notice) return
    const timer = window.setTimeout(() => setNotice(null), 3000)
    return () => window.clearTimeout(timer)
  }, [notice])

  const [view, setView] = useState("code")
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null)
  const participants = useParticipants(room.participants, events)
  const readOnly = !canEdit || tooNew || sync.phase === "denied"
  const ctx: RoomPanelContext = {
    room,
    me,
    isStaff: STAFF.has(me.role),
    events,
    participants,
    doc,
    editor,
    activeFile: path,
    readOnly,
  }
  const side = roomPanels.filter((p) => p.area === "side" && p.visible(ctx))
  const bottom = roomPanels.filter((p) => p.area === "bottom" && p.visible(ctx))
  const overlay = roomPanels.filter((p) => p.area === "overlay" && p.visible(ctx))
  // The code editor is the first of the main views; the others (the whiteboard) are tabs
  // next to it, in its place. Every view stays mounted, so switching keeps Monaco's state.
  const code: PanelSlot = {
    id: "code",
    label: "Code",
    area: "main",
    visible: () => true,
    render: () =>
      doc ? (
        <CollabEditor
          room={doc}
          path={path}
          readOnly={readOnly}
          prefs={prefs}
          followed={followed}
          onOpenFile={setPath}
          onStopFollowing={stopFollowing}
          onEditor={setEditor}
        />
      ) : null,
  }
  const main = [code, ...roomPanels.filter((p) => p.area === "main" && p.visible(ctx))]
  useFollowView(
    doc?.awareness ?? null,
    view,
    main.map((p) => p.id),
    followed,
    setView,
  )
  // Choosing a view oneself ends following (it would switch straight back).
  const chooseView = (id: string) => {
    if (followed) stopFollowing()
    setView(id)
  }

  return (
    <div className="room" data-testid="room">
      <RoomHeader
        room={room}
        isStaff={ctx.isStaff}
        status={<ConnectionIndicator sync={sync} />}
        peers={peers}
        followed={followed}
        onFollow={(participantId) => {
          setNotice(null)
          setFollowed(participantId)
        }}
        onUnfollow={stopFollowing}
      />
      {tooNew ? (
        <p className="banner banner-warn" role="alert">
          This room was saved by a newer version of coderoom. Reload the page to edit it.
        </p>
      ) : null}
      {notice ? <output className="toast">{notice}</output> : null}
      {overlay.map((p) => (
        <Fragment key={p.id}>{p.render(ctx)}</Fragment>
      ))}
      <div className="room-body">
        <FileTree files={files} current={path} readOnly={!canEdit} onOpen={setPath} />
        <div className="room-center">
          <PanelArea
            panels={main}
            ctx={ctx}
            label="Views"
            className="room-main"
            selected={view}
            onSelect={chooseView}
          />
          <PanelArea panels={bottom} ctx={ctx} label="Output" className="room-bottom" />
        </div>
        <PanelArea panels={side} ctx={ctx} label="Room panels" className="room-side" />
      </div>
    </div>
  )
}
