"""The Table Schema's ``x-indexes``: the composite indexes staff declare for a table's row
database (docs/catalog.md), each a list of two or more distinct field names.

An entry naming a field the schema does not have is ``index-column-unknown``; one that is not
such a list (a string, one column, a column twice) is ``index-declaration-invalid``. The build
builds the valid entries within the index budget (portal/publishing/indexes.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from portal.tables.table import Table
from portal.validate.report import Finding

CODES = ("index-column-unknown", "index-declaration-invalid")


def check(table: Table, schema: dict[str, Any], today: date) -> Iterator[Finding]:
    declared = schema.get("x-indexes")
    if declared is None:
        return
    names = {f.get("name") for f in schema.get("fields", [])}
    for entry in declared if isinstance(declared, list) else [declared]:
        shown = json.dumps(entry, ensure_ascii=False)
        if (not isinstance(entry, list) or len(entry) < 2
                or not all(isinstance(c, str) for c in entry) or len(set(entry)) != len(entry)):
            yield Finding("index-declaration-invalid", file=table.file, params={"index": shown})
            continue
        for column in entry:
            if column not in names:
                yield Finding("index-column-unknown", file=table.file, column=column,
                              params={"index": shown, "column": column})
