// Who someone is on screen: names and colours come from other clients (awareness), so they are
// checked before they reach the DOM or a style sheet. Shared by the editor's cursors and the
// whiteboard's pointers.

const FALLBACK_COLOR = "#6b7280"
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/

/** Colours come from other clients: only plain #rrggbb may reach the style sheet. */
export function safeColor(color: unknown): string {
  return typeof color === "string" && HEX_COLOR.test(color) ? color.toLowerCase() : FALLBACK_COLOR
}

/** Names are capped and trimmed for display; an empty or missing name reads "Anonymous". */
export function safeName(name: unknown): string {
  const text = typeof name === "string" ? name.trim().slice(0, 40) : ""
  return text || "Anonymous"
}

/** Black or white, whichever reads better on `hex`. */
export function textColorOn(hex: string): string {
  const n = Number.parseInt(safeColor(hex).slice(1), 16)
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255]
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#000000" : "#ffffff"
}
