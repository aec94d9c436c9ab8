"""Machine-readability rules (Digital Agency 機械可読性 rules, L1 file / L2 structure / L3 cells).

Each module checks one family over whole columns and yields findings; ``RULES`` lists them in
the order they run. Every check reads the raw text cells, because frictionless' type parsing
hides some problems (it accepts full-width digits as integers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from portal.tables.table import Table
from portal.validate.report import Finding
from portal.validate.rules import (
    blanks,
    coordinates,
    dates,
    indexes,
    line_breaks,
    numbers,
    structure,
)

Rule = Callable[[Table, dict[str, Any], date], Iterator[Finding]]

RULES: tuple[Rule, ...] = (structure.check, line_breaks.check, blanks.check, numbers.check,
                          dates.check, coordinates.check, indexes.check)
