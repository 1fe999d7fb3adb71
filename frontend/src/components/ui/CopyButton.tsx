import { useState } from "react"
import { Button } from "./Button"

export function CopyButton({ text, label = "Copy link" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setCopied(true)
      setTimeout(() => setCopied(false), 2000)
    } catch {
      // Clipboard access can be denied (insecure origin, permissions); the text stays selectable.
      setCopied(false)
    }
  }
  return (
    <Button onClick={copy} aria-label={label}>
      {copied ? "Copied" : label}
    </Button>
  )
}
