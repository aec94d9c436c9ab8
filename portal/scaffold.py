"""`portal new`: a dataset folder and catalog entry from an Excel or CSV file staff already have.

The data is re-encoded to UTF-8 but its cells are kept as written, and the schema records the
type each column is meant to have (a column of numbers with a few full-width digits is still an
integer column; a column of 和暦 dates is a date column) — so the validator then reports the
cells that need fixing instead of the schema silently accepting them as text.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from portal.catalog.ids import is_valid_id
from portal.catalog.model import Dataset, Resource, Source, Text
from portal.catalog.write import (
    dump_document,
    find_entry,
    load_document,
    new_entry,
    put_entry,
)
from portal.errors import Conflict, NotFound, UsageError
from portal.messages import render
from portal.validate.engine import validate_catalog, validate_dataset
from portal.validate.read import read_table
from portal.validate.render import render_text
from portal.validate.report import DatasetReport, Finding, Report
from portal.validate.rules.dates import WAREKI
from portal.validate.table import Table

# Fields staff must write themselves: nothing here can be guessed from a file.
FIELDS_TO_FILL = ("title.en", "description.ja", "description.en", "category", "frequency",
               "source.title", "source.license")
GEO = {"緯度": "緯度(十進度、世界測地系) / latitude, decimal degrees",
       "経度": "経度(十進度、世界測地系) / longitude, decimal degrees"}


@dataclass(frozen=True)
class NewResult:
    dataset_id: str
    written: tuple[str, ...]
    report: Report
    todo: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def exit_code(self) -> int:
        return 0 if self.report.valid and not self.findings else 1


def _intended_type(cells: pd.Series) -> str:
    """The type a column is meant to have, judged on NFKC-normalised text."""
    values = cells[cells.str.strip() != ""].map(lambda v: unicodedata.normalize("NFKC", v))
    if values.empty:
        return "string"
    plain = values.str.replace(",", "", regex=False).str.strip()
    if plain.str.fullmatch(r"[+-]?\d+").all():
        return "integer"
    if plain.str.fullmatch(r"[+-]?\d+(?:\.\d+)?").all():
        return "number"
    if values.str.fullmatch(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}|" + WAREKI).all():
        return "date"
    if values.str.lower().isin(["true", "false"]).all():
        return "boolean"
    return "string"


def infer_schema(table: Table) -> dict[str, Any]:
    fields = []
    for index, name in enumerate(table.header):
        column = table.cells[index]
        kind = "number" if name in GEO else _intended_type(column)
        descriptor: dict[str, Any] = {"name": name, "title": name, "type": kind}
        if name in GEO:
            descriptor["description"] = GEO[name]
        if len(column) and (column.str.strip() != "").all():
            descriptor["constraints"] = {"required": True}
        fields.append(descriptor)
    return {"fields": fields, "missingValues": [""]}


def _write_csv(path: Path, table: Table) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(table.header)
        writer.writerows(table.cells.itertuples(index=False, name=None))


def new_dataset(source: Path, dataset_id: str, *, catalog_path: Path, title: str | None = None,
                title_en: str | None = None, update: bool = False,
                today: date | None = None) -> NewResult:
    today = today or date.today()
    if not is_valid_id(dataset_id):
        raise UsageError("new-bad-id", parameter="--id", entry=dataset_id)
    document = load_document(catalog_path)
    existing = find_entry(document, dataset_id)
    if existing is not None and not update:
        raise Conflict("new-id-exists", parameter="--id", entry=dataset_id)
    if existing is None and update:
        raise NotFound("new-id-unknown", parameter="--id", entry=dataset_id)
    fmt = "xlsx" if source.suffix.lower() in (".xlsx", ".xlsm") else "csv"
    table, findings = read_table(source, source.name, fmt)
    if table is None:
        return NewResult(dataset_id, (), Report(), findings=tuple(findings))
    root = catalog_path.parent
    folder = root / "datasets" / dataset_id
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    if existing is not None:
        resource = existing["resources"][0]
        data_path = root / resource["path"]
        _write_csv(data_path, table)
        existing["modified"] = today
        written.append(resource["path"])
    else:
        data_file = f"datasets/{dataset_id}/{dataset_id}.csv"
        schema_file = f"datasets/{dataset_id}/{dataset_id}.schema.json"
        _write_csv(root / data_file, table)
        (root / schema_file).write_text(
            json.dumps(infer_schema(table), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8")
        portal = document["portal"]
        put_entry(document, new_entry(dataset_id, title or dataset_id, title_en or "",
                                      data_file, schema_file, portal["publisher"],
                                      portal["license"], today))
        written += [data_file, schema_file]
    dump_document(document, catalog_path)
    written.append(catalog_path.name)
    report = validate_catalog(catalog_path, ids=[dataset_id], today=today)
    if existing is None:
        report = _with_data_findings(report, dataset_id, root, today)
    todo = tuple(_todo(document, dataset_id)) if existing is None else ()
    return NewResult(dataset_id, tuple(written), report, todo)


def _with_data_findings(report: Report, dataset_id: str, root: Path, today: date) -> Report:
    """While the entry is still incomplete the catalog check stops at it; check the files
    anyway so that staff see the data problems at once."""
    if any(f.code not in ("catalog-field-missing", "catalog-field-invalid")
           for d in report.datasets for f in d.findings):
        return report
    placeholder = Dataset(
        id=dataset_id, title=Text("-", "-"), description=Text("-", "-"),
        publisher=Text("-", "-"), category="administration", tags=(), license="CC-BY-4.0",
        issued=today, modified=today, frequency="irregular", source=Source(Text("-", "-")),
        resources=(Resource(dataset_id, f"datasets/{dataset_id}/{dataset_id}.csv", "csv",
                            f"datasets/{dataset_id}/{dataset_id}.schema.json"),))
    data_report, _ = validate_dataset(placeholder, root, today)
    merged = [DatasetReport(d.id, d.findings + (data_report.findings if d.id == dataset_id
                                                else ())) for d in report.datasets]
    return Report(datasets=tuple(merged), catalog=report.catalog)


def _todo(document: Any, dataset_id: str) -> list[str]:
    entry = next(e for e in document["datasets"] if e.get("id") == dataset_id)
    missing = []
    for path in FIELDS_TO_FILL:
        node: Any = entry
        for part in path.split("."):
            node = node.get(part) if hasattr(node, "get") else None
        if hasattr(node, "get"):
            node = node.get("ja")
        if not node:
            missing.append(path)
    return missing


def render_new(result: NewResult, lang: str) -> str:
    lines = [render("new-written", lang, file=f) for f in result.written]
    if result.findings:
        lines += [f.message(lang) for f in result.findings]
        lines.append(render("new-unreadable", lang, file=result.dataset_id))
        return "\n".join(lines) + "\n"
    lines += [render("new-todo", lang, entry=result.dataset_id, field=f) for f in result.todo]
    lines.append("")
    lines.append(render_text(result.report, lang))
    return "\n".join(lines)

