import type { monaco } from "@/lib/monaco"
import type { ClientMessage, RoomEvents } from "@/lib/room-protocol"
import { useEffect, useRef } from "react"
import { CopyMemory, copiedText } from "../paste"

type Signal = Extract<ClientMessage, { type: "proctor.signal" }>

/**
 * Send the candidate's integrity signals while the room records them: leaving and
 * returning to the tab (with the time away), window focus, and pastes into the editor that
 * did not come from the editor itself. Nothing here blocks or changes what the user does.
 */
export function useProctoring(
  enabled: boolean,
  events: RoomEvents,
  editor: monaco.editor.IStandaloneCodeEditor | null,
) {
  const { send } = events
  // Signals raised while the socket is reconnecting go out once it is back.
  const queue = useRef<Signal[]>([])
  useEffect(() => {
    if (!enabled) return
    const emit = (signal: Signal) => {
      queue.current.push(signal)
      while (queue.current.length > 0 && send(queue.current[0]!)) queue.current.shift()
      if (queue.current.length > 50) queue.current.splice(0, queue.current.length - 50)
    }
    let hiddenAt: number | null = null
    const onVisibility = () => {
      if (document.visibilityState === "hidden") {
        hiddenAt = Date.now()
        emit({ type: "proctor.signal", kind: "tab_hidden" })
      } else if (hiddenAt !== null) {
        emit({ type: "proctor.signal", kind: "tab_visible", away_ms: Date.now() - hiddenAt })
        hiddenAt = null
      }
    }
    const onBlur = () => emit({ type: "proctor.signal", kind: "window_blur" })
    const onFocus = () => emit({ type: "proctor.signal", kind: "window_focus" })
    document.addEventListener("visibilitychange", onVisibility)
    window.addEventListener("blur", onBlur)
    window.addEventListener("focus", onFocus)
    const retry = window.setInterval(() => {
      while (queue.current.length > 0 && send(queue.current[0]!)) queue.current.shift()
    }, 2000)
    return () => {
      document.removeEventListener("visibilitychange", onVisibility)
      window.removeEventListener("blur", onBlur)
      window.removeEventListener("focus", onFocus)
      window.clearInterval(retry)
    }
  }, [enabled, send])

  useEffect(() => {
    if (!enabled || !editor) return
    // Listen on the document in the capture phase, before Monaco's own paste controller
    // (a capture listener on the editor's container that stops the event there), and keep
    // only events whose target is inside this editor.
    const node = editor.getContainerDomNode()
    const inEditor = (event: Event) => event.target instanceof Node && node.contains(event.target)
    const memory = new CopyMemory()
    const onCopy = (event: Event) => {
      const model = editor.getModel()
      if (!model || !inEditor(event)) return
      memory.remember(
        copiedText(
          editor.getSelections() ?? [],
          (s) => model.getValueInRange(s as monaco.Selection),
          (line) => model.getLineContent(line),
        ),
      )
    }
    const onPaste = (event: ClipboardEvent) => {
      if (!inEditor(event)) return
      const text = event.clipboardData?.getData("text/plain") ?? ""
      if (text === "" || memory.isInternal(text)) return
      const signal: Signal = {
        type: "proctor.signal",
        kind: "paste",
        chars: text.length,
        external: true,
      }
      if (!send(signal)) queue.current.push(signal)
    }
    document.addEventListener("copy", onCopy, true)
    document.addEventListener("cut", onCopy, true)
    document.addEventListener("paste", onPaste, true)
    return () => {
      document.removeEventListener("copy", onCopy, true)
      document.removeEventListener("cut", onCopy, true)
      document.removeEventListener("paste", onPaste, true)
    }
  }, [enabled, editor, send])
}
