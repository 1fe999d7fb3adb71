"""Storage – declarative base, portable column types, engine and session plumbing."""
