"""Which columns the preview leads with: on a phone only two or three fit, so the name comes
first, then the columns whose values differ from row to row; columns holding one value in
every row (the city code, an empty column) are folded away into a list of name = value, still
one tap away, and still in every download."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import html

from portal.web.i18n import t

NAME_COLUMNS = ("名称", "施設名", "名前", "大字町丁目名", "名称_英語")
MAX_FOLDED_SHOWN = 200  # characters of a folded column's value shown in the list


def name_column(names: tuple[str, ...]) -> str | None:
    return next((n for n in NAME_COLUMNS if n in names), None)


def lead_order(fields: list[dict[str, Any]], constant: Mapping[str, str]
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(shown, folded): the name column first, then the other columns whose values differ,
    in the schema's order; folded: the columns with one value in every row. A table whose
    every column is constant shows them all."""
    names = tuple(f["name"] for f in fields)
    name = name_column(names)
    varying = [f for f in fields if f["name"] not in constant]
    if not varying:
        return list(fields), []
    shown = [f for f in varying if f["name"] == name] + [f for f in varying if f["name"] != name]
    return shown, [f for f in fields if f["name"] in constant]


def folded_columns(folded: list[dict[str, Any]], constant: Mapping[str, str],
                   language: str) -> html.Details | None:
    """The folded columns as a disclosure: each name with its one value."""
    if not folded:
        return None
    empty = t("folded-empty", language)
    return html.Details([
        html.Summary(t("folded-columns", language, n=len(folded)), className="small"),
        html.Ul([html.Li([html.Span(f["name"]), ": ",
                          html.Span(constant[f["name"]][:MAX_FOLDED_SHOWN] or empty)])
                 for f in folded], className="small mb-1"),
    ], id="folded-columns", className="mb-2")
