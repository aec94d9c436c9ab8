"""Is a listed file a table at all? By its extension and its first bytes.

A city's web page of files mixes tables with PDFs, Word documents and images. Those are not
machine-readable (rule L1-02, docs/validate.md) and are reported and skipped, never read as
CSV. The magic bytes win over the extension: a PDF saved as ``.csv`` is still a PDF.
"""

from __future__ import annotations

from pathlib import Path

TABLE_SUFFIXES = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}
DOCUMENT_SUFFIXES = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".rtf": "Word", ".odt": "Word",
    ".ppt": "PowerPoint", ".pptx": "PowerPoint", ".xls": "Excel 97-2003 (.xls)",
    ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".tif": "TIFF",
    ".tiff": "TIFF", ".bmp": "BMP", ".html": "HTML", ".htm": "HTML", ".zip": "ZIP",
}
MAGIC = ((b"%PDF", "PDF"), (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"),
         (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"{\\rtf", "Word"))
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97, Excel 97, PowerPoint 97
ZIP = b"PK\x03\x04"  # xlsx, but also docx and pptx


def table_format(path: Path) -> tuple[str | None, str | None]:
    """(``"csv"`` or ``"xlsx"``, None) for a table, (None, kind) for anything else."""
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        head = handle.read(8)
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return None, kind
    if head.startswith(OLE):
        return None, DOCUMENT_SUFFIXES.get(suffix, "Office 97-2003")
    if suffix in DOCUMENT_SUFFIXES:
        return None, DOCUMENT_SUFFIXES[suffix]
    if head.startswith(ZIP):
        return ("xlsx", None) if suffix in (".xlsx", ".xlsm") else (None, "ZIP")
    if TABLE_SUFFIXES.get(suffix) == "xlsx":
        return None, "xlsx (壊れています / damaged)"  # not a zip: no Excel workbook
    return "csv", None
