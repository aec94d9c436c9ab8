"""The file name a standard dataset's file must have: ``<code>_<stem>.csv``, where the code is
the 全国地方公共団体コード of the government the data is about — the one written in the file
(Yaizu's list says 222127 in every row), not the portal's own.

`portal new`, `portal import` and validation all name a standard file with ``standard_file_name``
so that what the commands write passes the check of ``portal validate``.
"""

from __future__ import annotations

from collections.abc import Iterable

from portal.validate.standards.codes import code_problem
from portal.validate.standards.layouts import TYPES, comparable

CODE_COLUMN = "全国地方公共団体コード"
# The columns that hold the code, in the order they are trusted: the current layouts', the
# first version's, then 03-v1's (which has only 市区町村コード).
CODE_COLUMNS = (CODE_COLUMN, "都道府県コード又は市区町村コード", "市区町村コード")


def code_column(header: Iterable[str]) -> str | None:
    """The header label that holds the local government code, as the header spells it."""
    labels = {comparable(label): label for label in header}
    return next((labels[comparable(name)] for name in CODE_COLUMNS
                 if comparable(name) in labels), None)


def data_code(values: Iterable[str]) -> str | None:
    """The one valid code the cells of a code column agree on (blanks aside); None when they
    hold none or several."""
    codes = {value.strip() for value in values if value.strip()}
    if len(codes) != 1:
        return None
    code = codes.pop()
    return code if code_problem(code) is None else None


def standard_file_name(type_id: str, code: str) -> str | None:
    """``<code>_<stem>.csv``; None for a type whose file name stem was not confirmed."""
    stem = TYPES[type_id].stem
    return None if stem is None else f"{code}_{stem}.csv"
