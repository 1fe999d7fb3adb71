import { renderMarkdown } from "@/lib/markdown"
import { useMemo } from "react"

/** Sanitised Markdown (see lib/markdown.ts), styled like a problem statement. */
export function Markdown({ source, testId }: { source: string; testId?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source])
  if (!source.trim()) return <p className="muted small">Nothing written yet.</p>
  return (
    <div
      className="notes-markdown"
      data-testid={testId}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify in renderMarkdown
      dangerouslySetInnerHTML={{ __html: html }}
    />
  )
}
