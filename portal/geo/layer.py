"""A Shapefile (.shp with sidecars, or a .zip of them) or GeoJSON file → ``GeoTable``.

A ``GeoTable`` is a ``Table`` (its attribute table as raw text cells, so the Table Schema
checks and rules of tables run on it unchanged) that also carries the geometries in the
source CRS and in WGS84.
"""

from __future__ import annotations

import ast
import re
import struct
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError
from pyproj import CRS

from portal.findings import Finding
from portal.geo.archive import MAX_TEXT_BYTES, archive_findings, member_names, member_size, read_member
from portal.geo.crs import parse_crs
from portal.tables.table import Table

# Names a .cpg may give a Japanese attribute table's encoding, and ours for them.
CPG_ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "65001": "utf-8", "shift_jis": "cp932",
                 "sjis": "cp932", "cp932": "cp932", "932": "cp932", "ms932": "cp932",
                 "windows-31j": "cp932"}


@dataclass(frozen=True)
class GeoTable(Table):
    geometries: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))
    crs: CRS | None = None  # the source CRS; None when it is missing or unknown
    crs_declared: bool = False  # a .prj (or GeoJSON, by RFC 7946) declares one
    encoding_guessed: bool = False  # no .cpg: the attribute encoding was detected


def _cell_texts(values: np.ndarray) -> pd.Series:
    """One attribute column as the text a person would have typed (the checks read text)."""
    series = pd.Series(values, dtype=object)
    kind = getattr(values.dtype, "kind", "O")
    if kind in "iu":
        return series.astype(str)
    if kind == "b":
        return series.map(lambda v: "true" if v else "false")
    if kind == "f":
        return series.map(lambda v: "" if v != v else (str(int(v)) if float(v).is_integer()
                                                       else repr(float(v))))
    if kind == "M":
        return pd.Series(pd.to_datetime(values).strftime("%Y-%m-%d"), dtype=object).fillna("")

    def text(value: Any) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return ""
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bytes):
            return value.decode("utf-8", "replace")
        return str(value)

    return series.map(text)


def _zip_members(path: Path) -> list[str]:
    return member_names(path)


def _shp_truncated(data_head: bytes, size: int) -> bool:
    """The main file's header states its own length (bytes 24–27, big-endian, in 16-bit
    words); GDAL reads a cut-off file silently as features without geometry."""
    if len(data_head) < 100:
        return True
    declared = struct.unpack(">i", data_head[24:28])[0] * 2
    return size < declared


def _cpg(path: Path) -> str | None:
    """The .cpg text of a shapefile on disk or inside a zip, or None."""
    if path.suffix.lower() == ".zip":
        for name in member_names(path):
            if name.lower().endswith(".cpg"):
                return read_member(path, name).decode("ascii", "replace").strip()
        return None
    for suffix in (".cpg", ".CPG"):
        if path.with_suffix(suffix).is_file():
            with path.with_suffix(suffix).open("rb") as handle:
                return handle.read(MAX_TEXT_BYTES).decode("ascii", "replace").strip()
    return None


def _prj_present(path: Path) -> bool:
    if path.suffix.lower() == ".zip":
        return any(n.lower().endswith(".prj") for n in _zip_members(path))
    return path.with_suffix(".prj").is_file() or path.with_suffix(".PRJ").is_file()


def _structure_findings(path: Path, shown: str) -> list[Finding]:
    """Parts missing or cut off: what GDAL would otherwise read without complaint."""
    if path.suffix.lower() == ".zip":
        unsafe = archive_findings(path, shown)  # before GDAL or anything else reads a member
        if unsafe:
            return unsafe
        members = _zip_members(path)
        shps = [n for n in members if n.lower().endswith(".shp")]
        if len(shps) != 1:
            return [Finding("geo-zip-layers", file=shown,
                            params={"count": len(shps), "names": ", ".join(shps) or "-"})]
        stem = shps[0][:-4].lower()
        missing = [s for s in (".shx", ".dbf") if stem + s not in {m.lower() for m in members}]
        if missing:
            return [Finding("geo-sidecar-missing", file=shown,
                            params={"missing": ", ".join(missing)})]
        head = read_member(path, shps[0], 100)
        if _shp_truncated(head, member_size(path, shps[0])):
            return [Finding("geo-truncated", file=shown, params={"part": shps[0]})]
        return []
    if path.suffix.lower() != ".shp":
        return []
    missing = [s for s in (".shx", ".dbf") if not (path.with_suffix(s).is_file()
                                                   or path.with_suffix(s.upper()).is_file())]
    if missing:
        return [Finding("geo-sidecar-missing", file=shown, params={"missing": ", ".join(missing)})]
    with path.open("rb") as handle:
        head = handle.read(100)
    if _shp_truncated(head, path.stat().st_size):
        return [Finding("geo-truncated", file=shown, params={"part": path.name})]
    return []


def source_path(path: Path) -> str:
    """What GDAL opens: the file, or the one .shp inside a zip (often in a folder, which
    GDAL does not search)."""
    if path.suffix.lower() != ".zip":
        return str(path)
    member = next((n for n in _zip_members(path) if n.lower().endswith(".shp")), "")
    return f"/vsizip/{path.resolve()}/{member}"


# GDAL's note when a numeric .dbf field holds text it cannot parse: it reads a number anyway.
UNPARSED = re.compile(rb"Value '(.*?)' of field (?:.*\.)?([^.]+) parsed incompletely to "
                      rb"(\w+) (\S+?)\.?$", re.S)


def _gdal_text(message: str) -> bytes:
    """GDAL's warning as bytes: pyogrio passes undecodable ones as a bytes literal."""
    raw = message.split("Raw error: ", 1)
    if len(raw) == 2 and raw[1][:2] in ('b"', "b'"):
        try:
            value = ast.literal_eval(raw[1])
        except (ValueError, SyntaxError):
            return message.encode()
        if isinstance(value, bytes):
            return value
    return message.encode()


def _gdal_findings(messages: list[str], shown: str, encoding: str) -> list[Finding]:
    """What GDAL warned about while reading, as findings: a text value in a numeric field is
    an error (GDAL published it as a number), anything else a warning."""
    findings = []
    for message in dict.fromkeys(messages):
        raw = _gdal_text(message)
        found = UNPARSED.search(raw)
        if found:
            findings.append(Finding("geo-number-field-text", file=shown,
                                    column=found[2].decode("utf-8", "replace"),
                                    value=found[1].decode(encoding, "replace"),
                                    params={"result": found[4].decode("ascii", "replace")}))
        else:
            findings.append(Finding("geo-gdal-warning", file=shown,
                                    params={"reason": raw.decode("utf-8", "replace")}))
    return findings


def _read(path: Path, encoding: str | None) -> tuple[dict[str, Any], np.ndarray, list[Any],
                                                     list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        meta, _, wkb, fields = pyogrio.raw.read(source_path(path), encoding=encoding)
    notes = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return meta, wkb, fields, notes


def _declared_encoding(path: Path) -> str | None:
    """The encoding the .dbf header's language driver id declares (GDAL reads it), or None
    when it declares none (GDAL then says ISO-8859-1)."""
    declared = str(pyogrio.read_info(source_path(path)).get("encoding") or "")
    if not declared or declared.upper() in ("ISO-8859-1", "LATIN1"):
        return None
    return "cp932" if declared.upper() in ("CP932", "SHIFT_JIS", "SJIS") else declared.lower()


def read_layer(path: Path, shown: str, fmt: str) -> tuple[GeoTable | None, list[Finding]]:
    """Read a geographic resource; problems are findings, never exceptions."""
    if not path.is_file():
        return None, [Finding("file-missing", file=shown)]
    if fmt == "shapefile" and path.suffix.lower() not in (".shp", ".zip"):
        return None, [Finding("geo-wrong-suffix", file=shown, params={"format": fmt})]
    if path.suffix.lower() == ".zip" and fmt != "shapefile":
        unsafe = archive_findings(path, shown)  # whatever the format says, GDAL opens a zip
        if unsafe:
            return None, unsafe
    structure = _structure_findings(path, shown) if fmt == "shapefile" else []
    if structure:
        return None, structure
    findings: list[Finding] = []
    cpg = _cpg(path) if fmt == "shapefile" else None
    guessed = fmt == "shapefile" and (cpg is None or cpg.lower() not in CPG_ENCODINGS)
    try:
        declared = _declared_encoding(path) if guessed else None
        if not guessed or declared is not None:
            # GDAL honours the .cpg (or the .dbf's language driver id) and hands out UTF-8.
            meta, wkb, columns, notes = _read(path, None)
            encoding = declared or CPG_ENCODINGS.get((cpg or "utf-8").lower(), "utf-8")
            guessed = False
        else:
            # No usable .cpg: GDAL would assume ISO-8859-1 and garble Japanese text. Try
            # UTF-8, then CP932 (what Japanese GIS software writes), strictly.
            try:
                meta, wkb, columns, notes = _read(path, "utf-8")
                encoding = "utf-8"
            except UnicodeDecodeError:
                meta, wkb, columns, notes = _read(path, "cp932")
                encoding = "cp932"
            findings.append(Finding("geo-cpg-missing", file=shown,
                                    params={"encoding": encoding.upper()}))
    except UnicodeDecodeError as exc:
        return None, [Finding("geo-encoding", file=shown, params={"reason": str(exc)})]
    except (DataSourceError, DataLayerError, pyogrio.errors.DataSourceError, OSError,
            ValueError) as exc:
        return None, [Finding("geo-unreadable", file=shown, params={"reason": str(exc)})]
    findings += _gdal_findings(notes, shown, encoding)
    geometries = shapely.from_wkb(wkb) if wkb is not None else np.array(
        [None] * (len(columns[0]) if columns else 0), dtype=object)
    header = tuple(str(n) for n in meta["fields"])
    cells = pd.DataFrame({i: _cell_texts(values) for i, values in enumerate(columns)})
    if not columns:
        cells = pd.DataFrame(index=range(len(geometries)))
    crs_declared = fmt == "geojson" or _prj_present(path)
    crs = parse_crs(meta.get("crs"))
    if fmt == "geojson" and crs is None:
        crs = parse_crs("EPSG:4326")  # RFC 7946: GeoJSON is WGS84 lon/lat
    table = GeoTable(file=shown, header=header, cells=cells, encoding=encoding, newline="\n",
                     geometries=np.asarray(geometries, dtype=object), crs=crs,
                     crs_declared=crs_declared, encoding_guessed=guessed)
    return table, findings
