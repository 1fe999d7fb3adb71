import { useMemo } from "react"
import { renderMarkdown } from "../markdown"

/** A problem statement: Markdown rendered to sanitised HTML. */
export function Statement({ source }: { source: string }) {
  const html = useMemo(() => renderMarkdown(source), [source])
  return (
    <div
      className="statement"
      data-testid="problem-statement"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify in renderMarkdown
      dangerouslySetInnerHTML={{ __html: html }}
    />
  )
}
