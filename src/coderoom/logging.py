"""Logging configuration with per-request/connection context (request_id, room_id, user_id)."""

from __future__ import annotations

import contextvars
import json
import logging
import logging.config
import re
from typing import Any

from typing_extensions import override

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)
room_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("room_id", default=None)
user_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("user_id", default=None)


class ContextFilter(logging.Filter):
    """Copies the context variables onto every record."""

    @override
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.room_id = room_id_var.get()
        record.user_id = user_id_var.get()
        return True


# uvicorn's per-connection WebSocket lines (see coderoom.realtime.websocket).
CONNECTIONS_LOGGER = "coderoom.websocket.connections"
_TOKEN_IN_QUERY = re.compile(r"((?:access_)?token=)[^&\s\"']+")


class RedactTokensFilter(logging.Filter):
    """Blanks ``token=...`` query values in every log line.

    WebSocket URLs carry access tokens; uvicorn's access log would write them to disk.
    """

    @override
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "token=" in message:
            record.msg = _TOKEN_IN_QUERY.sub(r"\1[redacted]", message)
            record.args = ()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: easy to ship and grep."""

    @override
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key in ("request_id", "room_id", "user_id"):
            value = getattr(record, key, None)
            if value:
                payload[key] = value
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload)


def configure_logging(level: str = "INFO") -> None:
    """Install the JSON formatter and context filter on the root logger."""
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {
                "context": {"()": ContextFilter},
                "redact": {"()": RedactTokensFilter},
            },
            "formatters": {"json": {"()": JsonFormatter}},
            "handlers": {
                "stderr": {
                    "class": "logging.StreamHandler",
                    "formatter": "json",
                    "filters": ["context", "redact"],
                }
            },
            "root": {"level": level, "handlers": ["stderr"]},
            # One line per WebSocket open and close: only when debugging.
            "loggers": {CONNECTIONS_LOGGER: {"level": "DEBUG" if level == "DEBUG" else "WARNING"}},
        }
    )
