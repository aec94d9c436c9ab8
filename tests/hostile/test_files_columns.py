"""A table wider than the row database (#22 item 10): validation refuses it, naming the limit,
so nothing that validates fails in the build. The file is generated in the test."""

from __future__ import annotations

import json
from pathlib import Path

from portal.publishing.pipeline import build
from portal.validate.engine import validate_catalog
from portal.validate.limits import max_columns
from tests.catalog.test_load import entry, write
from tests.conftest import TODAY


def _wide(tmp_path: Path, columns: int) -> Path:
    folder = tmp_path / "datasets/wide"
    folder.mkdir(parents=True)
    names = [f"c{i}" for i in range(columns)]
    rows = [",".join(names)] + [",".join(str(r * columns + i) for i in range(columns))
                                for r in range(3)]
    (folder / "main.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    schema = {"fields": [{"name": n, "type": "integer"} for n in names]}
    (folder / "main.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    return write(tmp_path, entry("wide"))


def test_sqlite_column_limit_is_what_the_library_reports() -> None:
    assert max_columns() == 2000  # SQLite's default SQLITE_MAX_COLUMN


def test_a_10000_column_table_is_refused_by_validation_naming_the_limit(tmp_path: Path) -> None:
    report = validate_catalog(_wide(tmp_path, 10_000), today=TODAY)
    (dataset,) = report.datasets
    assert [(f.code, f.file, dict(f.params)) for f in dataset.findings if f.is_error] == [
        ("too-many-columns", "datasets/wide/main.csv", {"count": 10_000, "limit": 2000})]
    assert "more than the 2000 the row database (SQLite) can store" in (
        dataset.findings[0].message("en"))


def test_the_build_excludes_it_as_invalid_instead_of_failing(tmp_path: Path) -> None:
    result = build(_wide(tmp_path, 2001), tmp_path / "out", today=TODAY)
    codes = [f.code for d in result.report.datasets for f in d.findings]
    assert codes == ["too-many-columns"]
    assert result.built == ()
