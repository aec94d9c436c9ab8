"""L1-01 one table per file: a workbook's sheets.

A workbook with several sheets of data is published with its first data sheet and a warning,
``xlsx-several-sheets``; ``--fix`` makes every further sheet a resource of its own
(portal/ingest/pipeline.py). A sheet that is an input example or a template — Takamatsu's
交流センター workbook has 「入力例」 beside its data — is never data: it is left out and named
in a warning, ``xlsx-example-sheet``. Which sheets those are is decided from the sheet name
alone (``is_example_sheet``), as docs/validate.md lists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from portal.findings import Finding

CODE = "xlsx-several-sheets"
EXAMPLE_CODE = "xlsx-example-sheet"
SPLIT_FIX_CODE = "fix-sheet-split"
DROP_FIX_CODE = "fix-sheets-dropped"
CODES = (CODE, EXAMPLE_CODE)
# A sheet name containing one of these (ASCII in any case) is an example or a template.
EXAMPLE_WORDS = ("入力例", "記入例", "記載例", "作成例", "サンプル", "見本", "ひな形", "雛形",
                 "テンプレート", "sample", "example", "template")
# 例 alone would also match 条例 or 事例: only as the whole name or its first word, e.g.
# 「例」, 「(例)」, 「例_施設一覧」.
EXAMPLE_NAME = re.compile(r"[\s(（【\[]*例(?:[\s)）】\]_\-・:：].*)?")


def is_example_sheet(name: str) -> bool:
    lower = name.strip().lower()
    return any(w in lower for w in EXAMPLE_WORDS) or bool(EXAMPLE_NAME.fullmatch(lower))


def split_sheets(names: Sequence[str]) -> tuple[list[int], list[int]]:
    """(positions of data sheets, positions of example sheets) among filled sheets. When
    every sheet looks like an example, they are all data: a file is never emptied by a name."""
    examples = [i for i, name in enumerate(names) if is_example_sheet(name)]
    if len(examples) == len(names):
        return list(range(len(names))), []
    return [i for i in range(len(names)) if i not in examples], examples


def sheet_findings(file: str, names: Sequence[str]) -> list[Finding]:
    """The warnings about a workbook's filled sheets ``names``."""
    data, examples = split_sheets(names)
    findings = []
    if len(data) > 1:
        findings.append(Finding(CODE, file=file,
                                params={"sheets": ", ".join(names[i] for i in data)}))
    findings += [Finding(EXAMPLE_CODE, file=file, params={"sheet": names[i]}) for i in examples]
    return findings
