"""Reports: validation results as data, per dataset and for the whole catalog.

``Finding`` itself lives in ``portal.findings`` (catalog/ uses it too); it is re-exported
here because code across the portal imports it from this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from portal.findings import Finding

__all__ = ["DatasetReport", "Finding", "Report", "errors_first"]


@dataclass(frozen=True)
class DatasetReport:
    id: str
    findings: tuple[Finding, ...] = ()

    @property
    def valid(self) -> bool:
        return not any(f.is_error for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "valid": self.valid,
            "errors": [f.to_dict() for f in self.findings if f.is_error],
            "warnings": [f.to_dict() for f in self.findings if not f.is_error],
        }


@dataclass(frozen=True)
class Report:
    datasets: tuple[DatasetReport, ...] = ()
    catalog: tuple[Finding, ...] = ()  # findings about the catalog as a whole

    @property
    def valid(self) -> bool:
        return all(d.valid for d in self.datasets) and not any(f.is_error for f in self.catalog)

    @property
    def exit_code(self) -> int:
        return 0 if self.valid else 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "catalog": {
                "errors": [f.to_dict() for f in self.catalog if f.is_error],
                "warnings": [f.to_dict() for f in self.catalog if not f.is_error],
            },
            "datasets": [d.to_dict() for d in self.datasets],
        }


def errors_first(findings: Iterable[Finding]) -> list[Finding]:
    """Findings ordered by file, row, column — the order a person fixes them in."""
    return sorted(findings, key=lambda f: (f.file or "", f.row or 0, f.column_number or 0,
                                           f.code))


SHOWN_ROWS = 5  # rows named in the one line of a repeated finding; JSON keeps them all


@dataclass(frozen=True)
class FindingGroup:
    """Findings of one code in one column of one file: one problem for a person to fix."""

    first: Finding
    rows: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.rows)

    def shown_rows(self) -> str:
        """The first rows, and "…" when there are more: "2, 3, 4, 5, 6, …"."""
        shown = [str(row) for row in self.rows[:SHOWN_ROWS]]
        return ", ".join(shown + (["…"] if self.count > SHOWN_ROWS else []))


def grouped(findings: Iterable[Finding]) -> list[FindingGroup]:
    """Findings in fixing order, those repeating down a column (same file, code and column,
    each with a row) folded into one group; any other finding is a group of its own."""
    groups: dict[object, tuple[Finding, list[int]]] = {}
    for n, finding in enumerate(errors_first(findings)):
        key: object = ((finding.file, finding.code, finding.column_number, finding.column)
                       if finding.row is not None else n)
        if key in groups:
            groups[key][1].append(finding.row or 0)
        else:
            groups[key] = (finding, [finding.row] if finding.row is not None else [])
    return [FindingGroup(first, tuple(rows)) for first, rows in groups.values()]
