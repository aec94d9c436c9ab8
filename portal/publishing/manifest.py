"""File facts for the manifest (size, sha256, rows) and the manifest's own atomic write."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from portal.publishing.xlsx import MEDIA_TYPE as XLSX_MEDIA_TYPE

MEDIA_TYPES = {"csv": "text/csv", "excel-csv": "text/csv", "sjis-csv": "text/csv",
               "json": "application/json", "sqlite": "application/vnd.sqlite3",
               "datapackage": "application/json", "geojson": "application/geo+json",
               "xlsx": XLSX_MEDIA_TYPE}
ENCODINGS = {"csv": "utf-8", "excel-csv": "utf-8-sig", "sjis-csv": "cp932", "json": "utf-8",
             "datapackage": "utf-8", "geojson": "utf-8"}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_entry(root: Path, path: Path, kind: str, rows: int | None,
               media_type: str | None = None, encoding: str | None = None) -> dict[str, Any]:
    return {
        "kind": kind,
        "path": path.relative_to(root).as_posix(),
        "media_type": media_type or MEDIA_TYPES.get(kind, "application/octet-stream"),
        "encoding": encoding if encoding is not None else ENCODINGS.get(kind),
        "size": path.stat().st_size,
        "sha256": sha256_of(path),
        "rows": rows,
    }


def write_json_atomically(path: Path, data: Any) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
