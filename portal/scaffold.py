"""`portal new`: a dataset folder and catalog entry from an Excel, CSV or map file staff
already have — an import of one row (portal/ingest/importer.py, portal/ingest/writer.py).

The file is read, written and validated exactly as `portal import` does it for a list row
naming it: without --fix the data is re-encoded to UTF-8 but its cells are kept as written
(the schema records the type each column is meant to have, so the validator reports the
cells to fix) and the fixes --fix would make are printed; with --fix the machine-readable
table is written and the fix report is datasets/<id>/fix-report.md. Either way the
department's file is kept byte for byte as the resource's original when the data file is
not that file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from portal.catalog.ids import is_reserved_id, is_valid_id
from portal.catalog.write import find_entry, load_document
from portal.errors import Conflict, NotFound, UsageError
from portal.ingest import FixChange, render_fix_report
from portal.ingest.files import FileIndex
from portal.ingest.importer import import_plans
from portal.ingest.listing import PlannedDataset, PlannedFile
from portal.ingest.writer import FIELDS_TO_FILL, RowResult
from portal.messages import render
from portal.validate.render import render_text
from portal.validate.report import Finding, Report

__all__ = ["FIELDS_TO_FILL", "NewResult", "new_dataset", "render_new"]
DATA_UPDATED = ("データを更新", "Data updated")  # the changes: line of `portal new --update`


@dataclass(frozen=True)
class NewResult:
    dataset_id: str
    written: tuple[str, ...]
    report: Report
    todo: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = field(default_factory=tuple)  # the file could not be read
    read_findings: tuple[Finding, ...] = ()  # what reading the file found (before validation)
    fixes: tuple[FixChange, ...] = ()  # applied with --fix, else what --fix would change
    fixed: bool = False
    standard: str | None = None  # the 自治体標準オープンデータセット layout recognised
    exit_code: int = 1


def plan_new(dataset_id: str, source: Path, *, title: str | None, title_en: str | None,
             today: date, existing: Any) -> PlannedDataset:
    """The one-row list `portal new` amounts to. A new entry starts with the title given
    (else the id) and blanks for staff to fill — the publisher included: no department is
    guessed; an update changes only the data, the date and the history."""
    if existing is None:
        name = dataset_id
        entry: dict[str, Any] = {
            "id": dataset_id, "title": {"ja": title or dataset_id, "en": title_en or ""},
            "description": {"ja": "", "en": ""}, "publisher": "", "category": "", "tags": [],
            "license": "", "issued": today, "modified": today, "frequency": "",
            "source": {"title": {"ja": "", "en": ""}, "license": ""}}
    else:
        resources = existing.get("resources") or []
        name = str(resources[0]["name"]) if resources else dataset_id
        entry = {"id": dataset_id, "title": {"ja": title or "", "en": title_en or ""},
                 "issued": None, "modified": today}
    return PlannedDataset(dataset_id, dataset_id, (1,), entry,
                          (PlannedFile(1, source.name, name),))


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
    if not source.is_file():
        return NewResult(dataset_id, (), Report(),
                         findings=(Finding("file-missing", file=str(source)),))
    plan = plan_new(dataset_id, source, title=title, title_en=title_en, today=today,
                    existing=existing)
    if existing is None:  # the portal's licence, as `portal new` has always written it
        plan.entry["license"] = str(document["portal"]["license"])
    result = import_plans([plan], catalog_path=catalog_path, files=FileIndex(source.parent),
                          list_name=source.name, fix=fix, update=update, today=today,
                          change=DATA_UPDATED, partial=True)
    row: RowResult = result.rows[0]
    if row.action in ("error", "skipped"):  # unreadable, a document, or a refused file
        return NewResult(dataset_id, (), Report(), findings=row.findings)
    validated = [f for d in result.report.datasets for f in d.findings]
    written = row.files + ((catalog_path.name,) if row.action != "unchanged" else ())
    standard = find_entry(load_document(catalog_path), dataset_id).get("standard")
    return NewResult(dataset_id, written, result.report, row.todo,
                     read_findings=tuple(f for f in row.findings if f not in validated),
                     fixes=row.fixes, fixed=row.fixed,
                     standard=str(standard) if standard else None,
                     exit_code=0 if result.report.valid and not row.needs_attention else 1)


def render_new(result: NewResult, lang: str) -> str:
    lines = [render("new-written", lang, file=f) for f in result.written]
    if result.findings:
        lines += [f"{f.message(lang)} {f.fix(lang)}" for f in result.findings]
        lines.append(render("new-unreadable", lang, file=result.dataset_id))
        return "\n".join(lines) + "\n"
    # Without --fix: what is wrong and what --fix would change; with it: what it changed
    # and what it could not.
    lines += [f"{f.message(lang)} {f.fix(lang)}" for f in result.read_findings]
    if result.fixes:
        lines += ["", render_fix_report(result.fixes, lang, applied=result.fixed)]
    lines += [render("new-todo", lang, entry=result.dataset_id, field=f) for f in result.todo]
    lines.append("")
    lines.append(render_text(result.report, lang))
    return "\n".join(lines)
