import "./chat.css"
import { useUnread } from "../unread"

/** The unread count next to the Chat tab's name. */
export function ChatBadge() {
  const unread = useUnread()
  if (unread === 0) return null
  return (
    <span className="badge" data-testid="chat-unread" aria-label={`${unread} unread`}>
      {unread}
    </span>
  )
}
