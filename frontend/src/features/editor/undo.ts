// Per-user undo: one Y.UndoManager per file that tracks only this client's own edits (the
// binding's transactions), so Ctrl+Z never removes what someone else typed. Monaco's own undo
// stack would replay remote edits too, so its keys are taken over in bindUndoKeys.
import * as Y from "yjs"

export class UndoStacks {
  private readonly managers = new Map<Y.Text, Y.UndoManager>()

  /** The undo manager for `text`, tracking transactions whose origin is `origin`. */
  track(text: Y.Text, origin: unknown): Y.UndoManager {
    let manager = this.managers.get(text)
    if (!manager) {
      // captureTimeout: keystrokes within 500 ms undo together, like an editor's word undo.
      manager = new Y.UndoManager(text, { trackedOrigins: new Set(), captureTimeout: 500 })
      this.managers.set(text, manager)
    }
    manager.addTrackedOrigin(origin)
    return manager
  }

  /** Stop tracking `origin` (a binding that is going away). */
  untrack(text: Y.Text, origin: unknown): void {
    this.managers.get(text)?.removeTrackedOrigin(origin)
  }

  destroy(): void {
    for (const manager of this.managers.values()) manager.destroy()
    this.managers.clear()
  }
}

// Which undo manager an editor's undo keys drive: key bindings that live outside our editor
// component (monaco-vim's `u` / Ctrl+R call the adapter, not Monaco's command) look it up here.
const editorUndo = new WeakMap<object, () => Y.UndoManager | null>()

export function registerEditorUndo(editor: object, current: () => Y.UndoManager | null): void {
  editorUndo.set(editor, current)
}

export function undoFor(editor: object): Y.UndoManager | null {
  return editorUndo.get(editor)?.() ?? null
}
