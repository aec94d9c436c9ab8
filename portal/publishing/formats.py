"""Writers for the published variants of a table: CSV, Excel CSV, CP932 CSV, JSON, datapackage.

Every writer streams rows to its file; nothing holds a whole output string in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from portal.formulas import neutralise
from portal.publishing.normalize import Column


def _text_rows(columns: Sequence[Column]) -> Iterator[list[str]]:
    return (list(row) for row in zip(*(c.texts for c in columns), strict=True))


def write_csv(path: Path, columns: Sequence[Column]) -> None:
    """UTF-8, no BOM, LF; the header is the schema's field names."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([c.name for c in columns])
        writer.writerows(_text_rows(columns))


def write_records(path: Path, records: Sequence[Mapping[str, object]]) -> None:
    """Records as a CSV of the repository's convention (UTF-8, no BOM, LF), the first
    record's keys as the header: what the datasets' regeneration scripts write."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)


def excel_rows(columns: Sequence[Column]) -> Iterator[list[str]]:
    """The header and rows of a table as an Excel-oriented file writes them: text cells that
    Excel would run are neutralised (portal/formulas.py; every file meant for Excel — the BOM
    and CP932 variants, /catalog.csv — goes through it, the UTF-8 .csv and .json keep the
    data exact); cells of integer and number columns stay as they are."""
    numeric = [c.type in ("integer", "number") for c in columns]
    yield [neutralise(c.name, False) for c in columns]
    for row in _text_rows(columns):
        yield [neutralise(t, n) for t, n in zip(row, numeric, strict=True)]


def write_excel_csv(path: Path, columns: Sequence[Column]) -> None:
    """UTF-8 with BOM and CRLF, so that Japanese Excel opens it correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(excel_rows(columns))


def first_unencodable(columns: Sequence[Column], encoding: str = "cp932") -> str | None:
    """Where the first character not representable in ``encoding`` is, or None."""
    for number, name in enumerate(c.name for c in columns):
        try:
            name.encode(encoding)
        except UnicodeEncodeError as exc:
            char = name[exc.start]
            return f"{char} U+{ord(char):04X} in the header, column {number + 1}"
    for column in columns:
        for row, text in enumerate(column.texts, start=2):
            try:
                text.encode(encoding)
            except UnicodeEncodeError as exc:
                char = text[exc.start]
                return f"{char} U+{ord(char):04X} in row {row}, column {column.name}"
    return None


def write_sjis_csv(path: Path, columns: Sequence[Column]) -> None:
    """CP932 with CRLF, what Japanese Excel opens by default (so neutralised like the Excel
    variant); call only when ``first_unencodable`` found nothing."""
    with path.open("w", encoding="cp932", newline="", errors="strict") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(excel_rows(columns))


def write_json(path: Path, columns: Sequence[Column], schema: dict[str, Any]) -> None:
    """{"fields": [...], "rows": [{field: value}, ...]} with typed values, written row by row."""
    names = [c.name for c in columns]
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"fields": ')
        handle.write(json.dumps(schema["fields"], ensure_ascii=False))
        handle.write(', "rows": [')
        for index, row in enumerate(zip(*(c.values for c in columns), strict=True)):
            if index:
                handle.write(",")
            handle.write("\n")
            handle.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False))
        handle.write("\n]}\n")


def write_datapackage(path: Path, dataset: dict[str, Any],
                      resources: Sequence[tuple[str, str, dict[str, Any]]],
                      geojson: Sequence[tuple[str, str]] = ()) -> None:
    """A Frictionless data package of the dataset; ``resources`` are (name, csv path, schema)
    with paths relative to the package file; ``geojson`` (resource name, path) adds each
    GeoJSON file as a resource ``<name>-geojson``."""
    package = {
        "name": dataset["id"],
        "title": dataset["title"]["ja"],
        "description": dataset["description"]["ja"],
        "licenses": [{"name": dataset["license"]}],
        "keywords": list(dataset.get("tags", [])),
        "version": dataset["modified"],
        "resources": [
            {"name": name, "path": csv_path, "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "profile": "tabular-data-resource", "schema": schema}
            for name, csv_path, schema in resources
        ] + [
            {"name": f"{name}-geojson", "path": geojson_path, "format": "geojson",
             "mediatype": "application/geo+json", "encoding": "utf-8"}
            for name, geojson_path in geojson
        ],
    }
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
