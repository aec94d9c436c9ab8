"""`portal import`: a city's 06 オープンデータ一覧 list and its files → datasets/<id>/ and
catalog entries, per row what was done or what staff must still supply.

Idempotent: an entry or file is written only when its content differs, so a rerun changes
nothing and an unchanged existing dataset is not even read again. Without ``update`` an
existing id is left alone. ``dry_run`` plans and reads everything and writes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from portal.catalog.write import dump_document, find_entry, load_document, plain, put_entry
from portal.errors import UsageError
from portal.findings import Finding
from portal.ingest.listing import PlannedDataset, PlannedFile, missing_columns, plan_list
from portal.ingest.sniff import table_format
from portal.validate.table import Table

ACTIONS = ("created", "updated", "unchanged", "skipped", "error")
TODO_FIELDS = ("title.ja", "description.ja", "category", "frequency")


@dataclass(frozen=True)
class RowResult:
    row: int
    list_id: str
    dataset_id: str
    action: str  # one of ACTIONS
    files: tuple[str, ...] = ()  # written (or, with dry_run, to be written), catalog-relative
    findings: tuple[Finding, ...] = ()
    todo: tuple[str, ...] = ()

    @property
    def needs_attention(self) -> bool:
        return self.action in ("skipped", "error") or bool(self.todo) or any(
            f.is_error for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "list_id": self.list_id, "id": self.dataset_id,
                "action": self.action, "files": list(self.files),
                "findings": [f.to_dict() for f in self.findings], "todo": list(self.todo)}


@dataclass(frozen=True)
class ImportResult:
    rows: tuple[RowResult, ...]
    dry_run: bool = False
    datasets: int = 0

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


@dataclass(frozen=True)
class _Read:
    table: Table | None
    schema: dict[str, Any] | None
    findings: tuple[Finding, ...] = ()


def _read(path: Path, fmt: str, shown: str, fix: bool) -> _Read:
    """The one place a listed file is read: with ``portal.ingest.ingest_file`` this becomes
    ``ingest_file(path, fix=fix, name=shown)``."""
    from portal.scaffold import infer_schema
    from portal.validate.read import read_table

    table, findings = read_table(path, shown, fmt)
    return _Read(table, infer_schema(table) if table is not None else None, tuple(findings))


def schema_beside(source: Path) -> dict[str, Any] | None:
    """A Table Schema already written for ``source``: ``<stem>.schema.json`` beside it (the
    repository's layout) or its resource in a ``datapackage.json`` beside it (a build's, or
    any data package's). Kept rather than inferred, so field types and constraints survive;
    an unreadable one is ignored and the schema inferred."""
    candidates: list[Any] = []
    try:
        own = source.with_name(f"{source.stem}.schema.json")
        if own.is_file():
            candidates.append(json.loads(own.read_text(encoding="utf-8")))
        package = source.with_name("datapackage.json")
        if package.is_file():
            resources = json.loads(package.read_text(encoding="utf-8")).get("resources", [])
            candidates += [r.get("schema") for r in resources
                           if isinstance(r, dict) and r.get("path") == source.name]
    except (OSError, ValueError, AttributeError):
        return None
    return next((c for c in candidates if isinstance(c, dict) and c.get("fields")), None)


def read_list(path: Path) -> Table:
    """The list as a table (CSV in UTF-8, UTF-8 BOM or CP932, or XLSX); usage errors else."""
    from portal.validate.read import read_table

    if not path.is_file():
        raise UsageError("import-list-unreadable", parameter="LIST", file=str(path),
                         reason="ファイルがありません / no such file")
    fmt = "xlsx" if path.suffix.lower() in (".xlsx", ".xlsm") else "csv"
    try:
        table, findings = read_table(path, path.name, fmt)
    except (OSError, ValueError, KeyError) as exc:  # openpyxl on a damaged workbook
        raise UsageError("import-list-unreadable", parameter="LIST", file=str(path),
                         reason=str(exc)) from None
    errors = [f for f in findings if f.is_error]
    if table is None or (errors and fmt == "csv" and errors[0].code != "row-length-mismatch"):
        reason = errors[0].message("en") if errors else "empty"
        raise UsageError("import-list-unreadable", parameter="LIST", file=str(path),
                         reason=reason)
    missing = missing_columns(table.header)
    if missing:
        raise UsageError("import-list-columns", parameter="LIST", file=str(path),
                         columns=", ".join(missing))
    return table


class FileIndex:
    """Files under --files by name, built once, to find a URL's last segment."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._by_name: dict[str, list[Path]] | None = None

    def locate(self, url: str) -> list[Path]:
        """The file a URL or relative path names: the longest tail of its path that exists
        under the root, else every file with its last segment's name."""
        path = unquote(urlsplit(url).path) if "://" in url else url.replace("\\", "/")
        parts = [p for p in PurePosixPath(path).parts if p not in ("/", ".", "..")]
        for start in range(len(parts)):
            candidate = self.root.joinpath(*parts[start:])
            if candidate.is_file():
                return [candidate]
        if not parts:
            return []
        if self._by_name is None:
            self._by_name = {}
            for found in sorted(self.root.rglob("*")):
                if found.is_file():
                    self._by_name.setdefault(found.name, []).append(found)
        return self._by_name.get(parts[-1], [])


def _csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows(table.cells.itertuples(index=False, name=None))
    return buffer.getvalue().encode("utf-8")


def _json_bytes(schema: Mapping[str, Any]) -> bytes:
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _merged(existing: Any, planned: Any) -> Any:
    """The list's values over the entry's, except where the list says nothing: staff's own
    additions in catalog.yaml (an English title, a category) survive an update."""
    if isinstance(planned, Mapping):
        old = existing if isinstance(existing, Mapping) else {}
        merged = dict(old)
        for key, value in planned.items():
            if key == "resources" and isinstance(old.get(key), list):
                # A resource keeps what staff added to it (a title), matched by name.
                by_name = {r.get("name"): r for r in old[key] if isinstance(r, Mapping)}
                merged[key] = [_merged(by_name.get(r["name"]), r) for r in value]
            else:
                merged[key] = _merged(old.get(key), value)
        return merged
    if planned in ("", [], None) and existing not in (None, ""):
        return existing
    return planned


def _write(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically unless the file already holds it; True when written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True


@dataclass
class _Options:
    root: Path
    files: FileIndex
    list_name: str
    fix: bool
    update: bool
    dry_run: bool
    today: date
    generated: frozenset[str] = frozenset()
    written: dict[str, list[str]] = field(default_factory=dict)


def _resource(plan: PlannedDataset, item: PlannedFile, opts: _Options,
              keep_schema: bool) -> tuple[dict[str, str] | None, RowResult | None,
                                          list[Finding]]:
    """Read one listed file and write its data and schema. (resource, None, findings) when
    imported; (None, RowResult, []) when the row is skipped or in error."""
    def failed(action: str, finding: Finding) -> RowResult:
        return RowResult(item.row, plan.list_id, plan.dataset_id, action, (), (finding,))

    if item.problem is not None:
        return None, failed("error", item.problem), []
    found = opts.files.locate(item.url)
    if len(found) != 1:
        code = "import-file-missing" if not found else "import-file-ambiguous"
        return None, failed("error", Finding(
            code, file=opts.list_name, row=item.row, column="URL", value=item.url,
            params={"files": str(opts.files.root), "candidates": ", ".join(
                str(p.relative_to(opts.files.root)) for p in found)})), []
    source = found[0]
    fmt, kind = table_format(source)
    shown = f"datasets/{plan.dataset_id}/{item.name}.csv"
    if fmt is None:
        return None, failed("skipped", Finding("file-not-machine-readable", file=source.name,
                                               row=item.row, params={"kind": kind})), []
    read = _read(source, fmt, source.name, opts.fix)
    if read.table is None or read.schema is None:
        return None, RowResult(item.row, plan.list_id, plan.dataset_id, "error", (),
                               read.findings), []
    schema_path = f"datasets/{plan.dataset_id}/{item.name}.schema.json"
    schema = schema_beside(source) or read.schema
    written = opts.written.setdefault(plan.dataset_id, [])
    if opts.dry_run:
        written += [shown, schema_path]
    else:
        if _write(opts.root / shown, _csv_bytes(read.table)):
            written.append(shown)
        schema_file = opts.root / schema_path
        if not (keep_schema and schema_file.is_file()) and _write(schema_file,
                                                                 _json_bytes(schema)):
            written.append(schema_path)
    resource = {"name": item.name, "path": shown, "format": "csv", "schema": schema_path}
    return resource, None, [f for f in read.findings if f.code != "file-missing"]


def _todo(entry: Mapping[str, Any]) -> tuple[str, ...]:
    missing = []
    for name in TODO_FIELDS:
        node: Any = entry
        for part in name.split("."):
            node = node.get(part) if isinstance(node, Mapping) else None
        if not node:
            missing.append(name)
    return tuple(missing)


def _import_dataset(plan: PlannedDataset, document: Any, opts: _Options) -> list[RowResult]:
    rows = list(plan.rows)
    if plan.blocked:
        by_row = {r: tuple(f for f in plan.findings if f.row == r) for r in rows}
        return [RowResult(r, plan.list_id, plan.dataset_id, "error", (),
                          by_row[r] + (plan.notes if r == rows[0] else ())) for r in rows]
    if plan.dataset_id in opts.generated:
        note = Finding("import-id-generated", file=opts.list_name, row=rows[0],
                       params={"entry": plan.dataset_id})
        return [RowResult(r, plan.list_id, plan.dataset_id, "unchanged", (),
                          (note,) if r == rows[0] else ()) for r in rows]
    existing = find_entry(document, plan.dataset_id)
    old = plain(existing) if existing is not None else None
    results: list[RowResult] = []
    if old is not None and not opts.update:
        # Left alone: not even read again. Unchanged when the list says what the entry says.
        same = _merged(old, plan.entry) == old
        action = "unchanged" if same else "skipped"
        notes = plan.notes + (() if same else (Finding(
            "import-id-exists", file=opts.list_name, row=rows[0],
            params={"entry": plan.dataset_id}),))
        return [RowResult(r, plan.list_id, plan.dataset_id, action, (),
                          notes if r == rows[0] else (), _todo(old)) for r in rows]
    resources: list[dict[str, str]] = []
    row_findings: dict[int, list[Finding]] = {}
    for item in plan.files:
        resource, failure, findings = _resource(plan, item, opts, keep_schema=old is not None)
        if failure is not None:
            results.append(failure)
            continue
        assert resource is not None
        resources.append(resource)
        row_findings[item.row] = findings
    imported = [item.row for item in plan.files if item.row in row_findings]
    if not resources:
        return results
    entry = {**plan.entry, "resources": resources}
    final = _merged(old, entry) if old is not None else entry
    changed = final != old
    if changed and not opts.dry_run:
        put_entry(document, final)
    written = opts.written.get(plan.dataset_id, [])
    action = ("created" if old is None else "updated" if changed or written else "unchanged")
    todo = _todo(final)
    files_of_row = {item.row: tuple(w for w in written if PurePosixPath(w).stem.split(".")[0]
                                    == item.name) for item in plan.files}
    for r in imported:
        extra = plan.notes if r == rows[0] else ()
        results.append(RowResult(r, plan.list_id, plan.dataset_id, action, files_of_row[r],
                                 extra + tuple(row_findings[r]), todo))
    return sorted(results, key=lambda result: result.row)


Progress = Callable[[int, int, str], None]


def import_list(list_path: Path, *, catalog_path: Path, files_dir: Path | None = None,
                fix: bool = False, update: bool = False, dry_run: bool = False,
                today: date | None = None, progress: Progress | None = None) -> ImportResult:
    """Import every row of ``list_path``; see the module docstring and docs/import.md."""
    from portal.validate.engine import validate_catalog

    today = today or date.today()
    files_root = files_dir if files_dir is not None else list_path.parent
    if not files_root.is_dir():
        raise UsageError("import-list-unreadable", parameter="--files", file=str(files_root),
                         reason="フォルダがありません / no such folder")
    document = load_document(catalog_path)
    table = read_list(list_path)
    plans = plan_list(table, plain(document["portal"]), today)
    opts = _Options(catalog_path.parent, FileIndex(files_root), list_path.name, fix, update,
                    dry_run, today, frozenset(document["portal"].get("generated") or ()))
    results: list[RowResult] = []
    for n, plan in enumerate(plans, start=1):
        results += _import_dataset(plan, document, opts)
        if progress is not None:
            progress(n, len(plans), plan.dataset_id)
    if not dry_run and any(r.action in ("created", "updated") for r in results):
        dump_document(document, catalog_path)
    # Only what was written is validated again; an unchanged dataset was checked when it
    # was imported (and `portal validate` checks everything).
    touched = sorted({r.dataset_id for r in results if r.action in ("created", "updated")})
    if touched and not dry_run:
        report = validate_catalog(catalog_path, ids=touched, today=today)
        results = _with_validation(results, report.datasets)
    return ImportResult(tuple(results), dry_run, len(plans))


def _with_validation(results: list[RowResult], reports: Any) -> list[RowResult]:
    """Each imported dataset's validation findings, on the first row listing it."""
    by_id = {report.id: report.findings for report in reports}
    done: set[str] = set()
    merged = []
    for result in results:
        extra: tuple[Finding, ...] = ()
        if result.dataset_id in by_id and result.dataset_id not in done and \
                result.action in ("created", "updated"):
            done.add(result.dataset_id)
            extra = by_id[result.dataset_id]
        merged.append(RowResult(result.row, result.list_id, result.dataset_id, result.action,
                                result.files, result.findings + extra, result.todo))
    return merged
