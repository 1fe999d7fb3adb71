"""Room events - chat, typing, presence, admission, signalling over the events socket."""
