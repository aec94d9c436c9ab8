"""Cells Excel would run as formulas: neutralised in every file meant for Excel, restored when
such a file comes back (a /catalog.csv list given to `portal import`).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel (``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0`` DDE): a quote before it makes it text.
"""

from __future__ import annotations

FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str, is_number: bool) -> str:
    """Prefix a quote to a cell Excel would run as a formula; real numbers stay numbers."""
    if text.startswith(FORMULA_LEAD) and not is_number:
        return "'" + text
    return text


def restore(text: str) -> str:
    """The text ``neutralise`` was given: a list downloaded as /catalog.csv and imported again
    keeps its titles and descriptions (a Markdown list starts with "- ")."""
    if text.startswith("'") and text[1:].startswith(FORMULA_LEAD):
        return text[1:]
    return text
