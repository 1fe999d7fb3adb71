/** The WebSocket base for our own origin: `ws://host` or `wss://host`. */
export function wsOrigin(location: Pick<Location, "protocol" | "host"> = window.location): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:"
  return `${scheme}//${location.host}`
}
