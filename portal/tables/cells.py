"""One cell as text: a workbook value as both readers keep it, and digits made half-width."""

from __future__ import annotations

from datetime import date, datetime, time


def cell_text(value: object) -> str:
    """The cell as written: blank for None, TRUE/FALSE, 3 for 3.0, ISO dates (a midnight
    datetime as its date)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


# Full-width digits, signs and the ideographic space only: NFKC would also turn ㎡ into "m2".
HALF = str.maketrans("０１２３４５６７８９，．－＋　", "0123456789,.-+ ")


def half_width(value: str) -> str:
    """``value`` with full-width digits and signs made half-width, and stripped."""
    return value.translate(HALF).strip()
