"""The preview's column order and the grid filter model ↔ URL (components/columns.py,
components/preview.py)."""

from __future__ import annotations

from portal.web.components.columns import lead_order
from portal.web.components.preview import filter_model, filter_params

SCHEMA = {"fields": [{"name": "全国地方公共団体コード"}, {"name": "ID"}, {"name": "名称"},
                     {"name": "人数", "type": "integer"}, {"name": "備考"}]}


def test_the_name_leads_then_the_columns_that_differ_and_constant_ones_are_folded() -> None:
    shown, folded = lead_order(SCHEMA["fields"], {"全国地方公共団体コード": "092053", "備考": ""})
    assert [f["name"] for f in shown] == ["名称", "ID", "人数"]
    assert [f["name"] for f in folded] == ["全国地方公共団体コード", "備考"]


def test_a_table_of_constant_columns_shows_them_all() -> None:
    fields = SCHEMA["fields"]
    shown, folded = lead_order(fields, {f["name"]: "x" for f in fields})
    assert (shown, folded) == (fields, [])


def test_url_filters_become_the_grids_model_and_back() -> None:
    pairs = [("人数__gte", "10"), ("備考__isnull", "1"), ("名称__contains", "小学校")]
    model = filter_model(pairs, SCHEMA)
    assert model == {
        "人数": {"filterType": "number", "type": "greaterThanOrEqual", "filter": 10.0},
        "備考": {"filterType": "text", "type": "blank"},
        "名称": {"filterType": "text", "type": "contains", "filter": "小学校"}}
    # In column-name order, as the grid's callback always sends them.
    assert filter_params(model, SCHEMA) == sorted(pairs)


def test_url_filters_the_grid_cannot_show_are_left_to_the_rows_api() -> None:
    assert filter_model([("人数__in", "1,2"), ("ない__exact", "1"), ("名称", "x")],
                        SCHEMA) == {}
