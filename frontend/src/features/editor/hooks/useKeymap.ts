import type { monaco } from "@/lib/monaco"
// Vim or Emacs key bindings from the user's preferences, loaded only when chosen.
import { useEffect } from "react"
import { undoFor } from "../undo"

export type Keymap = "default" | "vim" | "emacs"

export function useKeymap(
  editor: monaco.editor.IStandaloneCodeEditor | null,
  keymap: Keymap,
  statusNode: HTMLElement | null,
) {
  useEffect(() => {
    if (!editor || keymap === "default") return
    let dispose: (() => void) | null = null
    let live = true
    if (keymap === "vim") {
      import("monaco-vim").then(({ initVimMode, VimMode }) => {
        if (!live) return
        // Vim's u / Ctrl+R would undo Monaco's model stack, which holds everyone's edits.
        VimMode.commands.undo = (cm) => undoFor(cm.editor)?.undo()
        VimMode.commands.redo = (cm) => undoFor(cm.editor)?.redo()
        const mode = initVimMode(editor, statusNode ?? undefined)
        dispose = () => mode.dispose()
      })
    } else {
      import("monaco-emacs").then(({ EmacsExtension }) => {
        if (!live) return
        const ext = new EmacsExtension(editor)
        ext.start()
        dispose = () => ext.dispose()
      })
    }
    return () => {
      live = false
      dispose?.()
    }
  }, [editor, keymap, statusNode])
}
