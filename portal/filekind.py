"""What a file is — a table, a geographic layer or a document — from its first bytes and its
suffix together; one answer for `portal new`, `portal import` and `portal validate`.

Only the first kilobytes are read (and, for a zip, its directory at the end), so a multi-MB
file is judged in milliseconds and a file whose content contradicts its suffix (a GeoJSON
named ``.csv``, a PDF named ``.xlsx``) is reported, never parsed as something else. Documents
(PDF, Word, images, HTML) are not machine-readable (rule L1-02, docs/validate.md).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from portal.findings import Finding

HEAD_BYTES = 4096
TABLE_FORMATS = ("csv", "xlsx")
LAYER_FORMATS = ("geojson", "shapefile")
# What a suffix promises: a format we read, or the name of a document kind.
SUFFIX_FORMATS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx",
                  ".xlsm": "xlsx", ".geojson": "geojson", ".json": "geojson",
                  ".shp": "shapefile", ".zip": "shapefile"}
SUFFIX_NAMES = {".csv": "CSV", ".txt": "CSV", ".tsv": "CSV", ".xlsx": "Excel (xlsx)",
                ".xlsm": "Excel (xlsx)", ".geojson": "GeoJSON", ".json": "JSON",
                ".shp": "Shapefile", ".zip": "ZIP (Shapefile)"}
DOCUMENT_SUFFIXES = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".rtf": "Word", ".odt": "Word",
    ".ppt": "PowerPoint", ".pptx": "PowerPoint", ".xls": "Excel 97-2003 (.xls)",
    ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".tif": "TIFF",
    ".tiff": "TIFF", ".bmp": "BMP", ".html": "HTML", ".htm": "HTML",
}
FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel (xlsx)", "geojson": "GeoJSON",
                "shapefile": "Shapefile"}
MAGIC = ((b"%PDF", "PDF"), (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"),
         (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"BM", "BMP"), (b"{\\rtf", "Word"))
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97, Excel 97, PowerPoint 97
ZIP = b"PK\x03\x04"
SHP = b"\x00\x00\x27\x0a"  # a .shp main file's code 9994, big-endian
BOMS = (b"\xef\xbb\xbf",)
GEOJSON_TYPE = re.compile(rb'"type"\s*:\s*"(FeatureCollection|Feature|Point|MultiPoint|'
                          rb'LineString|MultiLineString|Polygon|MultiPolygon|'
                          rb'GeometryCollection)"')
OFFICE_PARTS = (("xl/", "Excel (xlsx)", "xlsx"), ("word/", "Word", None),
                ("ppt/", "PowerPoint", None))


@dataclass(frozen=True)
class FileKind:
    """``format`` is what we read the file as (``csv``, ``xlsx``, ``geojson``,
    ``shapefile``), None when it is not read; ``content`` names what the bytes are and
    ``suffix`` what the name promises (empty for a suffix we do not know)."""

    format: str | None
    content: str
    suffix: str
    document: bool = False  # a PDF, Word file, image …: refused under L1-02
    contradicts: bool = False  # content and suffix disagree: refused, named both

    @property
    def kind(self) -> str:
        if self.format in TABLE_FORMATS:
            return "table"
        if self.format in LAYER_FORMATS:
            return "layer"
        return "document" if self.document else "unknown"


def _zip_content(path: Path) -> tuple[str, str | None, bool]:
    """(content, format, document) of a zip, from its member names only."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return "ZIP (damaged)", None, False
    if "[Content_Types].xml" in names:
        for prefix, label, fmt in OFFICE_PARTS:
            if any(n.startswith(prefix) for n in names):
                return label, fmt, fmt is None
        return "Office Open XML", None, True
    if any(n.lower().endswith(".shp") for n in names):
        return "ZIP (Shapefile)", "shapefile", False
    shown = ", ".join(n for n in names[:3]) + (", …" if len(names) > 3 else "")
    return f"ZIP ({shown or '-'})", None, False


def _content(path: Path, head: bytes) -> tuple[str, str | None, bool]:
    """(content, format, document) judged from the bytes alone."""
    for magic, label in MAGIC:
        if head.startswith(magic):
            return label, None, True
    if head.startswith(OLE):
        return DOCUMENT_SUFFIXES.get(path.suffix.lower(), "Office 97-2003"), None, True
    if head.startswith(ZIP):
        return _zip_content(path)
    if head.startswith(SHP):
        return "Shapefile", "shapefile", False
    if b"\x00" in head:
        return "binary data", None, False
    text = head
    for bom in BOMS:
        text = text.removeprefix(bom)
    text = text.lstrip()
    if text.startswith((b"{", b"[")):
        return ("GeoJSON", "geojson", False) if GEOJSON_TYPE.search(text) else (
            "JSON", None, False)
    lowered = text[:256].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "HTML", None, True
    if text.startswith(b"<"):
        return "XML", None, False
    return "CSV", "csv", False


def sniff(path: Path) -> FileKind:
    """The kind of the file at ``path`` (which must exist)."""
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    said = SUFFIX_NAMES.get(suffix) or DOCUMENT_SUFFIXES.get(suffix, "")
    if not head.strip():
        return FileKind(None, "", said)  # empty: file-empty, whatever its name
    content, fmt, document = _content(path, head)
    promised = SUFFIX_FORMATS.get(suffix)
    if (content == "binary data" and suffix in (".csv", ".txt", ".tsv", ".shp")) or (
            content == "ZIP (damaged)" and suffix == ".zip"):
        # Damaged rather than something else: the reader names the place (file-binary
        # with its offset; a .shp's missing sidecars or cut-off header; a zip's error).
        return FileKind(promised, content, said)
    if fmt is not None and (fmt == promised or not said):
        # As promised; or a suffix we do not know (.dat, none) on a table or layer.
        return FileKind(fmt, content, said)
    if document and (not said or suffix in DOCUMENT_SUFFIXES):
        return FileKind(None, content, said, document=True)
    if fmt is None and not document and (not said or content == said):
        return FileKind(None, content, said)  # JSON that is no GeoJSON, XML …
    return FileKind(None, content, said, document=document, contradicts=True)


def kind_finding(kind: FileKind, shown: str, row: int | None = None) -> Finding | None:
    """Why a file is not read as a table or layer: a document (L1-02), content that
    contradicts the suffix, or content we do not read; None when it is read."""
    if kind.format is not None:
        return None
    if not kind.content:
        return Finding("file-empty", file=shown, row=row)
    if kind.contradicts:
        return Finding("file-kind-mismatch", file=shown, row=row,
                       params={"suffix": kind.suffix, "content": kind.content})
    if kind.document:
        return Finding("file-not-machine-readable", file=shown, row=row,
                       params={"kind": kind.content})
    return Finding("file-kind-unknown", file=shown, row=row, params={"content": kind.content})


def format_finding(kind: FileKind, declared: str, shown: str) -> Finding | None:
    """A resource whose catalog ``format:`` contradicts its content (or its content
    contradicts its suffix); None when they agree."""
    if kind.format == declared or (not kind.content and declared in TABLE_FORMATS):
        return None  # an empty table: its reader says file-empty
    if kind.format is None:
        found = kind_finding(kind, shown)
        if found is not None and found.code in ("file-kind-mismatch", "file-empty"):
            return found
    return Finding("resource-format-mismatch", file=shown, params={
        "format": declared, "content": kind.content})
