"""Kept connections: one per thread and file, reused, the oldest closed past the limit."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from portal.store import sqlite as store


def _database(path: Path, value: int) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE rows (n INTEGER)")
    connection.execute("INSERT INTO rows VALUES (?)", (value,))
    connection.commit()
    connection.close()
    return path


def test_a_thread_reuses_its_connection_to_a_file(tmp_path: Path) -> None:
    db = _database(tmp_path / "a.sqlite", 1)
    first = store.pooled(db)
    assert store.pooled(db) is first
    assert first.execute("SELECT n FROM rows").fetchone()[0] == 1
    other: list[sqlite3.Connection] = []
    thread = threading.Thread(target=lambda: other.append(store.pooled(db)))
    thread.start()
    thread.join()
    assert other[0] is not first


def test_past_the_limit_the_least_recently_used_is_closed(tmp_path: Path) -> None:
    paths = [_database(tmp_path / f"{n}.sqlite", n) for n in range(store.POOL_SIZE + 1)]
    oldest = store.pooled(paths[0])
    for path in paths[1:]:
        store.pooled(path)
    with pytest.raises(sqlite3.ProgrammingError):
        oldest.execute("SELECT 1")
    assert store.pooled(paths[0]).execute("SELECT n FROM rows").fetchone()[0] == 0


def test_a_discarded_connection_is_opened_afresh(tmp_path: Path) -> None:
    db = _database(tmp_path / "a.sqlite", 1)
    first = store.pooled(db)
    store.discard(db)
    with pytest.raises(sqlite3.ProgrammingError):
        first.execute("SELECT 1")
    assert store.pooled(db) is not first
