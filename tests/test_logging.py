from __future__ import annotations

import logging

from coderoom.logging import RedactTokensFilter


def test_access_log_tokens_are_redacted() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", "/ws/rooms/r1/doc?token=eyJabc.def&x=1", "1.1", 101),
        None,
    )
    assert RedactTokensFilter().filter(record)
    message = record.getMessage()
    assert "eyJabc" not in message
    assert "token=[redacted]&x=1" in message


def test_messages_without_tokens_keep_their_args() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "room %s", ("r1",), None)
    RedactTokensFilter().filter(record)
    assert record.args == ("r1",)
