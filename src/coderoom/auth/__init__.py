"""Accounts - users, argon2 hashes, JWT access and rotating refresh tokens."""
