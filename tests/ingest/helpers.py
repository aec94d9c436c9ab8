"""Write what ``ingest_file`` returned as a dataset and validate it like `portal validate`."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

from portal.catalog.model import Dataset, Resource, Source, Text
from portal.ingest import IngestedFile
from portal.validate.engine import validate_dataset
from portal.validate.report import Finding
from portal.validate.standards import data_file_name

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
TODAY = date(2026, 11, 25)


def validate_ingested(result: IngestedFile, root: Path) -> list[Finding]:
    """Every finding of the written table (data CSV + schema) as a dataset with the
    recognised standard; the file is named as the standard asks."""
    assert result.table is not None and result.schema is not None
    folder = root / "datasets" / "sample"
    folder.mkdir(parents=True, exist_ok=True)
    name = data_file_name(result.standard, result.table, "sample", "092053")
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(result.table.header)
        writer.writerows(result.table.cells.itertuples(index=False, name=None))
    (folder / "sample.schema.json").write_text(json.dumps(result.schema, ensure_ascii=False),
                                               encoding="utf-8")
    dataset = Dataset(
        id="sample", title=Text("-", "-"), description=Text("-", "-"),
        publisher=Text("-", "-"), category="administration", tags=(), license="CC-BY-4.0",
        issued=TODAY, modified=TODAY, frequency="irregular", source=Source(Text("-", "-")),
        resources=(Resource("sample", f"datasets/sample/{name}", "csv",
                            "datasets/sample/sample.schema.json"),),
        standard=result.standard)
    report, _ = validate_dataset(dataset, root, TODAY)
    return list(report.findings)


def errors(findings: list[Finding]) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.row, f.column) for f in findings if f.is_error]
