import { monaco } from "@/lib/monaco"
import { useEffect, useRef, useState } from "react"
import { MonacoBinding } from "y-monaco"
import type * as Y from "yjs"
import { useFollow } from "../hooks/useFollow"
import { type Keymap, useKeymap } from "../hooks/useKeymap"
import { useRemoteCursors } from "../hooks/useRemoteCursors"
import type { RoomDoc } from "../hooks/useRoomDoc"
import { languageForPath } from "../languages"
import { UndoStacks, registerEditorUndo } from "../undo"

export interface EditorPrefs {
  theme: "light" | "dark"
  keymap: Keymap
  fontSize: number
}

type Editor = monaco.editor.IStandaloneCodeEditor

export function CollabEditor({
  room,
  path,
  readOnly,
  prefs,
  followed,
  onOpenFile,
  onStopFollowing,
  onEditor,
}: {
  room: RoomDoc
  path: string | null
  readOnly: boolean
  prefs: EditorPrefs
  followed: string | null
  onOpenFile: (path: string) => void
  onStopFollowing: () => void
  /** Hands the editor to the room's other panels (e.g. proctoring's paste detection). */
  onEditor?: (editor: Editor | null) => void
}) {
  const container = useRef<HTMLDivElement>(null)
  const [statusNode, setStatusNode] = useState<HTMLDivElement | null>(null)
  const [editor, setEditor] = useState<Editor | null>(null)
  const undo = useRef<Y.UndoManager | null>(null)

  // Effect 1: the editor's lifetime.
  useEffect(() => {
    if (!container.current) return
    const instance = monaco.editor.create(container.current, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      padding: { top: 18 }, // room for the name label above a cursor on line 1
      scrollBeyondLastLine: true,
      ariaLabel: "Code editor",
      fixedOverflowWidgets: true,
      // Tab accepts a suggestion, Enter always starts a new line: with Enter accepting, a word
      // typed out in full that the widget happened to offer swallowed the newline ("smart",
      // which accepts only a suggestion that changes the text, still raced fast typing).
      acceptSuggestionOnEnter: "off",
    })
    // Per-user undo replaces Monaco's (which would also undo other people's edits). As editor
    // actions with Monaco's own ids they also serve editor.trigger(_, "undo"), which is how
    // keymaps such as monaco-emacs undo.
    const { KeyMod, KeyCode } = monaco
    const actions = [
      instance.addAction({
        id: "undo",
        label: "Undo my last edit",
        keybindings: [KeyMod.CtrlCmd | KeyCode.KeyZ],
        run: () => {
          undo.current?.undo()
        },
      }),
      instance.addAction({
        id: "redo",
        label: "Redo my last edit",
        keybindings: [KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, KeyMod.CtrlCmd | KeyCode.KeyY],
        run: () => {
          undo.current?.redo()
        },
      }),
    ]
    registerEditorUndo(instance, () => undo.current)
    setEditor(instance)
    onEditor?.(instance)
    return () => {
      onEditor?.(null)
      setEditor(null)
      for (const action of actions) action.dispose()
      instance.getModel()?.dispose()
      instance.dispose()
    }
  }, [onEditor])

  // Effect 2: the undo stacks live as long as the document.
  const [stacks] = useState(() => new UndoStacks())
  useEffect(() => () => stacks.destroy(), [stacks])

  // Effect 3: bind the open file's Y.Text to a fresh Monaco model.
  useEffect(() => {
    if (!editor || !path) return
    const text = room.files.get(path)
    if (!text) return
    const model = monaco.editor.createModel(text.toString(), languageForPath(path))
    editor.setModel(model)
    const binding = new MonacoBinding(text, model, new Set([editor]), null)
    undo.current = stacks.track(text, binding)
    return () => {
      undo.current = null
      stacks.untrack(text, binding)
      binding.destroy()
      editor.setModel(null)
      model.dispose()
    }
  }, [editor, room, path, stacks])

  useEffect(() => {
    editor?.updateOptions({ readOnly, fontSize: prefs.fontSize })
  }, [editor, readOnly, prefs.fontSize])
  useEffect(() => {
    monaco.editor.setTheme(prefs.theme === "dark" ? "vs-dark" : "vs")
  }, [prefs.theme])

  useKeymap(editor, prefs.keymap, statusNode)
  useRemoteCursors(editor, room, path)
  useFollow(editor, room, path, followed, onOpenFile, onStopFollowing)

  return (
    <div className="editor-wrap">
      <div ref={container} className="editor" data-testid="editor" />
      {prefs.keymap === "vim" ? (
        <div ref={setStatusNode} className="vim-status" aria-live="polite" />
      ) : null}
    </div>
  )
}
