import { useMemo } from "react"
import { renderMarkdown } from "../markdown"

/** A problem statement: Markdown rendered to sanitised HTML. */
export function Statement({ source }: { source: string }) {
  const html = useMemo(() => renderMarkdown(source), [source])
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is sanitised by DOMPurify in renderMarkdown
  return <div className="statement" data-testid="problem-statement" dangerouslySetInnerHTML={{ __html: html }} />
}
