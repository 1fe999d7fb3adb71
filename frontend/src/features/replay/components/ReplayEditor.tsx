import { monaco } from "@/lib/monaco"
import { useEffect, useRef } from "react"

/** Read-only Monaco showing `text` of `path`; the model is kept while the path stays. */
export function ReplayEditor({ path, text, dark }: { path: string; text: string; dark: boolean }) {
  const container = useRef<HTMLDivElement>(null)
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)

  useEffect(() => {
    if (!container.current) return
    const instance = monaco.editor.create(container.current, {
      readOnly: true,
      domReadOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
    })
    editor.current = instance
    return () => {
      instance.getModel()?.dispose()
      instance.dispose()
      editor.current = null
    }
  }, [])

  useEffect(() => {
    monaco.editor.setTheme(dark ? "vs-dark" : "vs")
  }, [dark])

  useEffect(() => {
    const instance = editor.current
    if (!instance) return
    // The URI's extension picks the language, as in the room's editor.
    const uri = monaco.Uri.parse(`inmemory://replay/${encodeURIComponent(path)}`)
    let model = instance.getModel()
    if (model === null || model.uri.toString() !== uri.toString()) {
      model?.dispose()
      model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, undefined, uri)
      instance.setModel(model)
    }
    if (model.getValue() !== text) model.setValue(text)
  }, [path, text])

  return <div ref={container} className="replay-editor" data-testid="replay-editor" />
}
