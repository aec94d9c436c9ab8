"""The files a 06 list names: found under --files, read as the list, written only when changed.

Helpers of `portal import` (portal/ingest/importer.py) that touch the file system.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from portal.errors import UsageError
from portal.ingest.listing import missing_columns
from portal.messages import reason
from portal.tables.table import Table


def read_list(path: Path) -> Table:
    """The list as a table (CSV in UTF-8, UTF-8 BOM or CP932, or XLSX); usage errors else."""
    from portal.validate.read import read_table

    if not path.is_file():
        raise UsageError("import-list-unreadable", parameter="LIST", file=str(path),
                         reason=reason("no-such-file"))
    fmt = "xlsx" if path.suffix.lower() in (".xlsx", ".xlsm") else "csv"
    try:
        table, findings = read_table(path, path.name, fmt)
    except (OSError, ValueError, KeyError) as exc:  # openpyxl on a damaged workbook
        raise UsageError("import-list-unreadable", parameter="LIST", file=str(path),
                         reason=str(exc)) from None
    errors = [f for f in findings if f.is_error]
    if table is None or (errors and fmt == "csv" and errors[0].code != "row-length-mismatch"):
        raise UsageError("import-list-unreadable", parameter="LIST", file=str(path),
                         reason=errors[0] if errors else reason("list-empty"))
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
                hidden = any(part.startswith(".") for part in found.relative_to(
                    self.root).parts)  # .git and the like are never a department's files
                if found.is_file() and not hidden:
                    self._by_name.setdefault(found.name, []).append(found)
        return self._by_name.get(parts[-1], [])


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


CSV_SLICE = 20_000  # rows turned into lists at a time


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.header)
    # Rows from numpy in slices: itertuples pays per column, seconds for 10,000 (#19).
    for start in range(0, len(table.cells), CSV_SLICE):
        writer.writerows(table.cells.iloc[start:start + CSV_SLICE].to_numpy(dtype=object)
                         .tolist())
    return buffer.getvalue().encode("utf-8")


def json_bytes(schema: Mapping[str, Any]) -> bytes:
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically unless the file already holds it; True when written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True


class Staging:
    """The files of an import, written beside their targets under temporary names and moved
    into place together just before the catalog is written (``commit``), or removed
    (``discard``): a dataset's files never appear in datasets/ without its catalog entry,
    whatever stops the import half-way (#22). With ``dry_run`` nothing is written at all."""

    def __init__(self, root: Path, dry_run: bool = False) -> None:
        self.root, self.dry_run = root, dry_run
        self._moves: dict[Path, Path] = {}
        self._folders: list[Path] = []

    def stage(self, relative: str, data: bytes) -> bool:
        """Stage ``data`` for ``relative``; True when it changes the file."""
        path = self.root / relative
        if path in self._moves:
            self._moves.pop(path).unlink(missing_ok=True)
        if path.is_file() and path.read_bytes() == data:
            return False
        if self.dry_run:
            return True
        missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
        for folder in reversed(missing):
            folder.mkdir()
            self._folders.append(folder)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.staged")
        temporary.write_bytes(data)
        self._moves[path] = temporary
        return True

    def commit(self) -> None:
        for path, temporary in self._moves.items():
            temporary.replace(path)
        self._moves.clear()
        self._folders.clear()

    def discard(self) -> None:
        for temporary in self._moves.values():
            temporary.unlink(missing_ok=True)
        self._moves.clear()
        for folder in reversed(self._folders):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        self._folders.clear()


def schema_field_names(path: Path) -> tuple[str, ...] | None:
    """The field names of the Table Schema at ``path``; None when there is none to read."""
    try:
        fields = json.loads(path.read_text(encoding="utf-8")).get("fields")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(fields, list):
        return None
    return tuple(str(f.get("name", "")) if isinstance(f, dict) else "" for f in fields)
