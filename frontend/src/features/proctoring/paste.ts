// Telling a paste that came from outside the editor from one copied inside it. The editor
// remembers what was last copied or cut in it; a paste of the same text is internal.

/** How many recent in-editor copies are remembered. */
export const REMEMBERED_COPIES = 5

// Clipboards on other systems turn "\n" into "\r\n"; a copied last line may gain or lose
// its line break. Neither makes a paste external.
function normalise(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\n+$/, "")
}

export class CopyMemory {
  private copies: string[] = []

  /** Remember text copied or cut inside the editor. */
  remember(text: string): void {
    if (text === "") return
    const key = normalise(text)
    this.copies = [key, ...this.copies.filter((c) => c !== key)].slice(0, REMEMBERED_COPIES)
  }

  /** Was `pasted` copied from inside the editor (recently)? */
  isInternal(pasted: string): boolean {
    const key = normalise(pasted)
    return key !== "" && this.copies.includes(key)
  }
}

export interface SelectionLike {
  isEmpty: () => boolean
  startLineNumber: number
}

/**
 * The text an editor copy puts on the clipboard: the selections joined by line breaks or,
 * with nothing selected, the cursor lines each with its line break (Monaco's default).
 */
export function copiedText(
  selections: SelectionLike[],
  valueIn: (selection: SelectionLike) => string,
  lineText: (line: number) => string,
): string {
  if (selections.length === 0) return ""
  if (selections.every((s) => s.isEmpty())) {
    return selections.map((s) => `${lineText(s.startLineNumber)}\n`).join("")
  }
  return selections
    .filter((s) => !s.isEmpty())
    .map(valueIn)
    .join("\n")
}
