import type { monaco } from "@/lib/monaco"
// Vim or Emacs key bindings from the user's preferences, loaded only when chosen. Once active,
// the editor container carries data-keymap="vim" | "emacs" (tests and styles can wait for it).
import { useEffect } from "react"
import { undoFor } from "../undo"

export type Keymap = "default" | "vim" | "emacs"

async function start(
  editor: monaco.editor.IStandaloneCodeEditor,
  keymap: "vim" | "emacs",
  statusNode: HTMLElement | null,
): Promise<() => void> {
  if (keymap === "vim") {
    const { initVimMode, VimMode } = await import("monaco-vim")
    // Vim's u / Ctrl+R would undo Monaco's model stack, which holds everyone's edits.
    VimMode.commands.undo = (cm) => undoFor(cm.editor)?.undo()
    VimMode.commands.redo = (cm) => undoFor(cm.editor)?.redo()
    const mode = initVimMode(editor, statusNode ?? undefined)
    return () => mode.dispose()
  }
  const { EmacsExtension } = await import("monaco-emacs")
  const ext = new EmacsExtension(editor)
  ext.start()
  return () => ext.dispose()
}

export function useKeymap(
  editor: monaco.editor.IStandaloneCodeEditor | null,
  keymap: Keymap,
  statusNode: HTMLElement | null,
) {
  useEffect(() => {
    if (!editor || keymap === "default") return
    let dispose: (() => void) | null = null
    let live = true
    const node = editor.getContainerDomNode()
    start(editor, keymap, statusNode).then((stop) => {
      if (!live) return stop()
      dispose = stop
      if (node) node.dataset.keymap = keymap
    })
    return () => {
      live = false
      dispose?.()
      if (node) delete node.dataset.keymap
    }
  }, [editor, keymap, statusNode])
}
