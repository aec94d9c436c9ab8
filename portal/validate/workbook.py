"""Excel workbooks read safely: the one place an .xlsx is opened (validate, build, `portal new`,
`portal import`, an import list).

A workbook is a zip of XML parts and may come from anyone. openpyxl parses them with
defusedxml when it is installed (a dependency): a DTD declaring entities (billion laughs) or an
external entity is refused instead of being expanded or fetched. Every way a workbook fails to
read — refused XML, broken XML, a damaged zip, a missing part — is a finding naming the file,
never an exception: one bad file must not stop an import or a validation run.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException

from portal.findings import Finding

# (first row, first column, last row, last column), 0-based and inclusive.
Range = tuple[int, int, int, int]


@dataclass(frozen=True)
class WorkbookSheet:
    title: str
    rows: list[Sequence[object]]  # cell values as openpyxl reads them (data_only)
    merged: tuple[Range, ...] = ()


def xml_is_defused() -> bool:
    """openpyxl parses with defusedxml (it does whenever defusedxml is importable and
    OPENPYXL_DEFUSEDXML is not set to False)."""
    from openpyxl import DEFUSEDXML

    return bool(DEFUSEDXML)


def read_workbook(path: Path, shown: str, *, merged: bool = False
                  ) -> tuple[list[WorkbookSheet] | None, list[Finding]]:
    """Every worksheet's rows (and, with ``merged``, its merged ranges); or None and one
    finding: ``xlsx-unsafe`` for XML defusedxml refuses, ``xlsx-unreadable`` otherwise."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not xml_is_defused():
        return None, [Finding("xlsx-unsafe", file=shown, params={
            "reason": "defusedxml is not in use (installed? OPENPYXL_DEFUSEDXML=False?)"})]
    try:
        # Merged ranges need the full reader; read_only streams the rows.
        workbook = load_workbook(path, read_only=not merged, data_only=True)
        try:
            sheets = [WorkbookSheet(
                sheet.title, [tuple(row) for row in sheet.iter_rows(values_only=True)],
                tuple((r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
                      for r in sheet.merged_cells.ranges) if merged else ())
                for sheet in workbook.worksheets]
        finally:
            workbook.close()
    except (DefusedXmlException, ParseError, zipfile.BadZipFile, InvalidFileException,
            KeyError, OSError, ValueError, TypeError) as exc:
        cause = _root_cause(exc)  # openpyxl wraps what the XML parser raised in a ValueError
        code = "xlsx-unsafe" if isinstance(cause, DefusedXmlException) else "xlsx-unreadable"
        reason = f"{type(cause).__name__}: {cause}".splitlines()[0][:300]
        return None, [Finding(code, file=shown, params={"reason": reason})]
    return sheets, []


def _root_cause(exc: BaseException) -> BaseException:
    seen = [exc]
    while (exc.__cause__ or exc.__context__) is not None and len(seen) < 10:
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
        seen.append(exc)
    return next((e for e in seen if isinstance(e, DefusedXmlException)), exc)
