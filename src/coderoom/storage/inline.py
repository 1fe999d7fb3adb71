"""SQLite work answered on the event loop's own thread: read sessions, and small writes.

aiosqlite runs every call of a connection in a worker thread: a cursor, an execute, a
fetch, a close, two rollbacks — six thread hand-offs for one primary-key read, each a
futex wake and a fight for the GIL. On the server's one core that cost 3–6 ms of wall time
and about 2 ms of CPU per access check, while the read itself takes 0.03 ms. In a
reconnect storm those checks queue behind each other.

The dialect here is the stock synchronous pysqlite one, marked async so that
``AsyncEngine`` and ``AsyncSession`` accept it: SQLAlchemy's greenlet bridge then calls
sqlite3 directly, and nothing ever awaits. That is only safe for reads, which is what the
connections enforce:

- ``PRAGMA query_only``: any write fails loudly instead of taking the write lock on the
  loop's thread (a write waiting for a lock would stall the whole process);
- in WAL mode readers never wait for writers, and ``busy_timeout`` bounds the rare wait
  (WAL recovery) to a quarter of a second.

Use it through ``AsyncSession`` (``AsyncConnection.execute`` insists on an await and
refuses it), for short indexed reads on hot paths (room loads), never for a scan whose
size the caller does not control.

``InlineReads`` goes one step further for the hottest reads (every request's account
check, socket access checks): a held ``query_only`` sqlite3 connection and statements
rendered once by SQLAlchemy, with no session, result or pool in between.

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
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn, cast

from sqlalchemy import URL, ClauseElement, Insert, Select, event, pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import TypeEngine
from typing_extensions import override

DRIVER = "coderoom_inline"
BUSY_TIMEOUT_MS = 250


class _Cursor(sqlite3.Cursor):
    async def _async_soft_close(self) -> None:
        """Nothing to release early; SQLAlchemy's async results call it on every cursor."""


class _Connection(sqlite3.Connection):
    @override
    def cursor(self, factory: Any = _Cursor) -> Any:
        return super().cursor(factory)


class InlineSQLiteDialect(SQLiteDialect_pysqlite):
    """pysqlite, declared async so the asyncio extension runs it inline."""

    is_async = True
    supports_statement_cache = True

    @override
    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        return pool.AsyncAdaptedQueuePool


registry.register(f"sqlite.{DRIVER}", __name__, InlineSQLiteDialect.__name__)


def _read_only(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def create_inline_read_engine(database: str) -> AsyncEngine:
    """A read-only engine on the SQLite file ``database``, answered on the calling thread."""
    engine = create_async_engine(
        URL.create(f"sqlite+{DRIVER}", database=database),
        # Only the event loop's thread uses these connections; the pool may be disposed
        # of from another thread at shutdown.
        connect_args={"check_same_thread": False, "factory": _Connection},
    )
    event.listen(engine.sync_engine, "connect", _read_only)
    return engine


class _Compiled:
    """A Core statement rendered once for sqlite3: its SQL, and how to order its values.

    SQLAlchemy's execution path (context, cursor wrapper, result, commit bookkeeping) cost
    about 0.4 ms of CPU per run record on the server's busy core, against 0.15 ms for
    sqlite3 itself. The statement is rendered by SQLAlchemy, once; each call then only puts
    the values in order through the columns' own bind processors (UTC datetimes, booleans).
    """

    __slots__ = ("processors", "sql")

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
            (name, defaults.get(name), _bind_processor(compiled.binds[name].type))
            for name in compiled.positiontup or ()
        )
        for column in getattr(statement, "selected_columns", ()):
            if column.type.dialect_impl(_DIALECT).result_processor(_DIALECT, None) is not None:
                raise TypeError(f"column {column.key} needs conversion: read it through a session")

    def values(self, params: Mapping[str, Any]) -> list[Any]:
        """``params`` (missing names take the statement's own values) in placeholder order."""
        out = []
        for name, default, process in self.processors:
            value = params.get(name, default)
            out.append(value if process is None or value is None else process(value))
        return out


_DIALECT = SQLiteDialect_pysqlite()


def _bind_processor(type_: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    return type_.dialect_impl(_DIALECT).bind_processor(_DIALECT)


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
    checks): through ``AsyncSession`` the same read costs about ten times the CPU.
    Statements must be module-level constants (they are compiled once, by identity) and
    select only columns that need no conversion (text, integers).
    """

    def __init__(self, database: str) -> None:
        # The connection may be closed from another thread at shutdown.
        self._conn = sqlite3.connect(database, check_same_thread=False, isolation_level=None)
        _read_only(self._conn, None)
        self._statements = _Statements()

    async def first(self, statement: Select[Any], params: Mapping[str, Any]) -> Any:
        """The first row (a tuple) of ``statement`` with ``params``, or None."""
        compiled = self._statements.get(statement)
        values = compiled.values(params)
        try:
            return self._conn.execute(compiled.sql, values).fetchone()
        except sqlite3.Error as exc:
            _raise_as_sqlalchemy(compiled.sql, values, exc)

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
        _never_wait(self._conn, None)
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


def _never_wait(dbapi_connection: Any, _record: Any) -> None:
    # The file is in WAL mode already (the main engine sets it; it persists in the file).
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()
