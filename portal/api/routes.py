"""The JSON API's routes, declared once: the views read their parameters from here and
``openapi.py`` writes the OpenAPI document from the same table, so the two cannot drift."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

from portal.api.shapes import DEFAULT_SHAPE, SHAPES
from portal.errors import PortalError
from portal.query.search import FACETS, SORTS


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    type: str = "string"  # "string" | "integer"
    location: str = "query"  # "query" | "path"
    example: Any = None
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None
    enum: tuple[str, ...] = ()
    repeated: bool = False
    pattern: str | None = None  # of a path parameter; a dataset id's slug when None


@dataclass(frozen=True)
class Route:
    name: str
    path: str  # OpenAPI form: /api/v1/datasets/{id}
    summary: str
    description: str
    params: tuple[Param, ...] = ()
    responses: Mapping[int, str] = field(default_factory=dict)
    # Datasette-style column filters (col=value, col__gte=…): names come from the data.
    column_filters: bool = False
    example: str = ""


ID = Param("id", "Dataset id (lowercase ASCII slug).", location="path",
           example="kanuma-evacuation-sites")
FACET_PARAMS = tuple(Param(name, f"Keep datasets whose {name} is one of these values.",
                           repeated=True) for name in FACETS)

ROUTES: dict[str, Route] = {r.name: r for r in (
    Route("healthz", "/healthz", "Health check",
          "Whether a build is being served, its id and the published dataset count "
          "(the one every page and API gives: docs/kpi.md).",
          responses={200: "A build is served.", 503: "Nothing is built yet."},
          example="/healthz"),
    Route("datasets", "/api/v1/datasets", "Search datasets",
          "Free text over titles, descriptions, tags and column names (Japanese-aware: "
          "full/half width and hiragana/katakana are folded), the readings of Japanese titles "
          "and tags (ひなんじょ finds 避難所) and the words inside small tables, with facet "
          "counts.",
          (Param("q", "Search words; every word must match.", example="人口"),
           *FACET_PARAMS,
           Param("sort", "Order of results. `downloads`: most downloaded first, counted over "
                 "the last 12 months of the published usage dataset `portal-usage`.",
                 enum=SORTS, default="relevance"),
           Param("page", "Page number, from 1.", type="integer", default=1, minimum=1,
                 maximum=10_000),
           Param("size", "Datasets per page.", type="integer", default=20, minimum=1,
                 maximum=100),
           Param("lang", "Language of titles used for sorting by title.", enum=("ja", "en"),
                 default="ja")),
          {200: "Matching datasets and facets.", 400: "A parameter is not valid."},
          example="/api/v1/datasets?q=避難&category=safety"),
    Route("dataset", "/api/v1/datasets/{id}", "One dataset",
          "Metadata, schema, resources with their files, sizes and SHA-256 checksums, URLs.",
          (ID,), {200: "The dataset.", 404: "No such dataset."},
          example="/api/v1/datasets/kanuma-evacuation-sites"),
    Route("rows", "/api/v1/datasets/{id}/rows", "Rows of a dataset",
          "Datasette conventions. Filters: col=value, col__exact, __not, __gt, __gte, __lt, "
          "__lte, __contains, __startswith, __in (comma-separated), __isnull=1. "
          "Follow `next_url` for the next page: paging is by keyset, so every page costs "
          "the same. `total` is the exact number of matching rows, counted on the first page "
          "and carried by the `_next` cursor, so later pages report the same total without "
          "counting again; with `_count=false` nothing is counted and `total` is null. A "
          "cursor is bound to its query (filters, sort, `_size`, dataset, resource) and to the "
          "table's content: it outlives a rebuild that left the table unchanged; "
          "used with another it is a 400 naming `_next`.",
          (ID,
           Param("_sort", "Sort ascending by this column."),
           Param("_sort_desc", "Sort descending by this column."),
           Param("_size", "Rows per page (1–1000).", type="integer", default=100, minimum=1,
                 maximum=1000),
           Param("_next", "Cursor from the previous page's `next`, with the same filters, "
                          "sort and `_size`."),
           Param("_count", "`false`: do not count the matching rows (`total` is null).",
                 enum=("true", "false"), default="true"),
           Param("_col", "Return only these columns (repeatable).", repeated=True),
           Param("_facet", "Count the values of this column (repeatable; at most 5 distinct "
                 "columns, repeats counted once: more is a 400 `too-many-facets`).",
                 repeated=True),
           Param("_search", "Full-text search of the text columns: every space-separated term "
                 "occurs as a substring, after NFKC, lowercase and hiragana→katakana folding on "
                 "both sides (避難 finds 指定緊急避難場所; ﾋﾅﾝ finds ひなん). Text, not FTS "
                 "syntax; at most 100 characters and 5 terms. A 400 `search-unavailable` for a "
                 "resource with no text column."),
           Param("_resource", "A resource other than the primary one."),
           Param("_shape", "`geojson`: the page as an RFC 7946 FeatureCollection in WGS84 "
                 "(application/geo+json), with `total`, `next` and `next_url` kept as members; "
                 "only for a resource with locations (a Shapefile or GeoJSON, or a table whose "
                 "schema marks latitude/longitude).", enum=tuple(SHAPES),
                 default=DEFAULT_SHAPE),
           Param("_bbox", "Keep rows whose location (a feature's bounding box) intersects "
                 "`min_lon,min_lat,max_lon,max_lat` in decimal degrees (WGS84); only for a "
                 "resource with locations.", example="139.70,36.50,139.90,36.65")),
          {200: "A page of rows.", 400: "A parameter is not valid.",
           404: "No such dataset or resource."},
          column_filters=True,
          example="/api/v1/datasets/kanuma-evacuation-sites/rows?"
                  "全国地方公共団体コード=092053&_sort=ID&_size=5"),
    Route("kpi", "/api/v1/kpi", "DX plan KPIs",
          "Published-dataset count and the DX plan's KPI targets.",
          responses={200: "The KPI summary."}, example="/api/v1/kpi"),
    Route("stats", "/api/v1/stats", "Catalog statistics",
          "Dataset counts by category, licence and format, and the total number of rows.",
          responses={200: "The counts."}, example="/api/v1/stats"),
    Route("chart", "/api/v1/datasets/{id}/chart", "A chart's aggregated rows",
          "The numbers behind the dataset page's chart builder, aggregated on the server "
          "(SQLite GROUP BY, at most 500 categories and 12 series): `x` the column along the "
          "axis, `y` the quantity, `agg` how rows are combined, `color` one series per value, "
          "and the rows API's column filters. Without chart parameters, the dataset's "
          "default chart (null when the table has nothing to draw). Row numbers, identifiers "
          "and years are not quantities (400 `chart-not-quantity`); values of different "
          "units (a 単位 column) are not added up unless grouped or filtered by it (400 "
          "`chart-mixed-units`). The same rows as CSV: `/api/v1/datasets/{id}/chart.csv`.",
          (ID,
           Param("type", "Chart type.", enum=("bar", "line", "scatter", "pie")),
           Param("x", "Column along the x axis (or the pie's slices)."),
           Param("y", "Quantity to aggregate; not needed with agg=count."),
           Param("agg", "Aggregation.", enum=("sum", "mean", "count", "min", "max")),
           Param("color", "Column whose values become separate series.")),
          {200: "The chart's aggregated rows.", 400: "A parameter is not valid.",
           404: "No such dataset."},
          column_filters=True,
          example="/api/v1/datasets/dx-kpi-targets/chart?type=line&x=和暦年度&y=目標値&agg=sum"
                  "&KPI番号=1-1"),
)}


def _value(param: Param, raw: str) -> Any:
    if param.type == "integer":
        if not raw.isascii() or not raw.isdigit() or not (
                (param.minimum or 0) <= int(raw) <= (param.maximum or 2**31)):
            raise PortalError("bad-parameter", parameter=param.name, value=raw,
                              reason=f"{param.minimum}–{param.maximum}")
        return int(raw)
    if param.enum and raw not in param.enum:
        raise PortalError("bad-parameter", parameter=param.name, value=raw,
                          reason=" | ".join(param.enum))
    return raw


def read_args(route: Route, args: MultiDict[str, str],
              only: tuple[str, ...] = ()) -> dict[str, Any]:
    """The route's declared query parameters (or ``only`` these), typed and checked; absent
    ones get their defaults."""
    values: dict[str, Any] = {}
    for param in route.params:
        if param.location != "query" or (only and param.name not in only):
            continue
        if param.repeated:
            values[param.name] = [_value(param, raw) for raw in args.getlist(param.name)]
        elif param.name in args:
            values[param.name] = _value(param, args[param.name])
        else:
            values[param.name] = param.default
    return values
