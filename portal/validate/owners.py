"""Which rule module owns each finding code, and which finding each of --fix's changes answers.

Every rule module declares the codes it reports (``CODES``) and, next to its detector, the
change codes of the fixes that solve it (``FIXES``: change code → the rule's finding code).
``portal import`` reports a fix under the rule's own code, the one validation reports, by
looking it up here: one rule, one module, one code (issue #19).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from types import ModuleType

from portal.validate import standards, tableschema
from portal.validate.rules import (
    blanks,
    coordinates,
    dates,
    indexes,
    line_breaks,
    numbers,
    sheets,
    structure,
)

RULE_MODULES: tuple[ModuleType, ...] = (structure, line_breaks, blanks, numbers, dates,
                                        coordinates, sheets, tableschema, standards, indexes)


def fixes_of(module: ModuleType) -> dict[str, str]:
    fixes: dict[str, str] = getattr(module, "FIXES", {})
    return fixes


# --fix's changes that answer no rule's finding: the reader reports the encoding
# (``encoding-cp932``), sheets.py its sheets (``xlsx-several-sheets``, ``xlsx-example-sheet``).
CHANGES_WITHOUT_FINDING = ("fix-reencoded", "fix-sheet-split", "fix-sheets-dropped")


def codes_of(module: ModuleType) -> tuple[str, ...]:
    codes: tuple[str, ...] = getattr(module, "CODES", ())
    return codes


def claimed_twice(modules: Sequence[ModuleType]) -> dict[str, list[str]]:
    """Each code more than one of ``modules`` declares, with the modules that declare it."""
    counts = Counter(code for module in modules for code in set(codes_of(module)))
    return {code: [m.__name__ for m in modules if code in codes_of(m)]
            for code, n in sorted(counts.items()) if n > 1}


def owners_of(code: str, modules: Sequence[ModuleType] = RULE_MODULES) -> list[str]:
    return [m.__name__ for m in modules if code in codes_of(m)]


FINDING_OF: dict[str, str] = {fix: code for module in RULE_MODULES
                              for fix, code in fixes_of(module).items()}


def finding_code(fix_code: str) -> str | None:
    """The finding code of the rule a change code ``fix_code`` fixes; None for a change that
    answers no rule's finding (a re-encoding, a sheet split)."""
    return FINDING_OF.get(fix_code)
