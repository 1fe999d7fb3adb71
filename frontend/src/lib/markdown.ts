// Markdown written by users (problem statements, interviewer notes) is rendered to sanitised
// HTML: no scripts, no event handlers, no raw HTML that could run.
import DOMPurify from "dompurify"
import { marked } from "marked"

export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true })
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } })
}
