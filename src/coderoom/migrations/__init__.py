"""Alembic migrations, and a helper that runs them without alembic.ini on disk."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent


def alembic_config(database_url: str) -> Config:
    """An Alembic config pointing at our scripts and ``database_url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["configure_logging"] = False
    return config


def upgrade_blocking(database_url: str, revision: str = "head") -> None:
    """Migrate ``database_url`` up to ``revision`` (blocks: call from a thread in async code)."""
    command.upgrade(alembic_config(database_url), revision)


def downgrade_blocking(database_url: str, revision: str = "base") -> None:
    """Migrate ``database_url`` down to ``revision``."""
    command.downgrade(alembic_config(database_url), revision)
