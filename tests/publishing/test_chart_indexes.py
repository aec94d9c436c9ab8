"""A large table's covering indexes for its charts (generated rows; the size threshold is
lowered so the table stays small)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from portal.publishing import sqlite as writer
from portal.publishing.normalize import Column, canonical_text
from portal.query.aggregate import _statement
from portal.query.chart_spec import ChartSpec


def _column(name: str, kind: str, values: list[object]) -> Column:
    return Column(name, kind, values, [canonical_text(v) for v in values])


def test_a_large_table_gets_one_covering_index_per_pair_of_dimensions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "CHART_INDEX_ROWS", 100)
    rows = range(120)
    path = tmp_path / "generated.sqlite"
    writer.write_sqlite(path, [
        _column("No", "integer", [i + 1 for i in rows]),  # 120 values: no dimension
        _column("年度", "integer", [2020 + i % 4 for i in rows]),
        _column("地区", "string", [f"地区{i % 3}" for i in rows]),
        _column("種別", "string", [f"種別{i % 2}" for i in rows]),
        _column("金額", "number", [i * 1.5 for i in rows])])
    with sqlite3.connect(path) as connection:
        made = connection.execute("SELECT sql FROM sqlite_master WHERE name LIKE 'chart_%' "
                                  "ORDER BY name").fetchall()
        assert [m[0] for m in made] == [
            'CREATE INDEX chart_0 ON rows ("年度", "地区", "種別", "No", "金額")',
            'CREATE INDEX chart_1 ON rows ("地区", "種別", "年度", "No", "金額")',
            'CREATE INDEX chart_2 ON rows ("種別", "年度", "地区", "No", "金額")']
        sql = _statement(ChartSpec("line", "年度", "金額", "sum", "地区"), None, "")
        plan = " ".join(r[3] for r in connection.execute("EXPLAIN QUERY PLAN " + sql))
        assert "COVERING INDEX chart_0" in plan and "GROUP BY" not in plan
    small = tmp_path / "small.sqlite"
    monkeypatch.setattr(writer, "CHART_INDEX_ROWS", 200_000)
    writer.write_sqlite(small, [_column("地区", "string", ["a", "b"]),
                                _column("金額", "number", [1.0, 2.0])])
    with sqlite3.connect(small) as connection:
        assert connection.execute("SELECT count(*) FROM sqlite_master "
                                  "WHERE name LIKE 'chart_%'").fetchone()[0] == 0
