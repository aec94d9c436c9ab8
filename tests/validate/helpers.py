"""Build small catalogs and Dataset records for validator tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from portal.catalog.model import Dataset, Resource, Source, Text
from portal.validate.engine import validate_dataset

TODAY = date(2026, 11, 25)


def dataset(dataset_id: str = "sample", name: str = "data.csv",
            standard: str | None = None) -> Dataset:
    return Dataset(
        id=dataset_id, title=Text("題", "Title"), description=Text("説明", "Description"),
        publisher=Text("市民課", "Citizens Division"), category="living", tags=(),
        license="CC-BY-4.0", issued=date(2024, 4, 1), modified=date(2024, 4, 1),
        frequency="annual", source=Source(Text("鹿沼市", "Kanuma City")),
        resources=(Resource("main", f"datasets/{dataset_id}/{name}", "csv",
                            f"datasets/{dataset_id}/main.schema.json"),),
        standard=standard)


def check(tmp_path: Path, content: str | bytes, fields: list[dict[str, Any]],
          name: str = "data.csv", **schema: Any) -> list[tuple[str, int | None, int | None,
                                                                 str | None]]:
    """Write the file and its schema, validate, and return (code, row, line, column)."""
    record = dataset(name=name, standard=schema.pop("standard", None))
    folder = tmp_path / "datasets" / record.id
    folder.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / name).write_bytes(data)
    (folder / "main.schema.json").write_text(
        json.dumps({"fields": fields, "missingValues": [""], **schema}, ensure_ascii=False),
        encoding="utf-8")
    report, _ = validate_dataset(record, tmp_path, TODAY)
    return [(f.code, f.row, f.line, f.column) for f in report.findings]
