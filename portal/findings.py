"""The ``Finding`` record: one problem found in the catalog or a file, as data.

Shared by ``catalog/`` and ``validate/`` (and what builds on them), so it lives beside
``messages.py`` and ``errors.py``, below both. Validation never raises on bad data; it yields
findings. A finding names its code (a key of ``messages.MESSAGES``, which gives severity, rule
and text), the file, the row (Table Schema convention: the header is row 1, the first data row
is row 2), the physical line in the file (differs from the row when a cell holds a line break),
the column (header name and 1-based number) and the offending value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from portal.messages import MESSAGES, render, render_fix


@dataclass(frozen=True)
class Finding:
    code: str
    file: str | None = None
    row: int | None = None
    line: int | None = None
    column: str | None = None
    column_number: int | None = None
    value: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> str:
        return MESSAGES[self.code].severity

    @property
    def rule(self) -> str | None:
        return MESSAGES[self.code].rule

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def _params(self) -> dict[str, Any]:
        base = {"file": self.file, "row": self.row, "line": self.line, "column": self.column,
                "column_number": self.column_number, "value": self.value}
        return {**base, **self.params}

    def message(self, lang: str) -> str:
        return render(self.code, lang, **self._params())

    def text(self, lang: str) -> str:
        """The message, so that a finding can be quoted as another message's reason."""
        return self.message(lang)

    def fix(self, lang: str) -> str:
        return render_fix(self.code, lang, **self._params())

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of one error (docs/validate.md)."""
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "file": self.file,
            "row": self.row,
            "line": self.line,
            "column": self.column,
            "column_number": self.column_number,
            "value": self.value,
            "message": {"ja": self.message("ja"), "en": self.message("en")},
            "fix": {"ja": self.fix("ja"), "en": self.fix("en")},
        }
