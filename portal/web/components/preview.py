"""The preview grid: one page of rows at a time from the rows query, sorted on the server.

The rows query pages with keyset cursors, not offsets, so the grid remembers the cursor that
starts each page it has seen (in a dcc.Store) and walks forward from the nearest one when the
reader jumps ahead. Only the requested page is ever sent to the browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dash import dash_table, dcc, html

from portal.query.rows import RowsQuery, fetch_rows, resume
from portal.web import ids

PAGE_SIZE = 10


@dataclass(frozen=True)
class PreviewPage:
    rows: list[dict[str, Any]]
    total: int
    cursors: dict[str, str | None]  # page index (as text, for JSON) → cursor that starts it


def preview_page(db_path: Path, schema: dict[str, Any], page: int, sort: str | None = None,
                 descending: bool = False, cursors: dict[str, str | None] | None = None,
                 size: int = PAGE_SIZE) -> PreviewPage:
    """Page ``page`` (0-based) of the rows, sorted by ``sort``; ``cursors`` from earlier calls."""
    known: dict[str, str | None] = {"0": None}
    known.update({k: v for k, v in (cursors or {}).items() if k.isdigit() and v})
    index = max(int(k) for k in known if int(k) <= page)
    while True:
        token = known[str(index)]
        query = RowsQuery(sort=sort, descending=descending, size=size)
        result = fetch_rows(db_path, schema, resume(query, token) if token else query)
        if result.next:
            known[str(index + 1)] = result.next
        if index == page:
            return PreviewPage(result.rows, result.total or 0, known)
        if result.next is None:
            return PreviewPage([], result.total or 0, known)  # asked past the last row
        index += 1


def sort_of(sort_by: list[dict[str, str]] | None,
            field_names: tuple[str, ...]) -> tuple[str | None, bool]:
    """DataTable's sort_by → (column, descending); unknown columns are ignored."""
    if not sort_by or sort_by[0].get("column_id") not in field_names:
        return None, False
    return sort_by[0]["column_id"], sort_by[0].get("direction") == "desc"


def preview_grid(dataset_id: str, schema: dict[str, Any], first: PreviewPage,
                 caption: str) -> html.Div:
    fields = [f["name"] for f in schema.get("fields", [])]
    numeric = {f["name"] for f in schema.get("fields", [])
               if f.get("type") in ("integer", "number")}
    return html.Div([
        html.P(caption, id="preview-caption", className="small text-body-secondary"),
        dcc.Store(id=ids.PREVIEW_STATE, data={"dataset": dataset_id, "sort": None,
                                              "cursors": first.cursors}),
        # The grid scrolls inside its own box so a phone never scrolls the whole page sideways.
        html.Div(dash_table.DataTable(
            id=ids.PREVIEW_TABLE,
            columns=[{"name": f, "id": f, "type": "numeric" if f in numeric else "text"}
                     for f in fields],
            data=first.rows, page_action="custom", page_current=0, page_size=PAGE_SIZE,
            page_count=max(1, -(-first.total // PAGE_SIZE)),
            sort_action="custom", sort_mode="single", sort_by=[],
            style_table={"overflowX": "auto", "minWidth": "100%"},
            style_cell={"fontFamily": "inherit", "padding": "4px 8px", "textAlign": "left",
                        "whiteSpace": "nowrap"},
            style_header={"fontWeight": "bold", "backgroundColor": "#f1f3f5",
                          "color": "#212529"},
        ), className="table-scroll", **{"aria-describedby": "preview-caption"}),
    ])
