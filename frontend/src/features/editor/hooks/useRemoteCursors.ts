import { monaco } from "@/lib/monaco"
// Draws every other participant's cursor and selection in the open file, in their colour and
// with their name, and publishes our own selection and viewport into awareness.
import { useEffect } from "react"
import * as Y from "yjs"
import { type LocalPresence, peerStyles, remotePeers } from "../awareness"
import type { RoomDoc } from "./useRoomDoc"

type Editor = monaco.editor.IStandaloneCodeEditor

function absolute(json: Record<string, unknown>, doc: Y.Doc, text: Y.Text): number | null {
  try {
    const pos = Y.createAbsolutePositionFromRelativePosition(
      Y.createRelativePositionFromJSON(json),
      doc,
    )
    return pos && pos.type === text ? pos.index : null
  } catch {
    return null // malformed data from another client is ignored, not fatal
  }
}

export function useRemoteCursors(editor: Editor | null, room: RoomDoc | null, path: string | null) {
  // Our own selection and viewport → awareness.
  useEffect(() => {
    if (!editor || !room || !path) return
    const text = room.files.get(path)
    if (!text) return
    const { awareness } = room
    awareness.setLocalStateField("file", path)
    const publishSelection = () => {
      const model = editor.getModel()
      const sel = editor.getSelection()
      if (!model || !sel) return
      const rel = (offset: number) =>
        Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, offset))
      const selection: LocalPresence["selection"] = {
        anchor: rel(model.getOffsetAt(sel.getSelectionStart())),
        head: rel(model.getOffsetAt(sel.getPosition())),
      }
      awareness.setLocalStateField("selection", selection)
    }
    let frame = 0
    const publishViewport = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        const top = editor.getVisibleRanges()[0]?.startLineNumber ?? 1
        awareness.setLocalStateField("viewport", { top })
      })
    }
    publishSelection()
    publishViewport()
    const subs = [
      editor.onDidChangeCursorSelection(publishSelection),
      editor.onDidScrollChange(publishViewport),
    ]
    return () => {
      cancelAnimationFrame(frame)
      for (const sub of subs) sub.dispose()
    }
  }, [editor, room, path])

  // Everyone else's cursors → decorations + one style element with their colours.
  useEffect(() => {
    if (!editor || !room || !path) return
    const text = room.files.get(path)
    if (!text) return
    const { awareness, doc } = room
    const style = document.createElement("style")
    style.dataset.remoteCursors = "true"
    document.head.appendChild(style)
    const decorations = editor.createDecorationsCollection()
    const render = () => {
      const model = editor.getModel()
      if (!model) return
      const peers = remotePeers(
        awareness.getStates() as Map<number, Record<string, unknown>>,
        doc.clientID,
      )
      style.textContent = peerStyles(peers)
      const next: monaco.editor.IModelDeltaDecoration[] = []
      for (const peer of peers) {
        if (peer.file !== path || !peer.selection) continue
        const anchor = absolute(peer.selection.anchor, doc, text)
        const head = absolute(peer.selection.head, doc, text)
        if (anchor === null || head === null) continue
        const [from, to] = anchor < head ? [anchor, head] : [head, anchor]
        const start = model.getPositionAt(from)
        const end = model.getPositionAt(to)
        const headPos = model.getPositionAt(head)
        const id = peer.clientId
        if (from !== to) {
          next.push({
            range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
            options: { className: `remote-selection remote-selection-${id}` },
          })
        }
        next.push({
          range: new monaco.Range(
            headPos.lineNumber,
            headPos.column,
            headPos.lineNumber,
            headPos.column,
          ),
          options: {
            beforeContentClassName: `remote-cursor remote-cursor-${id}`,
            stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
            hoverMessage: { value: peer.user.name, supportHtml: false, isTrusted: false },
          },
        })
      }
      decorations.set(next)
    }
    render()
    awareness.on("change", render)
    text.observe(render)
    return () => {
      awareness.off("change", render)
      text.unobserve(render)
      decorations.clear()
      style.remove()
    }
  }, [editor, room, path])
}
