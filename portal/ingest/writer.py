"""The one writer of a dataset folder and its catalog entry, for `portal import` (a row of
the 06 list each) and `portal new` (an import of one row).

Given a planned dataset (portal/ingest/listing.py) and the files its rows name, it reads each
file (a table by portal/ingest/pipeline.py, a map layer by portal/ingest/layers.py) and stages the
data, the schema, the department's file as the resource's ``original`` and the fix report;
then it puts the entry into the catalog document (portal/catalog/write.py) with its
``changes:`` line and says which fields staff must still fill. One rule each, in one place:

- the original is the department's file byte for byte, kept whenever the data file is not
  that file (a workbook, a re-encoded Shift_JIS CSV, a table changed by --fix);
- a standard layout's data file is named as the standard says (validate/standards);
- an existing schema is kept on --update only while it fits the data's header;
- the fields to fill are ``FIELDS_TO_FILL``, the same list for both commands.

Files are staged (portal.ingest.files.Staging); the caller commits them with the catalog.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from portal.catalog.ids import is_reserved_id
from portal.catalog.write import (
    find_entry,
    first_published,
    missing_fields,
    plain,
    put_entry,
    record_change,
)
from portal.filekind import LAYER_FORMATS, kind_finding, sniff
from portal.findings import Finding
from portal.geo.archive import archive_findings
from portal.ingest.files import (
    FileIndex,
    Staging,
    csv_bytes,
    json_bytes,
    schema_beside,
    schema_field_names,
)
from portal.ingest.layers import ingest_geo, layer_files
from portal.ingest.listing import PlannedDataset, PlannedFile, slug
from portal.ingest.model import REPORTED_AFTER_FIX, FixChange, IngestedFile
from portal.ingest.pipeline import ingest_sheets
from portal.ingest.report import render_fix_report
from portal.validate.standards import data_file_name

ACTIONS = ("created", "updated", "unchanged", "skipped", "error")
# What staff must still write in catalog.yaml when the file, the list row or the command
# line did not say it, in the entry's order. The English texts are listed to fill but do
# not hold a dataset back: without them English pages show the Japanese
# (catalog-english-missing is a warning).
FIELDS_TO_FILL = ("title.ja", "title.en", "description.ja", "description.en", "publisher",
                  "category", "frequency", "source.title", "source.license")
OPTIONAL_TO_FILL = ("title.en", "description.en")
UPDATED_FROM_LIST = ("一覧から更新", "Updated from the open data list")


@dataclass(frozen=True)
class RowResult:
    row: int
    list_id: str
    dataset_id: str
    action: str  # one of ACTIONS
    files: tuple[str, ...] = ()  # written (or, with dry_run, to be written), catalog-relative
    findings: tuple[Finding, ...] = ()
    todo: tuple[str, ...] = ()
    # The changes --fix made to the row's file (or, without --fix, would make).
    fixes: tuple[FixChange, ...] = field(default=(), compare=False)
    fixed: bool = field(default=False, compare=False)

    @property
    def needs_attention(self) -> bool:
        return self.action in ("skipped", "error") or any(
            f not in OPTIONAL_TO_FILL for f in self.todo) or any(
            f.is_error for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "list_id": self.list_id, "id": self.dataset_id,
                "action": self.action, "files": list(self.files),
                "findings": [f.to_dict() for f in self.findings], "todo": list(self.todo)}


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
class WriteOptions:
    root: Path  # the folder of catalog.yaml
    files: FileIndex  # where the rows' files are found
    list_name: str  # shown as the file of findings about a row
    fix: bool
    update: bool
    today: date
    local_government_code: str = ""  # the portal's
    staging: Staging = field(default_factory=lambda: Staging(Path(), dry_run=True))
    change: tuple[str, str] = UPDATED_FROM_LIST  # the changes: line of an update (ja, en)
    partial: bool = False  # the plan names some of a dataset's files (`portal new --update`)
    # Without --update, per existing dataset, the listed files that match none of its files
    # (changed_files); those of the datasets that fail validation are read again
    # (importer.retried_ids). Both worked out once, before anything is written.
    changed: Mapping[str, tuple[PlannedFile, ...]] = field(default_factory=dict)
    retry: frozenset[str] = frozenset()


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


def _resource(plan: PlannedDataset, item: PlannedFile, opts: WriteOptions,
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
    refused = kind_finding(kind, source.name, item.row or None)
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


def _write_resource(plan: PlannedDataset, item: PlannedFile, opts: WriteOptions, keep_schema: bool,
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


def _kept_schema(opts: WriteOptions, schema: str, header: tuple[str, ...],
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


def _layer(plan: PlannedDataset, item: PlannedFile, opts: WriteOptions, keep_schema: bool,
           source: Path, fmt: str) -> _Imported | RowResult:
    """A GeoJSON or Shapefile row, as `portal new` takes it (portal/ingest/layers.py): the file
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


def _write(contents: Mapping[str, bytes], opts: WriteOptions) -> tuple[str, ...]:
    """Stage each changed file (portal.ingest.files.Staging: moved into datasets/ only with
    the catalog, nothing in a dry run); the paths written or to be written."""
    return tuple(path for path, data in contents.items() if opts.staging.stage(path, data))


def _fix_report(plan: PlannedDataset, imported: list[_Imported], opts: WriteOptions) -> list[str]:
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
    return missing_fields(entry, FIELDS_TO_FILL)


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def changed_files(plan: PlannedDataset, opts: WriteOptions) -> tuple[PlannedFile, ...]:
    """The listed files of an existing dataset that match no file in its folder: a file
    the department has corrected (or replaced) since the dataset was written."""
    folder = opts.root / "datasets" / plan.dataset_id
    if not folder.is_dir() or folder.is_symlink():
        return ()
    held: set[str] | None = None
    changed = []
    for item in plan.files:
        found = opts.files.locate(item.url) if item.problem is None else []
        if len(found) != 1:
            continue  # reported when the file is read
        if held is None:
            held = {_digest(p) for p in _regular_files(folder)}
        if _digest(found[0]) not in held:
            changed.append(item)
    return tuple(changed)


def _regular_files(folder: Path) -> Iterator[Path]:
    """Every file under ``folder`` (the original/ folder too), links neither followed nor
    read (catalog/paths.py refuses them)."""
    for top, _folders, names in os.walk(folder, followlinks=False):
        for name in names:
            path = Path(top) / name
            if path.is_file() and not path.is_symlink():
                yield path


def write_dataset(plan: PlannedDataset, document: Any, opts: WriteOptions) -> list[RowResult]:
    """Read and stage the files of ``plan`` and put its entry into ``document``; a result per
    row of the list (one for `portal new`)."""
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
    retried = old is not None and plan.dataset_id in opts.retry
    if old is not None and not opts.update and not retried:
        # Left alone: not even read again. Unchanged when the list says what the entry says;
        # a listed file that differs from the dataset's is said, so it is not missed.
        same = _merged(old, plan.entry) == old
        action = "unchanged" if same else "skipped"
        notes = plan.notes + (() if same else (Finding(
            "import-id-exists", file=opts.list_name, row=rows[0],
            params={"entry": plan.dataset_id}),))
        newer = {item.row: Finding("import-file-changed", file=opts.list_name, row=item.row,
                                   column="URL", value=item.url,
                                   params={"entry": plan.dataset_id})
                 for item in opts.changed.get(plan.dataset_id, ())}
        return [RowResult(r, plan.list_id, plan.dataset_id, action, (),
                          (notes if r == rows[0] else ()) + ((newer[r],) if r in newer else ()),
                          _todo(old)) for r in rows]
    if retried:
        plan = replace(plan, notes=plan.notes + (Finding(
            "import-retried", file=opts.list_name, row=rows[0],
            params={"entry": plan.dataset_id}),))
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
    resources = [done.resource for done in every]
    if opts.partial and old is not None:  # the dataset's other files stay, in their place
        planned = {r["name"]: r for r in resources}
        resources = [planned.pop(r.get("name"), r) for r in old.get("resources") or []
                     if isinstance(r, Mapping)] + list(planned.values())
    entry: dict[str, Any] = {**plan.entry, "resources": resources}
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
        record_change(find_entry(document, plan.dataset_id), opts.today, *opts.change)
    action = ("created" if old is None else "updated" if changed or written else "unchanged")
    todo = _todo(final)
    for r, sheets in imported.items():
        extra = plan.notes if r == rows[0] else ()
        files = tuple(dict.fromkeys(p for done in sheets for p in done.written)) + (
            tuple(report) if r == min(imported) else ())
        findings = tuple(f for done in sheets for f in done.read.findings
                         if f.code != "file-missing")
        results.append(RowResult(r, plan.list_id, plan.dataset_id, action, files,
                                 extra + findings, todo,
                                 tuple(c for done in sheets for c in done.read.fixes),
                                 any(done.read.fixed for done in sheets)))
    return sorted(results, key=lambda result: result.row)
