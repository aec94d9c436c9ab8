"""Where submitted requests are kept: SQLite in the data directory, or the configured Redis.

Both take a request in one atomic step — a double submission (same form token, same text)
returns the first one's number, a client over its hourly limit is refused, otherwise the
request is stored — so several gunicorn workers (SQLite: one write transaction at a time,
``BEGIN IMMEDIATE``) and several machines (Redis: one Lua script) never lose or double one.
The rate limit keeps the keyed hash of a client (``tokens.client_key``) for an hour, apart
from the requests, which keep no trace of who sent them beyond the contact they chose to give.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import redis
from redis.exceptions import RedisError

from portal.config import Settings
from portal.datarequests.form import Submission
from portal.errors import PortalError, Unavailable

WINDOW = 3600  # seconds of the rate limit
DB_FILE = "requests.sqlite"
PREFIX = "portal:requests:"


@dataclass(frozen=True)
class Receipt:
    reference: int  # the request's number, shown to the resident and to staff
    duplicate: bool = False  # the same request was already taken (a double submission)


@dataclass(frozen=True)
class StoredRequest:
    reference: int
    received_at: str  # ISO 8601, UTC
    what: str
    why: str
    contact: str
    lang: str

    def to_dict(self) -> dict[str, Any]:
        return {"reference": self.reference, "received_at": self.received_at,
                "what": self.what, "why": self.why, "contact": self.contact, "lang": self.lang}


class RequestStore(Protocol):
    def add(self, submission: Submission, nonce: str, client: str, now: float,
            limit: int) -> Receipt: ...

    def all(self) -> list[StoredRequest]: ...


def _received_at(now: float) -> str:
    return datetime.fromtimestamp(now, UTC).isoformat(timespec="seconds")


def _limited(limit: int) -> PortalError:
    error = PortalError("request-rate-limited", parameter="client", limit=limit)
    error.status = 429
    return error


class SQLiteStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(
                "CREATE TABLE IF NOT EXISTS requests (reference INTEGER PRIMARY KEY, "
                "received_at TEXT NOT NULL, what TEXT NOT NULL, why TEXT NOT NULL, "
                "contact TEXT NOT NULL, lang TEXT NOT NULL, nonce TEXT NOT NULL, "
                "digest TEXT NOT NULL, UNIQUE (nonce, digest));"
                "CREATE TABLE IF NOT EXISTS recent (client TEXT NOT NULL, at REAL NOT NULL);"
                "CREATE INDEX IF NOT EXISTS recent_client ON recent (client, at);")
        except (OSError, sqlite3.Error) as exc:
            raise Unavailable("request-store-unavailable", parameter="store",
                              reason=str(exc)) from None
        return connection

    def add(self, submission: Submission, nonce: str, client: str, now: float,
            limit: int) -> Receipt:
        connection = self._connect()
        try:
            connection.execute("BEGIN IMMEDIATE")
            seen = connection.execute("SELECT reference FROM requests WHERE nonce = ? AND "
                                      "digest = ?", (nonce, submission.digest)).fetchone()
            if seen is not None:
                connection.execute("COMMIT")
                return Receipt(int(seen[0]), duplicate=True)
            connection.execute("DELETE FROM recent WHERE at <= ?", (now - WINDOW,))
            (count,) = connection.execute("SELECT COUNT(*) FROM recent WHERE client = ?",
                                          (client,)).fetchone()
            if count >= limit:
                connection.execute("COMMIT")
                raise _limited(limit)
            cursor = connection.execute(
                "INSERT INTO requests (received_at, what, why, contact, lang, nonce, digest) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (_received_at(now), submission.what, submission.why, submission.contact,
                 submission.lang, nonce, submission.digest))
            connection.execute("INSERT INTO recent (client, at) VALUES (?, ?)", (client, now))
            connection.execute("COMMIT")
            return Receipt(int(cursor.lastrowid or 0))
        except sqlite3.Error as exc:
            raise Unavailable("request-store-unavailable", parameter="store",
                              reason=str(exc)) from None
        finally:
            connection.close()

    def all(self) -> list[StoredRequest]:
        connection = self._connect()
        try:
            rows = connection.execute("SELECT reference, received_at, what, why, contact, lang "
                                      "FROM requests ORDER BY reference").fetchall()
        except sqlite3.Error as exc:
            raise Unavailable("request-store-unavailable", parameter="store",
                              reason=str(exc)) from None
        finally:
            connection.close()
        return [StoredRequest(int(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]


# KEYS: seen, rate, counter, requests. ARGV: now, limit, record (JSON), window.
# Returns {reference, 0} stored, {reference, 1} a duplicate, {0, 2} over the limit.
ADD_SCRIPT = """
local seen = redis.call('GET', KEYS[1])
if seen then return {tonumber(seen), 1} end
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then return {0, 2} end
local reference = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[4], reference, ARGV[3])
redis.call('ZADD', KEYS[2], now, reference)
redis.call('EXPIRE', KEYS[2], window)
redis.call('SET', KEYS[1], reference, 'EX', 86400)
return {reference, 0}
"""


class RedisStore:
    def __init__(self, url: str) -> None:
        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def add(self, submission: Submission, nonce: str, client: str, now: float,
            limit: int) -> Receipt:
        record = json.dumps({"received_at": _received_at(now), "what": submission.what,
                             "why": submission.why, "contact": submission.contact,
                             "lang": submission.lang}, ensure_ascii=False)
        keys = [f"{PREFIX}seen:{nonce}:{submission.digest}", f"{PREFIX}rate:{client}",
                f"{PREFIX}next", f"{PREFIX}all"]
        try:
            reference, state = self.client.eval(ADD_SCRIPT, len(keys), *keys, now, limit,
                                                record, WINDOW)
        except RedisError as exc:
            raise Unavailable("request-store-unavailable", parameter="store",
                              reason=str(exc)) from None
        if int(state) == 2:
            raise _limited(limit)
        return Receipt(int(reference), duplicate=int(state) == 1)

    def all(self) -> list[StoredRequest]:
        try:
            stored = self.client.hgetall(f"{PREFIX}all")
        except RedisError as exc:
            raise Unavailable("request-store-unavailable", parameter="store",
                              reason=str(exc)) from None
        requests = []
        for reference, body in stored.items():
            data = json.loads(body)
            requests.append(StoredRequest(int(reference), data["received_at"], data["what"],
                                          data["why"], data["contact"], data["lang"]))
        return sorted(requests, key=lambda r: r.reference)


def open_store(settings: Settings) -> RequestStore:
    """The configured Redis when there is one (several machines share it), else SQLite in
    the data directory (the workers of one machine share the file)."""
    if settings.redis_url:
        return RedisStore(settings.redis_url)
    return SQLiteStore(Path(settings.data_dir) / DB_FILE)
