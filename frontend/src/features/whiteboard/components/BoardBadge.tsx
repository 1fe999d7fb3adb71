import { useUnseen } from "../unread"
import "./whiteboard.css"

/** A dot next to the Whiteboard tab while others' drawing has not been seen. */
export function BoardBadge() {
  if (!useUnseen()) return null
  return <span className="wb-badge" data-testid="whiteboard-unseen" aria-label="new drawing" />
}
