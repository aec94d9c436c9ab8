"""The preview grid (dash-ag-grid): rows fetched a page at a time from the rows query, sorted
and filtered on the server.

The grid's infinite row model asks for rows ``startRow``–``endRow`` with its sort and filter
models; ``grid_query`` turns those into the query-string pairs of the rows API and parses
them with the API's own ``parse_query``, so the grid and ``/api/v1/datasets/<id>/rows`` accept
and refuse the same things. The rows query pages with keyset cursors, not offsets: the page
keeps the cursor of each offset it has reached (in a dcc.Store) and walks forward from the
nearest one, in steps of up to ``MAX_SIZE`` rows, when the reader jumps ahead.

AG Grid's script is 300 KB on the wire (with its lazily loaded part, 530 KB): it is fetched
only when the preview comes near the screen (assets/25-lazy-grid.js), never by pages
without a grid.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, TypedDict

import dash_ag_grid
from dash import dcc, html
from dash.fingerprint import build_fingerprint

from portal.errors import PortalError
from portal.query.rows import MAX_SIZE, RowsQuery, fetch_rows, parse_query, resume
from portal.web import ids
from portal.web.components.columns import lead_order
from portal.web.i18n import GRID_LOCALE_JA

PAGE_SIZE = 10
ROW_HEIGHT = 40
GRID_BUNDLE = "dash_ag_grid.min.js"
# AG Grid filter types → rows API operators; the grid offers only these.
TEXT_FILTERS = {"contains": "contains", "equals": "exact", "notEqual": "not",
                "startsWith": "startswith", "blank": "isnull", "notBlank": "isnull"}
NUMBER_FILTERS = {"equals": "exact", "notEqual": "not", "greaterThan": "gt",
                  "greaterThanOrEqual": "gte", "lessThan": "lt", "lessThanOrEqual": "lte",
                  "blank": "isnull", "notBlank": "isnull"}
NUMERIC_TYPES = ("integer", "number", "year")


class SortItem(TypedDict, total=False):
    colId: str
    sort: Literal["asc", "desc"] | None


class FilterItem(TypedDict, total=False):
    filterType: str
    type: str
    filter: str | float | None


class GridRequest(TypedDict, total=False):
    """What AG Grid's infinite row model asks for (``getRowsRequest``); other keys are let
    through unread."""

    startRow: int | None
    endRow: int | None
    sortModel: list[SortItem] | None
    filterModel: dict[str, FilterItem] | None


class _PreviewDataset(TypedDict):
    dataset: str


class PreviewState(_PreviewDataset, total=False):
    """The page's grid state (a dcc.Store the browser sends back with each request);
    ``filters``: the rows API filters the page's URL gave, applied when the grid is drawn."""

    key: str | None
    cursors: dict[str, str | None] | None
    filters: list[list[str]] | None


@dataclass(frozen=True)
class GridWindow:
    rows: list[dict[str, Any]]
    total: int
    cursors: dict[str, str | None]  # row offset (as text, for JSON) → cursor that starts it


def defer_grid_bundle() -> None:
    """Keep AG Grid's main script out of every page's <script> tags. Dash writes a tag for
    each registered component library; marked dynamic, the file is still served at its
    fingerprinted URL, and the preview loads it when it is needed. The deprecated
    DataTable's bundle, which Dash registers itself and no page uses any more, goes too."""
    from dash import dash_table

    for resource in (*dash_ag_grid._js_dist, *dash_table._js_dist):
        if resource.get("relative_package_path") in (GRID_BUNDLE, "dash_table/bundle.js"):
            resource["dynamic"] = True


def grid_script_url() -> str:
    """The fingerprinted URL Dash serves the grid's script at (cached for a year)."""
    modified = int(os.stat(Path(dash_ag_grid.__file__).parent / GRID_BUNDLE).st_mtime)
    return ("/_dash-component-suites/dash_ag_grid/"
            + build_fingerprint(GRID_BUNDLE, dash_ag_grid.__version__, modified))


def _filter_value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def filter_params(filter_model: dict[str, FilterItem] | None, schema: dict[str, Any]
                  ) -> list[tuple[str, str]]:
    """The grid's filter model as rows API parameters (``col__op=value``), in column order;
    an operator the grid does not offer is its coded error."""
    types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
    params: list[tuple[str, str]] = []
    for column, model in sorted((filter_model or {}).items()):
        known = NUMBER_FILTERS if types.get(column) in NUMERIC_TYPES else TEXT_FILTERS
        kind = str(model.get("type"))
        if kind not in known:
            raise PortalError("unknown-operator", parameter=column, operator=kind,
                              operators=", ".join(known))
        operator = known[kind]
        value = ("1" if kind == "blank" else "0") if operator == "isnull" else \
            _filter_value(model.get("filter", ""))
        params.append((f"{column}__{operator}", value))
    return params


def filter_model(params: list[tuple[str, str]], schema: dict[str, Any]) -> dict[str, FilterItem]:
    """The grid's filter model for rows API filters (a page's URL): the inverse of
    ``filter_params`` for the operators the grid offers; others are left to the rows API."""
    types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
    model: dict[str, FilterItem] = {}
    for key, value in params:
        column, _, operator = key.rpartition("__")
        if column not in types:
            continue
        numeric = types[column] in NUMERIC_TYPES
        offered = NUMBER_FILTERS if numeric else TEXT_FILTERS
        if operator == "isnull":
            kind = "blank" if value in ("1", "true") else "notBlank"
        else:
            kind = next((k for k, op in offered.items() if op == operator), "")
        if not kind:
            continue
        item: FilterItem = {"filterType": "number" if numeric else "text", "type": kind}
        if operator != "isnull":
            item["filter"] = float(value) if numeric else value
        model[column] = item
    return model


def grid_query(request: GridRequest, schema: dict[str, Any], dataset_id: str) -> RowsQuery:
    """The grid's sort and filter models as rows API parameters, parsed by the API's parser:
    an unknown column, operator or a value of the wrong type is its coded error."""
    params: list[tuple[str, str]] = []
    for sort in (request.get("sortModel") or [])[:1]:
        params.append(("_sort_desc" if sort.get("sort") == "desc" else "_sort",
                       str(sort.get("colId"))))
    params += filter_params(request.get("filterModel"), schema)
    return parse_query(params, schema, dataset_id)


def row_range(request: GridRequest) -> tuple[int, int]:
    """The grid's ``startRow``/``endRow``, made safe: whole numbers, from 0, at most
    ``MAX_SIZE`` rows."""
    def whole(value: Any, default: int) -> int:
        return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 \
            else default

    start = whole(request.get("startRow"), 0)
    end = whole(request.get("endRow"), start + PAGE_SIZE)
    return start, max(start + 1, min(end, start + MAX_SIZE))


def rows_window(db_path: Path, schema: dict[str, Any], query: RowsQuery, start: int, end: int,
                cursors: dict[str, str | None] | None = None) -> GridWindow:
    """Rows ``start``–``end`` (end excluded) of ``query``; ``cursors`` from earlier calls of
    the same query."""
    known: dict[str, str | None] = {"0": None}
    known.update({k: v for k, v in (cursors or {}).items() if k.isascii() and k.isdigit() and v})
    offset = max(int(k) for k in known if int(k) <= start)
    cursor = known[str(offset)]
    first_column = next(iter(f["name"] for f in schema.get("fields", [])), None)
    # Windows come in any size, so the grid's cursors are not bound to one (the API's are);
    # a resumed query carries the total its first window counted.
    query = replace(query, bind_size=False)

    def after(sized: RowsQuery) -> RowsQuery:
        return resume(sized, cursor) if cursor else sized

    while offset < start:
        step = min(MAX_SIZE, start - offset)
        skipped = fetch_rows(db_path, schema, after(replace(
            query, size=step, columns=(first_column,) if first_column else ())))
        if skipped.next is None or start >= (skipped.total or 0):
            return GridWindow([], skipped.total or 0, known)  # asked past the last row
        offset, cursor = offset + step, skipped.next
        known[str(offset)] = cursor
    page = fetch_rows(db_path, schema, after(replace(query,
                                                     size=max(1, min(MAX_SIZE, end - start)))))
    if page.next:
        known[str(start + len(page.rows))] = page.next
    return GridWindow(page.rows, page.total or 0, known)


def grid_page(db_path: Path, schema: dict[str, Any], query: RowsQuery, request: GridRequest,
              state: PreviewState) -> tuple[GridWindow, PreviewState]:
    """The rows the grid asked for, and the page's grid state with the cursors they reached.
    Cursors belong to one sort and filter: a new one starts from a clean slate."""
    key = json.dumps([request.get("sortModel"), request.get("filterModel")], sort_keys=True)
    cursors = state.get("cursors") if state.get("key") == key else None
    start, end = row_range(request)
    window = rows_window(db_path, schema, query, start, end, cursors)
    return window, {**state, "key": key, "cursors": window.cursors}


def preview_slot(dataset_id: str, caption: str, filters: list[tuple[str, str]] | None = None,
                 status: str = "", folded: Any = None) -> html.Div:
    """The caption, the grid's state and the slot the grid is drawn into; its height is the
    grid's, so nothing below moves when it appears. ``filters``: the URL's, for the grid."""
    return html.Div([
        html.P(caption, id="preview-caption", className="small text-body-secondary"),
        *([folded] if folded is not None else []),
        dcc.Store(id=ids.PREVIEW_STATE, data={"dataset": dataset_id, "key": None,
                                              "cursors": {},
                                              "filters": [list(f) for f in filters or []]}),
        dcc.Store(id=ids.GRID_WANTED, data=None),
        html.P(status, id=ids.PREVIEW_STATUS, className="small text-danger", role="status"),
        html.Div(id=ids.PREVIEW_SLOT, className="preview-slot mb-4",
                 style={"height": f"{grid_height()}px"},
                 **{"data-lazy-grid": grid_script_url()}),
    ])


def grid_height() -> int:
    # Rows, header, filter row, the paging bar and a horizontal scroll bar on a phone.
    return ROW_HEIGHT * (PAGE_SIZE + 2) + 80


def preview_grid(schema: dict[str, Any], language: str,
                 filters: list[list[str]] | None = None,
                 constant: Mapping[str, str] | None = None) -> dash_ag_grid.AgGrid:
    """The grid: the name and the columns that differ first, columns with one value in every
    row hidden (listed beside the grid, components/columns.py)."""
    columns = []
    shown, folded = lead_order(schema.get("fields", []), constant or {})
    for field in [*shown, *folded]:
        numeric = field.get("type") in NUMERIC_TYPES
        offered = NUMBER_FILTERS if numeric else TEXT_FILTERS
        columns.append({
            "field": field["name"], "headerName": field["name"],
            "headerTooltip": field.get("description") or field["name"],
            "filter": "agNumberColumnFilter" if numeric else "agTextColumnFilter",
            "filterParams": {"filterOptions": list(offered), "maxNumConditions": 1,
                             "buttons": ["reset"]},
            **({"type": "numericColumn"} if numeric else {}),
            **({"hide": True} if field in folded else {})})
    options: dict[str, Any] = {
        "pagination": True, "paginationPageSize": PAGE_SIZE, "cacheBlockSize": PAGE_SIZE,
        "paginationPageSizeSelector": False, "maxBlocksInCache": 20,
        "maxConcurrentDatasourceRequests": 1, "rowHeight": ROW_HEIGHT,
        # Column names may contain dots ("No."): they are names, not nested paths.
        "suppressFieldDotNotation": True,
        # Rows and cells in DOM order, so screen readers read them in order.
        "ensureDomOrder": True, "enableCellTextSelection": True,
        # Every column in the page, not only those scrolled to: a filter box is there to
        # reach (and to read) on a phone that shows two columns at a time.
        "suppressColumnVirtualisation": True,
    }
    if language == "ja":
        options["localeText"] = GRID_LOCALE_JA
    initial = filter_model([(str(f[0]), str(f[1])) for f in filters or [] if len(f) == 2],
                           schema)
    return dash_ag_grid.AgGrid(
        id=ids.PREVIEW_TABLE, columnDefs=columns, rowModelType="infinite",
        **({"filterModel": initial} if initial else {}),
        # A filter box under each header: visible, and reached with Tab like any input.
        defaultColDef={"sortable": True, "resizable": True, "minWidth": 110,
                       "floatingFilter": True,
                       "sortingOrder": ["asc", "desc", None]},
        dashGridOptions=options, style={"height": f"{grid_height()}px", "width": "100%"})
