"""`portal new`: a dataset folder and catalog entry from an Excel or CSV file staff already have.

Reading is portal/ingest/'s: without --fix the data is re-encoded to UTF-8 but its cells are
kept as written, and the schema records the type each column is meant to have, so the
validator reports the cells that need fixing; ingest's findings and the fixes --fix would make
are printed. With --fix the machine-readable table is written, the input is kept beside it as
the resource's `original`, and the fix report is written to datasets/<id>/fix-report.md.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from portal.catalog.ids import is_reserved_id, is_valid_id
from portal.catalog.model import Dataset, Resource, Source, Text
from portal.catalog.write import (
    dump_document,
    find_entry,
    load_document,
    missing_fields,
    new_entry,
    put_entry,
    record_change,
)
from portal.errors import Conflict, NotFound, UsageError
from portal.filekind import LAYER_FORMATS, kind_finding, sniff
from portal.ingest import FixChange, IngestedFile, render_fix_report
from portal.ingest.files import csv_bytes, json_bytes
from portal.ingest.layers import copy_parts, ingest_geo
from portal.ingest.listing import slug
from portal.ingest.model import REPORTED_AFTER_FIX
from portal.ingest.pipeline import ingest_sheets
from portal.messages import render
from portal.validate.engine import validate_catalog, validate_dataset
from portal.validate.render import render_text
from portal.validate.report import DatasetReport, Finding, Report
from portal.validate.standards import data_file_name

# Fields staff must write themselves: nothing here can be guessed from a file.
FIELDS_TO_FILL = ("title.en", "description.ja", "description.en", "category", "frequency",
               "source.title", "source.license")


@dataclass(frozen=True)
class NewResult:
    dataset_id: str
    written: tuple[str, ...]
    report: Report
    todo: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = field(default_factory=tuple)  # the file could not be read
    ingested: IngestedFile | None = None

    @property
    def exit_code(self) -> int:
        return 0 if self.report.valid and not self.findings else 1


def new_dataset(source: Path, dataset_id: str, *, catalog_path: Path, title: str | None = None,
                title_en: str | None = None, update: bool = False, fix: bool = False,
                today: date | None = None, lang: str = "ja") -> NewResult:
    today = today or date.today()
    if not is_valid_id(dataset_id):
        raise UsageError("new-bad-id", parameter="--id", entry=dataset_id)
    if is_reserved_id(dataset_id):
        raise UsageError("catalog-id-reserved", parameter="--id", entry=dataset_id)
    document = load_document(catalog_path)
    existing = find_entry(document, dataset_id)
    if existing is not None and not update:
        raise Conflict("new-id-exists", parameter="--id", entry=dataset_id)
    if existing is None and update:
        raise NotFound("new-id-unknown", parameter="--id", entry=dataset_id)
    kind = sniff(source) if source.is_file() else None
    refused = kind_finding(kind, source.name) if kind is not None else None
    if refused is not None:  # a document, or content that contradicts the suffix
        return NewResult(dataset_id, (), Report(), findings=(refused,))
    # A Shapefile or GeoJSON is kept as it is: portal/ingest/layers.py.
    geo = kind.format if kind is not None and kind.format in LAYER_FORMATS else None
    # With --fix a workbook's further data sheets are resources of their own (new datasets).
    sheets = (ingest_geo(source, geo),) if geo else ingest_sheets(source, fix=fix)
    ingested = sheets[0]
    table, schema = ingested.table, ingested.schema
    if table is None or schema is None:
        return NewResult(dataset_id, (), Report(), findings=ingested.findings,
                         ingested=ingested)
    root = catalog_path.parent
    folder = root / "datasets" / dataset_id
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    portal = document["portal"]
    # Named as `portal import` names it: a standard file by the standard (092053_aed.csv, or
    # the code written in the data), anything else after the dataset.
    data_name = source.name if geo else data_file_name(
        ingested.standard, table, dataset_id, str(portal.get("local_government_code", "")))
    original = _keep_original(source, dataset_id, root, data_name) if fix and not geo else None
    if existing is not None:
        resource = existing["resources"][0]
        data_path = root / resource["path"]
        copy_parts(source, data_path) if geo else data_path.write_bytes(csv_bytes(table))
        existing["modified"] = today
        # Staff may reword it to say what changed; the page shows it as written.
        record_change(existing, today, "データを更新", "Data updated")
        written.append(resource["path"])
        if original is not None:
            resource["original"] = original
    else:
        data_file = f"datasets/{dataset_id}/" + (
            f"{dataset_id}{source.suffix.lower()}" if geo else data_name)
        schema_file = f"datasets/{dataset_id}/{dataset_id}.schema.json"
        copy_parts(source, root / data_file) if geo else \
            (root / data_file).write_bytes(csv_bytes(table))
        (root / schema_file).write_bytes(json_bytes(schema))
        entry = new_entry(dataset_id, title or dataset_id, title_en or "", data_file,
                          schema_file, portal["publisher"], portal["license"], today,
                          geo or "csv")
        if original is not None:
            entry["resources"][0]["original"] = original
        if ingested.standard is not None:
            entry["standard"] = ingested.standard
        written += [data_file, schema_file]
        for position, sheet in enumerate(sheets[1:], start=2):
            resource, files = _sheet_resource(root, dataset_id, sheet, position, original)
            if resource is not None:
                entry["resources"].append(resource)
                written += files
        put_entry(document, entry)
    if original is not None:
        fixes = [change for sheet in sheets for change in sheet.fixes]
        written += [original, _write_fix_report(folder, dataset_id, fixes, lang)]
    dump_document(document, catalog_path)
    written.append(catalog_path.name)
    report = validate_catalog(catalog_path, ids=[dataset_id], today=today)
    if existing is None:
        report = _with_data_findings(report, dataset_id, root, today, ingested.standard,
                                     geo or "csv", data_file)
    todo = (missing_fields(find_entry(document, dataset_id), FIELDS_TO_FILL)
            if existing is None else ())
    return NewResult(dataset_id, tuple(written), report, todo, ingested=ingested)


def _keep_original(source: Path, dataset_id: str, root: Path, data_name: str) -> str:
    """Copy the input into datasets/<id>/ (never over the data file) and return its path."""
    name = source.name
    if name in (data_name, f"{dataset_id}.csv", f"{dataset_id}.schema.json"):
        name = f"original-{name}"
    relative = f"datasets/{dataset_id}/{name}"
    if source.resolve() != (root / relative).resolve():
        shutil.copyfile(source, root / relative)
    return relative


def _sheet_resource(root: Path, dataset_id: str, sheet: IngestedFile, position: int,
                    original: str | None) -> tuple[dict[str, Any] | None, list[str]]:
    """A workbook's further sheet as a resource: ``<id>-<sheet slug>`` (or ``<id>-<n>`` when
    the sheet's name has no ASCII), titled as the sheet, sharing the workbook as original."""
    if sheet.table is None or sheet.schema is None:
        return None, []
    name = f"{dataset_id}-{slug(sheet.sheet or '') or position}"
    data_file = f"datasets/{dataset_id}/{name}.csv"
    schema_file = f"datasets/{dataset_id}/{name}.schema.json"
    (root / data_file).write_bytes(csv_bytes(sheet.table))
    (root / schema_file).write_bytes(json_bytes(sheet.schema))
    resource: dict[str, Any] = {"name": name, "path": data_file, "format": "csv",
                                "schema": schema_file, "title": {"ja": sheet.sheet or name}}
    if original is not None:
        resource["original"] = original
    return resource, [data_file, schema_file]


def _write_fix_report(folder: Path, dataset_id: str, fixes: list[FixChange], lang: str) -> str:
    path = folder / "fix-report.md"
    path.write_text(render_fix_report(fixes, lang), encoding="utf-8")
    return f"datasets/{dataset_id}/fix-report.md"


def _with_data_findings(report: Report, dataset_id: str, root: Path, today: date,
                        standard: str | None = None, fmt: str = "csv",
                        data_file: str | None = None) -> Report:
    """While the entry is still incomplete the catalog check stops at it; check the files
    anyway so that staff see the data problems at once."""
    if any(f.code not in ("catalog-field-missing", "catalog-field-invalid")
           for d in report.datasets for f in d.findings):
        return report
    placeholder = Dataset(
        id=dataset_id, title=Text("-", "-"), description=Text("-", "-"),
        publisher=Text("-", "-"), category="administration", tags=(), license="CC-BY-4.0",
        issued=today, modified=today, frequency="irregular", source=Source(Text("-", "-")),
        resources=(Resource(dataset_id, data_file or f"datasets/{dataset_id}/{dataset_id}.csv",
                            fmt, f"datasets/{dataset_id}/{dataset_id}.schema.json"),),
        standard=standard)
    data_report, _ = validate_dataset(placeholder, root, today)
    merged = [DatasetReport(d.id, d.findings + (data_report.findings if d.id == dataset_id
                                                else ())) for d in report.datasets]
    return Report(datasets=tuple(merged), catalog=report.catalog)


def render_new(result: NewResult, lang: str) -> str:
    lines = [render("new-written", lang, file=f) for f in result.written]
    if result.findings:
        lines += [f"{f.message(lang)} {f.fix(lang)}" for f in result.findings]
        lines.append(render("new-unreadable", lang, file=result.dataset_id))
        return "\n".join(lines) + "\n"
    ingested = result.ingested
    if ingested is not None:
        # Without --fix: what is wrong and what --fix would change; with it: what it changed.
        if not ingested.fixed:
            lines += [f"{f.message(lang)} {f.fix(lang)}" for f in ingested.findings]
        else:
            lines += [f"{f.message(lang)} {f.fix(lang)}" for f in ingested.findings
                      if f.code in REPORTED_AFTER_FIX]
        if ingested.fixes:
            lines += ["", render_fix_report(ingested.fixes, lang, applied=ingested.fixed)]
    lines += [render("new-todo", lang, entry=result.dataset_id, field=f) for f in result.todo]
    lines.append("")
    lines.append(render_text(result.report, lang))
    return "\n".join(lines)

