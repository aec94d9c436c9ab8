"""`portal import`: a city's 06 オープンデータ一覧 list and its files → datasets/<id>/ and
catalog entries, per row what was done or what staff must still supply.

Idempotent: an entry or file is written only when its content differs, so a rerun changes
nothing and an unchanged existing dataset is not even read again. Without ``update`` an
existing id is left alone. ``dry_run`` does all of it on a scratch copy and keeps nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from portal.catalog.write import dump_document, find_entry, load_document, plain
from portal.errors import UsageError
from portal.findings import Finding
from portal.ingest import writer
from portal.ingest.files import FileIndex, Staging, read_list
from portal.ingest.listing import PlannedDataset, plan_list
from portal.ingest.writer import ACTIONS, UPDATED_FROM_LIST, RowResult, WriteOptions
from portal.messages import reason
from portal.validate.report import Report

__all__ = ["ImportResult", "RowResult", "import_list", "import_plans"]
VALIDATED = ("created", "updated", "unchanged")  # rows whose dataset is in the catalog


@dataclass(frozen=True)
class ImportResult:
    rows: tuple[RowResult, ...]
    dry_run: bool = False
    datasets: int = 0
    report: Report = field(default_factory=Report, compare=False)  # validation after it

    @property
    def exit_code(self) -> int:
        return 1 if any(r.needs_attention for r in self.rows) else 0

    def count(self, action: str) -> int:
        return len({r.dataset_id for r in self.rows if r.action == action})

    def to_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "exit_code": self.exit_code,
            "summary": {"rows": len(self.rows), "datasets": self.datasets,
                        **{a: self.count(a) for a in ACTIONS[:3]},
                        "attention": sum(r.needs_attention for r in self.rows)},
            "rows": [r.to_dict() for r in self.rows],
        }


Progress = Callable[[int, int, str], None]


def import_list(list_path: Path, *, catalog_path: Path, files_dir: Path | None = None,
                fix: bool = False, update: bool = False, dry_run: bool = False,
                today: date | None = None, progress: Progress | None = None) -> ImportResult:
    """Import every row of ``list_path``; see the module docstring and docs/import.md."""
    files_root = files_dir if files_dir is not None else list_path.parent
    if not files_root.is_dir():
        raise UsageError("import-list-unreadable", parameter="--files", file=str(files_root),
                         reason=reason("no-such-folder"))
    document = load_document(catalog_path)
    plans = plan_list(read_list(list_path), plain(document["portal"]))
    return import_plans(plans, catalog_path=catalog_path, files=FileIndex(files_root),
                        list_name=list_path.name, fix=fix, update=update, dry_run=dry_run,
                        today=today, progress=progress)


def import_plans(plans: list[PlannedDataset], *, catalog_path: Path, files: FileIndex,
                 list_name: str, fix: bool = False, update: bool = False,
                 dry_run: bool = False, today: date | None = None,
                 progress: Progress | None = None,
                 change: tuple[str, str] = UPDATED_FROM_LIST,
                 partial: bool = False) -> ImportResult:
    """Write each planned dataset (portal/ingest/writer.py), then commit the files with the
    catalog and validate every dataset the rows name; `portal new` calls this with one plan.

    A dry run is this same run on a scratch copy of catalog.yaml and datasets/, thrown away
    afterwards: it reports exactly what the real run would (actions, files, findings after
    validation, exit code) and leaves the repository as it was."""
    today = today or date.today()
    load_document(catalog_path)  # a missing catalog is a usage error before anything else
    if dry_run:
        # Beside the catalog, so that its files can be hard links (the same file system);
        # hidden, so no files folder lists it.
        with tempfile.TemporaryDirectory(prefix=".portal-dry-run-",
                                         dir=catalog_path.parent) as scratch:
            copy = _scratch_copy(catalog_path, Path(scratch))
            result = import_plans(plans, catalog_path=copy, files=files, list_name=list_name,
                                  fix=fix, update=update, today=today, progress=progress,
                                  change=change, partial=partial)
        return replace(result, dry_run=True)
    from portal.validate.engine import validate_catalog

    document = load_document(catalog_path)
    staging = Staging(catalog_path.parent)
    opts = WriteOptions(catalog_path.parent, files, list_name, fix, update, today,
                        str(document["portal"].get("local_government_code", "")), staging,
                        change, partial)
    if not update:
        changed = {plan.dataset_id: files for plan in plans
                   if not plan.blocked and find_entry(document, plan.dataset_id) is not None
                   and (files := writer.changed_files(plan, opts))}
        opts = replace(opts, changed=changed, retry=retried_ids(changed, catalog_path, today))
    results: list[RowResult] = []
    try:
        for n, plan in enumerate(plans, start=1):
            results += writer.write_dataset(plan, document, opts)
            if progress is not None:
                progress(n, len(plans), plan.dataset_id)
        # The files, then the entries that name them; nothing of either before this point.
        staging.commit()
        if any(r.action in ("created", "updated") for r in results):
            dump_document(document, catalog_path)
    finally:
        staging.discard()  # whatever stopped the import: no file without its entry
    # A row is judged by its dataset's validation, whether or not this run wrote it: a rerun
    # after a failed import fails again until the data or the entry is put right.
    listed = sorted({r.dataset_id for r in results if r.action in VALIDATED
                     and find_entry(document, r.dataset_id) is not None})
    report = Report()
    if listed:
        report = validate_catalog(catalog_path, ids=listed, today=today)
        results = _with_validation(results, report.datasets)
    return ImportResult(tuple(results), False, len(plans), report)


def retried_ids(changed: Mapping[str, Any], catalog_path: Path, today: date) -> frozenset[str]:
    """Existing datasets that a corrected file re-imports without --update: of those with a
    listed file that differs from every file they hold (``changed``), the ones that fail
    validation now. A failed import published nothing, so reading it again replaces nothing a
    resident sees; a valid dataset is only ever replaced with --update."""
    from portal.validate.engine import validate_catalog

    if not changed:
        return frozenset()
    report = validate_catalog(catalog_path, ids=sorted(changed), today=today)
    return frozenset(d.id for d in report.datasets if not d.valid)


def _scratch_copy(catalog_path: Path, scratch: Path) -> Path:
    """catalog.yaml and datasets/ under ``scratch``; files are hard links where the file
    system allows (every write of an import replaces a file, never changes one in place)."""
    def link(source: str, target: str) -> None:
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    copy = scratch / catalog_path.name
    shutil.copy2(catalog_path, copy)
    datasets = catalog_path.parent / "datasets"
    if datasets.is_dir():
        shutil.copytree(datasets, scratch / "datasets", copy_function=link, symlinks=True)
    return copy


def _with_validation(results: list[RowResult], reports: Any) -> list[RowResult]:
    """Each imported dataset's validation findings, on the first row listing it."""
    by_id = {report.id: report.findings for report in reports}
    done: set[str] = set()
    merged = []
    for result in results:
        extra: tuple[Finding, ...] = ()
        if result.dataset_id in by_id and result.dataset_id not in done and \
                result.action in VALIDATED:
            done.add(result.dataset_id)
            extra = by_id[result.dataset_id]
        merged.append(replace(result, findings=result.findings + extra))
    return merged
