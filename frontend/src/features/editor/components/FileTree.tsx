import { Button } from "@/components/ui/Button"
import { type FormEvent, useState } from "react"
import type { FileOps } from "../hooks/useFiles"

/** The room's files: open, add, rename, delete. Keyboard reachable; errors read out. */
export function FileTree({
  files,
  current,
  readOnly,
  onOpen,
}: {
  files: FileOps
  current: string | null
  readOnly: boolean
  onOpen: (path: string) => void
}) {
  const [editing, setEditing] = useState<{ from: string | null; value: string } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!editing) return
    const problem =
      editing.from === null
        ? files.add(editing.value)
        : editing.value === editing.from
          ? null
          : files.rename(editing.from, editing.value)
    setError(problem)
    if (problem) return
    onOpen(editing.value)
    setEditing(null)
  }

  const form = (
    <form onSubmit={submit} className="file-form">
      <input
        aria-label={editing?.from ? `New name for ${editing.from}` : "New file name"}
        // biome-ignore lint/a11y/noAutofocus: the user just asked for this input
        autoFocus
        value={editing?.value ?? ""}
        onChange={(e) => setEditing((prev) => prev && { ...prev, value: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            setEditing(null)
            setError(null)
          }
        }}
      />
    </form>
  )

  return (
    <nav className="file-tree" aria-label="Files">
      <div className="file-tree-head">
        <span>Files</span>
        {readOnly ? null : (
          <Button
            variant="ghost"
            aria-label="Add file"
            onClick={() => {
              setError(null)
              setEditing({ from: null, value: "" })
            }}
          >
            +
          </Button>
        )}
      </div>
      <ul>
        {files.paths.map((path) =>
          editing?.from === path ? (
            <li key={path}>{form}</li>
          ) : (
            <li key={path} className={path === current ? "file active" : "file"}>
              <button
                type="button"
                className="file-name"
                aria-current={path === current ? "true" : undefined}
                onClick={() => onOpen(path)}
              >
                {path}
              </button>
              {readOnly ? null : (
                <span className="file-actions">
                  <button
                    type="button"
                    aria-label={`Rename ${path}`}
                    title="Rename"
                    onClick={() => {
                      setError(null)
                      setEditing({ from: path, value: path })
                    }}
                  >
                    ✎
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete ${path}`}
                    title="Delete"
                    onClick={() => {
                      if (window.confirm(`Delete ${path} for everyone in the room?`))
                        files.remove(path)
                    }}
                  >
                    ×
                  </button>
                </span>
              )}
            </li>
          ),
        )}
        {editing?.from === null ? <li>{form}</li> : null}
      </ul>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </nav>
  )
}
