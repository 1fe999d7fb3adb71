import type { monaco } from "@/lib/monaco"
// Vim or Emacs key bindings from the user's preferences, loaded only when chosen.
import { useEffect } from "react"

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
      import("monaco-vim").then(({ initVimMode }) => {
        if (!live) return
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
