// The renderer is shared (interviewer notes use it too); see src/lib/markdown.ts.
export { renderMarkdown } from "@/lib/markdown"
