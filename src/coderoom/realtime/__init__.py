"""Realtime - the bus that fans events out within and across processes."""
