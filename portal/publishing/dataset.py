"""Build one valid dataset: every published variant of each resource, and its manifest entry."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from portal.catalog.model import Dataset
from portal.geo import GEO_FORMATS
from portal.publishing.formats import (
    first_unencodable,
    write_csv,
    write_datapackage,
    write_excel_csv,
    write_json,
    write_sjis_csv,
)
from portal.publishing.geo import geo_outputs, keep_original
from portal.publishing.history import data_hash, data_updates, history
from portal.publishing.indexes import wanted_indexes
from portal.publishing.manifest import file_entry
from portal.publishing.normalize import normalize
from portal.publishing.sqlite import write_sqlite
from portal.publishing.xlsx import write_xlsx
from portal.readings import cell_words, readings
from portal.tables.table import Table
from portal.validate.encoding import decode
from portal.validate.standards import standard_title
from portal.validate.tableschema import load_schema

log = logging.getLogger(__name__)
PRIMARY = ""  # the advice's key for the primary resource (a rows request without _resource)


def _encoding_of(path: Path) -> str:
    decoded, _ = decode(path.read_bytes(), path.name)
    return decoded.encoding if decoded is not None else ""


def constant_columns(table: Table) -> dict[str, str]:
    """The columns holding one value in every row (a table of at least two rows), with that
    value ("" for an empty column): the preview folds them away (components/columns.py)."""
    if table.row_count < 2:
        return {}
    found = {}
    for index, name in enumerate(table.header):
        column = table.cells[index]
        first = column.iloc[0]
        if bool((column == first).all()):
            found[name] = str(first)
    return found


def dataset_meta(dataset: Dataset) -> dict[str, Any]:
    """The catalog entry as plain JSON data (dates as ISO text)."""
    meta = asdict(dataset)
    meta.pop("resources")
    meta.pop("line")
    meta["tags"] = list(dataset.tags)
    meta["standard_name"] = standard_title(dataset.standard)
    for key in ("issued", "modified", "withdrawn"):
        value = getattr(dataset, key)
        meta[key] = value.isoformat() if value else None
    meta["changes"] = [{"date": c.date.isoformat(), "summary": {"ja": c.summary.ja,
                                                                "en": c.summary.en}}
                       for c in dataset.changes]
    return meta


def describe_indexes(report: Mapping[str, Any]) -> str:
    """One line of the build log: each composite index with its reason and size, and what the
    budget left out."""
    built = ", ".join(f"({', '.join(i['columns'])}) {i['reason']} "
                      f"{(i['bytes'] or 0) + (i.get('count_table_bytes') or 0):,} B"
                      for i in report["composite"]) or "none"
    over = "; over budget: " + ", ".join(f"({', '.join(i['columns'])}) {i['reason']}"
                                         for i in report["over_budget"]) \
        if report["over_budget"] else ""
    return (f"table {report['table_bytes']:,} B, budget {report['budget_bytes']:,} B; "
            f"composite: {built}{over}")


def build_dataset(dataset: Dataset, tables: dict[str, Table], root: Path, work: Path,
                  digest: str, schemas: dict[str, dict[str, Any]] | None = None,
                  previous: dict[str, Any] | None = None, today: str = "",
                  data_digest: str | None = None,
                  advice: Mapping[str, Sequence[Sequence[str]]] | None = None,
                  index_budget: float = 1.0) -> dict[str, Any]:
    """``schemas`` given: a dataset the portal generates, with no file in the repository.
    ``previous``: the dataset's entry in the last build, whose data hash tells whether its
    data changed ``today``. ``data_digest``: the data hash when the caller has read the files
    already (``content_hashes``). ``advice``: the composite indexes the access logs advise,
    by resource name (``PRIMARY`` for the primary one); ``index_budget``: their bytes at most
    this many times each table's (portal/publishing/indexes.py)."""
    meta = dataset_meta(dataset)
    folder = work / "datasets" / dataset.id
    folder.mkdir(parents=True, exist_ok=True)
    resources: list[dict[str, Any]] = []
    words: list[str] = []
    package_resources: list[tuple[str, str, dict[str, Any]]] = []
    package_geojson: list[tuple[str, str]] = []
    for index, resource in enumerate(dataset.resources):
        if schemas is not None:
            schema = schemas[resource.name]
        else:
            schema, _ = load_schema(root / resource.schema, resource.schema)
            assert schema is not None  # validated before building
        table = tables[resource.name]
        columns = normalize(table, schema)
        rows = len(table.cells)
        texts = {f["name"] for f in schema.get("fields", []) if f.get("type", "string") == "string"}
        constant = constant_columns(table)
        words.append(cell_words((table.cells[i].tolist() for i, name in enumerate(table.header)
                                 if name in texts), rows))
        base = folder / resource.name
        files: list[dict[str, Any]] = []
        csv_path = base.with_suffix(".csv")
        write_csv(csv_path, columns)
        files.append(file_entry(work, csv_path, "csv", rows))
        excel_path = folder / f"{resource.name}.excel.csv"
        write_excel_csv(excel_path, columns)
        files.append(file_entry(work, excel_path, "excel-csv", rows))
        unencodable = first_unencodable(columns)
        if unencodable is None:
            sjis_path = folder / f"{resource.name}.sjis.csv"
            write_sjis_csv(sjis_path, columns)
            files.append(file_entry(work, sjis_path, "sjis-csv", rows))
        xlsx_path = folder / f"{resource.name}.xlsx"
        write_xlsx(xlsx_path, columns, resource.name,
                   datetime.combine(dataset.modified, datetime.min.time()))
        files.append(file_entry(work, xlsx_path, "xlsx", rows))
        json_path = folder / f"{resource.name}.json"
        write_json(json_path, columns, schema)
        files.append(file_entry(work, json_path, "json", rows))
        sqlite_path = folder / f"{resource.name}.sqlite"
        advised = [tuple(c) for c in (advice or {}).get(resource.name, ())]
        if index == 0:
            advised += [tuple(c) for c in (advice or {}).get(PRIMARY, ())]
        indexes = write_sqlite(sqlite_path, columns, wanted_indexes(columns, schema, advised),
                               index_budget)
        log.info("indexes of %s/%s: %s", dataset.id, resource.name, describe_indexes(indexes))
        geo_files, geo = geo_outputs(work, folder, resource.name, table, columns, schema,
                                     sqlite_path)
        files.append(file_entry(work, sqlite_path, "sqlite", rows))
        files += geo_files
        if schemas is None and resource.format in GEO_FORMATS:
            files.append(keep_original(work, folder, root, resource, rows))
        elif schemas is None:
            # The file as handed over (`original:`, kept by `portal new --fix`), else the
            # committed data file.
            given = resource.original or resource.path
            original = folder / "original" / Path(given).name
            original.parent.mkdir(exist_ok=True)
            shutil.copyfile(root / given, original)
            spreadsheet = Path(given).suffix.lower() in (".xlsx", ".xlsm")
            files.append(file_entry(work, original, "original", rows,
                                    media_type="application/vnd.openxmlformats-officedocument."
                                    "spreadsheetml.sheet" if spreadsheet else "text/csv",
                                    encoding="" if spreadsheet else (
                                        _encoding_of(root / given) if resource.original
                                        else table.encoding)))
        package_resources.append((resource.name, csv_path.name, schema))
        if geo is not None:
            package_geojson.append((resource.name, f"{resource.name}.geojson"))
        resources.append({
            "name": resource.name,
            "title": asdict(resource.title) if resource.title else None,
            "primary": index == 0,
            "rows": rows,
            "schema": schema,
            "source_encoding": table.encoding,
            "sjis_unavailable": unencodable,
            "geo": geo,
            "indexes": indexes,
            "files": files,
            "constant": constant,
        })
    package_path = folder / "datapackage.json"
    write_datapackage(package_path, meta, package_resources, package_geojson)
    resources[0]["files"].append(file_entry(work, package_path, "datapackage", None))
    data = data_digest if data_digest is not None else data_hash(dataset, root)
    updates = data_updates(previous, data, today or dataset.modified.isoformat())
    return {**meta, "state": "fresh", "stale_findings": [], "content_hash": digest,
            "data_hash": data, "data_updates": updates,
            "history": history(meta["changes"], updates), "resources": resources,
            # What search matches besides the entry's words (portal.readings), for the index
            # only: not part of the dataset's metadata on any page or API.
            "search": {"readings": readings(dataset.title.ja, dataset.tags),
                       "cells": "\n".join(w for w in words if w)}}
