"""SQLite work answered on the event loop's own thread: hot-path reads, and small writes.

aiosqlite runs every call of a connection in a worker thread: a cursor, an execute, a
fetch, a close, two rollbacks — six thread hand-offs for one primary-key read, each a
futex wake and a fight for the GIL. On the server's one core that cost 3–6 ms of wall time
and about 2 ms of CPU per access check, while the read itself takes 0.03 ms. In a
reconnect storm those checks queue behind each other.

Here each kind of work has one held sqlite3 connection, used only by the loop's thread,
and runs module-level SQLAlchemy statements rendered once (``_Compiled``): the columns'
own SQLite conversions apply, but no session, pool, execution context or result object
sits in between (through an ``AsyncSession`` on the loop's thread the same read cost about
ten times the CPU, and in a request, with cold caches, more).

``InlineReads`` (every request's account check, socket access checks, room loads) can
only read, which is what makes the blocking call safe on the loop:

- ``PRAGMA query_only``: any write fails loudly instead of taking the write lock on the
  loop's thread (a write waiting for a lock would stall the whole process);
- in WAL mode readers never wait for writers, and ``busy_timeout`` bounds the rare wait
  (WAL recovery) to a quarter of a second.

It is for short indexed reads, never for a scan whose size the caller does not control.

``InlineWriter`` does the same for single-statement inserts on hot paths (a run's record,
a batch of the update log), where aiosqlite's begin, execute, commit and reset cost about
eight hand-offs. It never waits for the write lock: with a zero busy timeout a held lock
fails the insert at once and the caller takes the ordinary (threaded, waiting) session
instead. Its connection never checkpoints (``wal_autocheckpoint`` 0), so a commit appends
to the WAL and does not fsync; the main engine's connections keep the WAL checkpointed
(a frequent writer such as the update log sends some of its writes through them).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any, NoReturn, cast

from sqlalchemy import ClauseElement, Insert, Select
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import TypeEngine

BUSY_TIMEOUT_MS = 250


def _read_only(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA query_only=ON")
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


class _Compiled:
    """A Core statement rendered once for sqlite3: its SQL, and how to order its values.

    SQLAlchemy's execution path (context, cursor wrapper, result, commit bookkeeping) cost
    about 0.4 ms of CPU per run record on the server's busy core, against 0.15 ms for
    sqlite3 itself. The statement is rendered by SQLAlchemy, once; each call then only puts
    the values in order through the columns' own bind processors (UTC datetimes, booleans).
    """

    __slots__ = ("processors", "results", "sql")

    def __init__(self, statement: ClauseElement, keys: Sequence[str] | None = None) -> None:
        compiled = cast(
            SQLCompiler,
            statement.compile(
                dialect=_DIALECT,
                column_keys=list(keys) if keys is not None else None,
                compile_kwargs={"render_postcompile": True},
            ),
        )
        if compiled.insert_prefetch:
            # Python-side column defaults run only in SQLAlchemy's execution path.
            missing = ", ".join(c.key for c in compiled.insert_prefetch)
            raise TypeError(f"pass every column with a Python default ({missing})")
        self.sql = str(compiled)
        defaults = compiled.params
        # dialect_impl: SQLite's own forms of the types (its DATETIME writes the text format
        # SQLAlchemy reads back; the generic DateTime would leave it to sqlite3's adapter).
        self.processors = tuple(
            (
                name,
                defaults.get(name),
                _dialect_type(compiled.binds[name].type).bind_processor(_DIALECT),
            )
            for name in compiled.positiontup or ()
        )
        results = tuple(
            _dialect_type(column.type).result_processor(_DIALECT, None)
            for column in getattr(statement, "selected_columns", ())
        )
        # None when every column comes back from sqlite3 as it is (text, integers).
        self.results = results if any(results) else None

    def values(self, params: Mapping[str, Any]) -> list[Any]:
        """``params`` (missing names take the statement's own values) in placeholder order."""
        out = []
        for name, default, process in self.processors:
            value = params.get(name, default)
            out.append(value if process is None or value is None else process(value))
        return out

    def row(self, raw: tuple[Any, ...]) -> tuple[Any, ...]:
        """A fetched row with each column converted as SQLAlchemy would."""
        if self.results is None:
            return raw
        return tuple(v if p is None else p(v) for v, p in zip(raw, self.results, strict=True))


_DIALECT = SQLiteDialect_pysqlite()


def _dialect_type(type_: TypeEngine[Any]) -> TypeEngine[Any]:
    return type_.dialect_impl(_DIALECT)


class _Statements:
    """Compiled forms of the module-level statements a connection runs, by identity."""

    def __init__(self) -> None:
        # Keyed by id(): the value keeps the statement alive, so an id is never reused.
        self._cache: dict[tuple[int, tuple[str, ...]], tuple[ClauseElement, _Compiled]] = {}

    def get(self, statement: ClauseElement, keys: tuple[str, ...] = ()) -> _Compiled:
        key = (id(statement), keys)
        entry = self._cache.get(key)
        if entry is None:
            entry = self._cache[key] = (statement, _Compiled(statement, keys or None))
        return entry[1]


def _raise_as_sqlalchemy(sql: str, params: Any, exc: sqlite3.Error) -> NoReturn:
    # Callers see the same exceptions as through a session (IntegrityError, OperationalError).
    raise DBAPIError.instance(sql, params, exc, sqlite3.Error) from exc


class InlineReads:
    """Short indexed reads on the loop's thread from the SQLite file ``database``.

    One ``query_only`` connection, used only by the event loop's thread, each statement
    its own transaction. For hot paths (every request's account check, socket access
    checks, room loads): through ``AsyncSession`` the same read costs about ten times the
    CPU. Statements must be module-level constants (compiled once, by identity).
    """

    def __init__(self, database: str) -> None:
        # The connection may be closed from another thread at shutdown.
        self._conn = sqlite3.connect(database, check_same_thread=False, isolation_level=None)
        _read_only(self._conn)
        self._statements = _Statements()

    async def first(self, statement: Select[Any], params: Mapping[str, Any]) -> Any:
        """The first row (a tuple) of ``statement`` with ``params``, or None."""
        return self._fetch(statement, params, every=False)

    async def all(self, statement: Select[Any], params: Mapping[str, Any]) -> list[Any]:
        """Every row (tuples) of ``statement`` with ``params``."""
        rows: list[Any] = self._fetch(statement, params, every=True)
        return rows

    def _fetch(self, statement: Select[Any], params: Mapping[str, Any], *, every: bool) -> Any:
        compiled = self._statements.get(statement)
        values = compiled.values(params)
        try:
            cursor = self._conn.execute(compiled.sql, values)
            try:
                raw: Any = cursor.fetchall() if every else cursor.fetchone()
            finally:
                # A statement left unfinished keeps its read transaction open: the next
                # reads on this connection would see that old snapshot. Closing resets it
                # now, not whenever the cursor happens to be freed.
                cursor.close()
        except sqlite3.Error as exc:
            _raise_as_sqlalchemy(compiled.sql, values, exc)
        if raw is None or compiled.results is None:
            return raw
        return [compiled.row(r) for r in raw] if every else compiled.row(raw)

    async def scalar(self, statement: Select[Any], params: Mapping[str, Any]) -> Any:
        """The first column of the first row, or None."""
        row = await self.first(statement, params)
        return None if row is None else row[0]

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


class InlineWriter:
    """Inserts on the loop's thread into the SQLite file ``database``, only if unopposed.

    One connection, used only by the event loop's thread; each call is one transaction
    that never awaits, so nothing else on the loop can interleave with it.
    """

    def __init__(self, database: str) -> None:
        # timeout 0: not even a connect waits for a lock. The connection may be closed
        # from another thread at shutdown.
        self._conn = sqlite3.connect(
            database, timeout=0, check_same_thread=False, isolation_level=None
        )
        _never_wait(self._conn)
        self._statements = _Statements()

    def try_insert(
        self, statement: Insert, rows: Mapping[str, Any] | Sequence[Mapping[str, Any]]
    ) -> bool:
        """Insert ``rows`` (one or many, same keys) and commit; False if the lock is taken.

        Raises:
            sqlalchemy.exc.DBAPIError: any other failure (constraints...), rolled back.
        """
        many = [rows] if isinstance(rows, Mapping) else list(rows)
        if not many:
            return True
        compiled = self._statements.get(statement, tuple(many[0]))
        values = [compiled.values(row) for row in many]
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode == sqlite3.SQLITE_BUSY:
                return False
            _raise_as_sqlalchemy("BEGIN IMMEDIATE", (), exc)
        try:
            conn.executemany(compiled.sql, values)
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            _raise_as_sqlalchemy(compiled.sql, values, exc)
        return True

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


def _never_wait(connection: sqlite3.Connection) -> None:
    # The file is in WAL mode already (the main engine sets it; it persists in the file).
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA wal_autocheckpoint=0")
