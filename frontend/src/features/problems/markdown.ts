// Problem statements are Markdown written by problem authors (any account can write one), so
// the HTML is sanitised: no scripts, no event handlers, no raw HTML that could run.
import DOMPurify from "dompurify"
import { marked } from "marked"

export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true })
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } })
}
