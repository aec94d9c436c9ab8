"""Row databases open read-only; identifiers are quoted, never interpolated raw."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from portal.store.sqlite import connect, quote


def test_connection_is_read_only(built: Path) -> None:
    path = built / "datasets/generated-population/areas.sqlite"
    connection = connect(path)
    try:
        assert [r["地区"] for r in connection.execute("SELECT * FROM rows ORDER BY rowid")] == [
            "北部", "中央", "南部", "東部", "西部"]
        with pytest.raises(sqlite3.OperationalError):
            connection.execute("DELETE FROM rows")
    finally:
        connection.close()


def test_quote_doubles_embedded_quotes() -> None:
    assert quote('a"b') == '"a""b"'
    assert quote("人口") == '"人口"'
