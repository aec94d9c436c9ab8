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

from portal.catalog.ids import is_reserved_id
from portal.catalog.write import (
    dump_document,
    find_entry,
    first_published,
    load_document,
    missing_fields,
    plain,
    put_entry,
    record_change,
)
from portal.errors import UsageError
from portal.filekind import LAYER_FORMATS, kind_finding, sniff
from portal.findings import Finding
from portal.geo.archive import archive_findings
from portal.geo.new import ingest_geo, layer_files
from portal.ingest import IngestedFile, render_fix_report
from portal.ingest.files import (
    FileIndex,
    Staging,
    csv_bytes,
    json_bytes,
    read_list,
    schema_beside,
    schema_field_names,
)
from portal.ingest.listing import PlannedDataset, PlannedFile, plan_list, slug
from portal.ingest.model import REPORTED_AFTER_FIX
from portal.ingest.pipeline import ingest_sheets
from portal.validate.standards import data_file_name

ACTIONS = ("created", "updated", "unchanged", "skipped", "error")
VALIDATED = ("created", "updated", "unchanged")  # rows whose dataset is in the catalog
# What a list row may leave blank. Fewer than `portal new`'s FIELDS_TO_FILL: an imported
# entry's source is the city's, and its English texts come from the list when it has them.
FIELDS_TO_SUPPLY = ("title.ja", "description.ja", "category", "frequency")


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


def _read(path: Path, shown: str, fix: bool) -> tuple[IngestedFile, ...]:
    """The one place a listed file is read: header found, preamble and notes told apart,
    the fixes --fix makes applied or proposed (portal/ingest/pipeline.py); with --fix, a
    workbook's further data sheets after the first."""
    return ingest_sheets(path, fix=fix, name=shown)


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


@dataclass
class _Options:
    root: Path
    files: FileIndex
    list_name: str
    fix: bool
    update: bool
    today: date
    local_government_code: str = ""
    staging: Staging = field(default_factory=lambda: Staging(Path(), dry_run=True))


@dataclass(frozen=True)
class _Imported:
    """One listed file read (and, unless a dry run, written): its resource in the entry."""

    resource: dict[str, str]
    written: tuple[str, ...]
    read: IngestedFile


def _sheet_name(item: PlannedFile, read: IngestedFile, position: int) -> str:
    """The resource name of a workbook's further sheet: the row's name and the sheet's slug
    (``data-sheet2``), or its position when the name has no ASCII (「保育所 一覧」 → ``data-2``)."""
    return f"{item.name}-{slug(read.sheet or '') or position}"


def _resource(plan: PlannedDataset, item: PlannedFile, opts: _Options,
              keep_schema: bool) -> list[_Imported] | RowResult:
    """Read one listed file and write its data, schema and (with --fix) the original — one
    resource per data sheet of a workbook; a ``RowResult`` when the row is skipped or in
    error."""
    def failed(action: str, finding: Finding) -> RowResult:
        return RowResult(item.row, plan.list_id, plan.dataset_id, action, (), (finding,))

    if item.problem is not None:
        return failed("error", item.problem)
    found = opts.files.locate(item.url)
    if len(found) != 1:
        code = "import-file-missing" if not found else "import-file-ambiguous"
        return failed("error", Finding(
            code, file=opts.list_name, row=item.row, column="URL", value=item.url,
            params={"files": str(opts.files.root), "candidates": ", ".join(
                str(p.relative_to(opts.files.root)) for p in found)}))
    source = found[0]
    kind = sniff(source)
    unsafe = archive_findings(source, source.name) if source.suffix.lower() == ".zip" else []
    if unsafe:  # a traversal member or a zip bomb: refused (an error), not merely skipped
        return RowResult(item.row, plan.list_id, plan.dataset_id, "error", (),
                         tuple(replace(f, row=item.row) for f in unsafe))
    refused = kind_finding(kind, source.name, item.row)
    if refused is not None:
        action = "skipped" if refused.code == "file-not-machine-readable" else "error"
        return failed(action, refused)
    if kind.format in LAYER_FORMATS:
        layer = _layer(plan, item, opts, keep_schema, source, kind.format)
        return layer if isinstance(layer, RowResult) else [layer]
    reads = _read(source, source.name, opts.fix)
    if reads[0].table is None or reads[0].schema is None:
        return RowResult(item.row, plan.list_id, plan.dataset_id, "error", (),
                         reads[0].findings)
    done = [_write_resource(plan, item, opts, keep_schema, source, reads[0], item.name)]
    for position, read in enumerate(reads[1:], start=2):
        if read.table is not None and read.schema is not None:
            done.append(_write_resource(plan, item, opts, keep_schema, source, read,
                                        _sheet_name(item, read, position)))
    return done


def _write_resource(plan: PlannedDataset, item: PlannedFile, opts: _Options, keep_schema: bool,
                    source: Path, read: IngestedFile, name: str) -> _Imported:
    assert read.table is not None and read.schema is not None
    folder = f"datasets/{plan.dataset_id}"
    first = name == item.name
    # A standard layout's file is named as the standard says, by the code of the government
    # the data is about: the file's own, else the list row's (Yaizu's is 222127_aed.csv
    # whichever portal imports it), the portal's only when neither says.
    standard = read.standard if item == plan.files[0] and first else None
    data_name = data_file_name(standard, read.table, name, item.code,
                               opts.local_government_code)
    resource: dict[str, Any] = {"name": name, "path": f"{folder}/{data_name}", "format": "csv",
                                "schema": f"{folder}/{name}.schema.json"}
    if not first:  # a further sheet of a workbook, titled as the sheet
        resource["title"] = {"ja": read.sheet or name}
    data = csv_bytes(read.table)
    contents = {resource["path"]: data}
    kept, replaced = _kept_schema(opts, resource["schema"], read.table.header, keep_schema)
    if not kept:
        beside = schema_beside(source) if first else None  # it describes the first sheet
        contents[resource["schema"]] = json_bytes(beside or read.schema)
    original = source.read_bytes()
    if original != data:
        # The file as the department handed it over, byte for byte, published as the
        # resource's original whenever the data file is not that file (re-encoded, fixed,
        # read from a workbook).
        resource["original"] = f"{folder}/original/{source.name}"
        contents[resource["original"]] = original
    written = _write(contents, opts)
    if read.fixed:  # what was fixed is in the fix report; what could not be, stays
        read = replace(read, findings=tuple(f for f in read.findings
                                            if f.code in REPORTED_AFTER_FIX))
    return _Imported(resource, written, replace(read, findings=replaced + read.findings))


def _kept_schema(opts: _Options, schema: str, header: tuple[str, ...],
                 keep: bool) -> tuple[bool, tuple[Finding, ...]]:
    """Whether an existing schema is kept on --update: only while its field names are the
    data's header. One that no longer fits (the header was fixed, the department changed its
    columns) is written anew, and said so; a missing one is written again."""
    if not keep:
        return False, ()
    names = schema_field_names(opts.root / schema)
    if names is None:
        return False, ()
    if names == tuple(header):
        return True, ()
    return False, (Finding("ingest-schema-replaced", file=schema,
                           params={"old": ", ".join(names[:5]),
                                   "new": ", ".join(header[:5])}),)


def _layer(plan: PlannedDataset, item: PlannedFile, opts: _Options, keep_schema: bool,
           source: Path, fmt: str) -> _Imported | RowResult:
    """A GeoJSON or Shapefile row, as `portal new` takes it (portal/geo/new.py): the file
    kept as it is with its sidecars, the schema typed from the layer's own field types;
    the build makes the WGS84 GeoJSON, attribute tables and map."""
    read = ingest_geo(source, fmt)
    if read.table is None or read.schema is None:
        return RowResult(item.row, plan.list_id, plan.dataset_id, "error", (), read.findings)
    folder = f"datasets/{plan.dataset_id}"
    resource = {"name": item.name, "path": f"{folder}/{item.name}{source.suffix.lower()}",
                "format": fmt, "schema": f"{folder}/{item.name}.schema.json"}
    contents = {path: part.read_bytes()
                for path, part in layer_files(source, resource["path"]).items()}
    kept, replaced = _kept_schema(opts, resource["schema"], read.table.header, keep_schema)
    if not kept:
        contents[resource["schema"]] = json_bytes(schema_beside(source) or read.schema)
    # Validation after the import reads the layer again and reports the same findings.
    return _Imported(resource, _write(contents, opts), replace(read, findings=replaced))


def _write(contents: Mapping[str, bytes], opts: _Options) -> tuple[str, ...]:
    """Stage each changed file (portal.ingest.files.Staging: moved into datasets/ only with
    the catalog, nothing in a dry run); the paths written or to be written."""
    return tuple(path for path, data in contents.items() if opts.staging.stage(path, data))


def _fix_report(plan: PlannedDataset, imported: list[_Imported], opts: _Options) -> list[str]:
    """With --fix, every change made to the dataset's files, beside them for the pull
    request (datasets/<id>/fix-report.md)."""
    fixes = [change for done in imported if done.read.fixed for change in done.read.fixes]
    if not fixes:
        return []
    path = f"datasets/{plan.dataset_id}/fix-report.md"
    text = render_fix_report(fixes, "ja")
    if opts.staging.stage(path, text.encode("utf-8")):
        return [path]
    return []


def _todo(entry: Mapping[str, Any]) -> tuple[str, ...]:
    return missing_fields(entry, FIELDS_TO_SUPPLY)


def _import_dataset(plan: PlannedDataset, document: Any, opts: _Options) -> list[RowResult]:
    rows = list(plan.rows)
    if plan.blocked:
        by_row = {r: tuple(f for f in plan.findings if f.row == r) for r in rows}
        return [RowResult(r, plan.list_id, plan.dataset_id, "error", (),
                          by_row[r] + (plan.notes if r == rows[0] else ())) for r in rows]
    if is_reserved_id(plan.dataset_id):
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
    imported: dict[int, list[_Imported]] = {}
    for item in plan.files:
        outcome = _resource(plan, item, opts, keep_schema=old is not None)
        if isinstance(outcome, RowResult):
            results.append(outcome)
        else:
            imported[item.row] = outcome
    if not imported:
        return results
    every = [done for sheets in imported.values() for done in sheets]
    entry: dict[str, Any] = {**plan.entry, "resources": [done.resource for done in every]}
    standards = {sheets[0].read.standard for sheets in imported.values()}
    if len(standards) == 1 and None not in standards:
        entry["standard"] = standards.pop()
    final = _merged(old, entry) if old is not None else entry
    final["issued"] = final["issued"] or opts.today
    final["modified"] = final["modified"] or final["issued"]
    if old is None:  # the history starts after the dates, as portal new writes it
        items = list(final.items())
        at = next(i for i, (key, _) in enumerate(items) if key == "modified") + 1
        final = dict(items[:at] + [("changes", [first_published(final["issued"])])]
                     + items[at:])
    changed = final != old
    if changed:
        put_entry(document, final)
    report = _fix_report(plan, every, opts)
    written = [path for done in every for path in done.written] + report
    if old is not None and (changed or written):
        record_change(find_entry(document, plan.dataset_id), opts.today,
                      "一覧から更新", "Updated from the open data list")
    action = ("created" if old is None else "updated" if changed or written else "unchanged")
    todo = _todo(final)
    for r, sheets in imported.items():
        extra = plan.notes if r == rows[0] else ()
        files = tuple(dict.fromkeys(p for done in sheets for p in done.written)) + (
            tuple(report) if r == min(imported) else ())
        findings = tuple(f for done in sheets for f in done.read.findings
                         if f.code != "file-missing")
        results.append(RowResult(r, plan.list_id, plan.dataset_id, action, files,
                                 extra + findings, todo))
    return sorted(results, key=lambda result: result.row)


Progress = Callable[[int, int, str], None]


def import_list(list_path: Path, *, catalog_path: Path, files_dir: Path | None = None,
                fix: bool = False, update: bool = False, dry_run: bool = False,
                today: date | None = None, progress: Progress | None = None) -> ImportResult:
    """Import every row of ``list_path``; see the module docstring and docs/import.md.

    A dry run is the real run on a scratch copy of catalog.yaml and datasets/, thrown away
    afterwards: it reports exactly what the real run would (actions, files, findings after
    validation, exit code) and leaves the repository as it was."""
    today = today or date.today()
    files_root = files_dir if files_dir is not None else list_path.parent
    if not files_root.is_dir():
        raise UsageError("import-list-unreadable", parameter="--files", file=str(files_root),
                         reason="フォルダがありません / no such folder")
    load_document(catalog_path)  # a missing catalog is a usage error before anything else
    if not dry_run:
        return _import(list_path, catalog_path, files_root, fix, update, today, progress)
    with tempfile.TemporaryDirectory(prefix="portal-dry-run-") as scratch:
        copy = _scratch_copy(catalog_path, Path(scratch))
        result = _import(list_path, copy, files_root, fix, update, today, progress)
    return replace(result, dry_run=True)


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


def _import(list_path: Path, catalog_path: Path, files_root: Path, fix: bool, update: bool,
            today: date, progress: Progress | None) -> ImportResult:
    from portal.validate.engine import validate_catalog

    document = load_document(catalog_path)
    table = read_list(list_path)
    plans = plan_list(table, plain(document["portal"]))
    staging = Staging(catalog_path.parent)
    opts = _Options(catalog_path.parent, FileIndex(files_root), list_path.name, fix, update,
                    today, str(document["portal"].get("local_government_code", "")),
                    staging)
    results: list[RowResult] = []
    try:
        for n, plan in enumerate(plans, start=1):
            results += _import_dataset(plan, document, opts)
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
    if listed:
        report = validate_catalog(catalog_path, ids=listed, today=today)
        results = _with_validation(results, report.datasets)
    return ImportResult(tuple(results), False, len(plans))


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
        merged.append(RowResult(result.row, result.list_id, result.dataset_id, result.action,
                                result.files, result.findings + extra, result.todo))
    return merged
