"""Chat and the room events socket: chat, typing, presence, admission, proctoring, WebRTC."""
