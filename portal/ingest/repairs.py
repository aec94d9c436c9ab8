"""The validation rules' own fixers applied to a ``Frame`` with their change log.

A rule whose detector and fixer live together in ``portal/validate/rules/`` (line breaks,
cells of spaces, 0/0 coordinates) is not written again here: this module only turns the
rule's ``Repair`` records into ``FixChange`` entries naming the input's rows, and into the
rule's own finding (the same code validation reports) for a run without --fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from portal.findings import Finding
from portal.ingest.fixes import Frame
from portal.ingest.model import FixChange
from portal.ingest.report import rows_text
from portal.messages import MESSAGES
from portal.validate.rules import blanks, coordinates, line_breaks
from portal.validate.rules.columns import Repair

SHOWN_ROWS = 5

Fixer = Callable[[Frame], tuple[pd.DataFrame, list[Repair]]]


def _fields(frame: Frame) -> list[dict[str, str]]:
    """The schema fields the fixed frame will get: its names and the types fixed so far."""
    types = frame.types or ("",) * len(frame.header)
    return [{"name": name, "type": kind or "string"} for name, kind in zip(frame.header, types,
                                                                         strict=True)]


RULE_FIXERS: tuple[tuple[str, str, Fixer], ...] = (
    (blanks.CODE, blanks.FIX_CODE, lambda f: blanks.fix(f.cells)),
    (line_breaks.CODE, line_breaks.FIX_CODE, lambda f: line_breaks.fix(f.cells, _fields(f))),
    ("coordinate-zero", "fix-coordinate-zero-blanked",
     lambda f: coordinates.fix(f.cells, f.header)),
)


def _change(frame: Frame, fix_code: str, finding_code: str, repair: Repair) -> FixChange:
    rows = tuple(frame.rows[p] for p in repair.positions)
    return FixChange(frame.file, fix_code, MESSAGES[finding_code].rule, rows, repair.before,
                     repair.after, len(rows), frame.header[repair.column] or None)


def _finding(code: str, change: FixChange, other: str) -> Finding:
    return Finding(code, file=change.file, row=change.rows[0] if change.rows else None,
                   column=change.column, value=change.before,
                   params={"rows": rows_text(change.rows, SHOWN_ROWS), "all_rows": change.rows,
                           "count": change.count, "other": other})


def apply_rule_fixers(frame: Frame) -> tuple[Frame, list[FixChange], list[Finding]]:
    """Each rule's fixer in turn; the fixed frame, the changes and, per change, the rule's
    finding about the input."""
    changes: list[FixChange] = []
    findings: list[Finding] = []
    for finding_code, fix_code, fixer in RULE_FIXERS:
        cells, repairs = fixer(frame)
        if not repairs:
            continue
        frame = replace(frame, cells=cells)
        made = [_change(frame, fix_code, finding_code, r) for r in repairs]
        changes += made
        if finding_code == "coordinate-zero":  # one finding for the pair, on the latitude
            findings.append(_finding(finding_code, made[0], made[1].column or ""))
        else:
            findings += [_finding(finding_code, c, "") for c in made]
    return frame, changes, findings
