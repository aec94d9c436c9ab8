"""/api/v1/datasets/<id>/chart (JSON) and chart.csv: a chart's aggregated rows, as the chart
builder draws them (portal/query/charts.py)."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from flask import Blueprint, Response, request

from portal import urls
from portal.api.cache import cached
from portal.api.shapes import json_bytes_response, with_api_headers
from portal.api.v1 import current_build
from portal.query.aggregate import ChartData
from portal.query.charts import chart_rows, dataset_chart

charts = Blueprint("charts", __name__, url_prefix="/api/v1")


def chart_body(dataset_id: str, data: ChartData | None) -> dict[str, Any]:
    """The JSON of a chart: what was drawn (its spec and addresses), the categories, the
    series and the same numbers as rows."""
    if data is None:
        return {"dataset": dataset_id, "chart": None}
    spec = data.spec
    params = spec.params()
    header, rows = chart_rows(data)
    return {"dataset": dataset_id, "chart": {
        "type": spec.kind, "x": spec.x, "y": spec.y, "agg": spec.agg, "color": spec.color,
        "filters": [list(f) for f in spec.filters],
        "page_url": urls.chart_page(dataset_id, params=params),
        "csv_url": urls.api_chart(dataset_id, params, csv=True),
        "categories": list(data.x), "labels": list(data.labels),
        "series": [{"name": s.name, "values": list(s.values)} for s in data.series],
        "columns": list(header), "rows": rows, "truncated": data.truncated}}


def chart_csv(data: ChartData | None) -> str:
    """The aggregated rows as CSV text: the x label, then one column per series."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if data is not None:
        header, rows = chart_rows(data)
        writer.writerow(header)
        writer.writerows([["" if row[h] is None else row[h] for h in header] for row in rows])
    return out.getvalue()


@charts.get("/datasets/<dataset_id>/chart")
@cached
def chart(dataset_id: str) -> Response:
    data = dataset_chart(current_build(), dataset_id, list(request.args.items(multi=True)),
                         date.today())
    return json_bytes_response(chart_body(dataset_id, data))


@charts.get("/datasets/<dataset_id>/chart.csv")
@cached
def chart_download(dataset_id: str) -> Response:
    data = dataset_chart(current_build(), dataset_id, list(request.args.items(multi=True)),
                         date.today())
    # With a BOM, so that Excel reads the Japanese labels as UTF-8.
    response = Response(chart_csv(data).encode("utf-8-sig"), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{dataset_id}-chart.csv"'
    return with_api_headers(response)
