"""Issue #22 item 12: a Dash callback request whose body or values are not of the types its
callback declares is a 400 naming the component property, never a 500 with a traceback."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bench.hostile import callback_body, server_callbacks
from portal.web.callback_types import conforms, describe, parameter_types
from portal.web.components.preview import GridRequest, PreviewState

UPDATE = "/_dash-update-component"
GRID = "..preview-table.getRowsResponse...preview-state.data...preview-status.children.."
ROUTER = ".._pages_content.children..._pages_store.data.."
SWITCH = "language-switch.href"
FIGURES = '{"kind":["ALL"],"type":"lazy-figure"}.children'
REQUEST_FORM = ("..request-status.children...request-what.value...request-why.value"
                "...request-contact.value...request-token.data..")
CHART_FILTERS = "chart-grid-filters.children"
PAGE = "http://localhost/datasets/generated-facilities"  # the Referer: the page's language
STATE = {"dataset": "generated-facilities", "key": None, "cursors": {}}
WINDOW = {"startRow": 0, "endRow": 3, "sortModel": [], "filterModel": {}}
# The places callbacks (portal.web.components.places): the grid's filters into the page's
# store and URL, the map's layer, the place asked for, and the rows near it.
FOLLOW = "..page-filters.data...page-query.data-filters.."
MAP = ('..{"kind":["ALL"],"type":"map-layer"}.data-map...'
       '{"kind":["ALL"],"type":"map-summary-text"}.children..')
ASK = "near.data"
NEAR = '..{"kind":["ALL"],"type":"near-result"}.children...page-query.data-near..'
MAP_SLOT = [{"type": "map-layer", "kind": "map"}]
SUMMARY_SLOT = [{"type": "map-summary-text", "kind": "map"}]
NEAR_SLOT = [{"type": "near-result", "kind": "near"}]


def _post(client: FlaskClient, body: Any) -> Any:
    return client.post(UPDATE, json=body, headers={"Referer": PAGE})


@pytest.mark.parametrize("body", ["null", "[]", "5", '"x"', "{}", '{"output": 5}',
                                  '{"output": "x", "inputs": 5}',
                                  "[" * 5000 + "]" * 5000, '{"output": "x", "inputs": [' *
                                  40 + "]}" * 40])
def test_a_body_that_is_not_a_callback_request_is_a_400(
        client: FlaskClient, caplog: pytest.LogCaptureFixture, body: str) -> None:
    with caplog.at_level(logging.WARNING):
        response = client.post(UPDATE, data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] in ("bad-parameter", "request-refused")
    assert caplog.records == []


@pytest.mark.parametrize(("output", "values", "parameter"), [
    (GRID, [[WINDOW], STATE], "preview-table.getRowsRequest"),
    (GRID, [{**WINDOW, "sortModel": "x"}, STATE], "preview-table.getRowsRequest"),
    (GRID, [{**WINDOW, "sortModel": ["x"]}, STATE], "preview-table.getRowsRequest"),
    (GRID, [{**WINDOW, "sortModel": [{"colId": 5}]}, STATE], "preview-table.getRowsRequest"),
    (GRID, [{**WINDOW, "filterModel": {"ID": "x"}}, STATE], "preview-table.getRowsRequest"),
    (GRID, [{**WINDOW, "filterModel": {"ID": {"type": []}}}, STATE],
     "preview-table.getRowsRequest"),
    (GRID, [{**WINDOW, "startRow": "0"}, STATE], "preview-table.getRowsRequest"),
    (GRID, [WINDOW, None], "preview-state.data"),
    (GRID, [WINDOW, {"dataset": 5}], "preview-state.data"),
    (GRID, [WINDOW, {**STATE, "cursors": []}], "preview-state.data"),
    (GRID, [WINDOW, {"key": None}], "preview-state.data"),
    ("preview-slot.children", [True, "x"], "preview-state.data"),
    (ROUTER, [5, ""], "_pages_location.pathname"),
    (ROUTER, ["generated-population", ""], "_pages_location.pathname"),  # not from the root
    (ROUTER, ["/", ["x"]], "_pages_location.search"),
    (SWITCH, [5, ""], "url.pathname"),
    (SWITCH, ["/", {"a": 1}], "url.search"),
    (FIGURES, [True, [{"type": "lazy-figure", "kind": "x"}], {}, []],
     '{"kind":["ALL"],"type":"lazy-figure"}.id'),
    (FIGURES, ["yes", [], {}, []], "figures-wanted.data"),
    (FIGURES, [True, [{"type": "lazy-figure", "kind": "chart"}], {"chart": {"figure": 5}},
               []], "figures.data"),
    (FIGURES, [True, [], {}, "x"], "page-filters.data"),
    (FOLLOW, [WINDOW, [[1, 2]], "generated-facilities"], "page-filters.data"),
    (FOLLOW, [WINDOW, [], 5], "place-dataset.data"),
    (MAP, [{"a": "b"}, "generated-facilities", MAP_SLOT, SUMMARY_SLOT], "page-filters.data"),
    (ASK, ["1", None, "今宮町"], "near-button.n_clicks"),
    (ASK, [1, None, ["今宮町"]], "near-input.value"),
    (NEAR, [5, [], "generated-facilities", NEAR_SLOT], "near.data"),
    (CHART_FILTERS, [["x"], STATE], "preview-table.filterModel"),
    (CHART_FILTERS, [{"ID": {"type": []}}, STATE], "preview-table.filterModel"),
    (CHART_FILTERS, [{}, {"dataset": 5}], "preview-state.data"),
])
def test_a_value_of_the_wrong_type_is_a_400_naming_its_property(
        app: Flask, client: FlaskClient, caplog: pytest.LogCaptureFixture, output: str,
        values: list[Any], parameter: str) -> None:
    body = callback_body(app.extensions["portal.dash"], output, values)
    with caplog.at_level(logging.WARNING):
        response = _post(client, body)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert (error["code"], error["parameter"]) == ("bad-parameter", parameter)
    assert caplog.records == []


@pytest.mark.parametrize(("output", "values"), [
    (GRID, [WINDOW, STATE]),
    (GRID, [{**WINDOW, "sortModel": [{"colId": "定員", "sort": "desc"}],
             "filterModel": {"地区": {"filterType": "text", "type": "equals",
                                      "filter": "中央"}}}, STATE]),
    (ROUTER, ["/kpi", ""]),
    (SWITCH, ["/en/datasets", "?q=a"]),
    # Typed but wrong: an unknown dataset, a pair of three, a filter the API refuses, a
    # place that is not one. Answered (or nothing to update), never a 500.
    (FOLLOW, [WINDOW, [], "no-such-dataset"]),
    (FOLLOW, [{**WINDOW, "filterModel": {"地区": {"type": "nope"}}}, [],
              "generated-facilities"]),
    (MAP, [[["地区__contains", "中央", "x"], ["定員__gte", "多い"]], "generated-facilities",
           MAP_SLOT, SUMMARY_SLOT]),
    (MAP, [[["地区__contains", "中央"]], "no-such-dataset", MAP_SLOT, SUMMARY_SLOT]),
    (ASK, [1, None, "今宮町" * 500]),
    (NEAR, ["どこでもない", [["定員__gte", "多い"]], "generated-facilities", NEAR_SLOT]),
    (NEAR, ["36.5,139.7", [], "no-such-dataset", NEAR_SLOT]),
    (NEAR, ["x" * 10_000, [], "generated-facilities", []]),
])
def test_values_of_the_declared_types_are_answered(app: Flask, client: FlaskClient,
                                                   output: str, values: list[Any]) -> None:
    response = _post(client, callback_body(app.extensions["portal.dash"], output, values))
    assert response.status_code in (200, 204), response.get_data(as_text=True)


def test_outputs_that_are_not_the_callbacks_are_a_400(app: Flask, client: FlaskClient) -> None:
    body = callback_body(app.extensions["portal.dash"], FIGURES,
                         [None, [{"type": "lazy-figure", "kind": "map"}], {}, []])
    body["outputs"] = [{"id": {"type": "other", "kind": "map"}, "property": "children"}]
    response = _post(client, body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad-parameter"


def test_the_grid_answers_its_rows(app: Flask, client: FlaskClient) -> None:
    body = callback_body(app.extensions["portal.dash"], GRID, [WINDOW, STATE])
    answer = _post(client, body).get_json()["response"]["preview-table"]["getRowsResponse"]
    assert answer["rowCount"] == 60
    assert [r["ID"] for r in answer["rowData"]] == [1, 2, 3]


def test_every_callback_the_server_runs_declares_the_type_of_each_value(app: Flask) -> None:
    callbacks = server_callbacks(app.extensions["portal.dash"])
    assert set(callbacks) == {GRID, ROUTER, SWITCH, FIGURES, "preview-slot.children", FOLLOW,
                              MAP, ASK, NEAR, REQUEST_FORM, CHART_FILTERS}
    for output, callback in callbacks.items():
        typed = parameter_types(callback["callback"])
        assert len(typed) == len(callback["inputs"]) + len(callback["state"]), output
        for _, hint in typed:
            conforms(None, hint)  # raises TypeError for an annotation it cannot check


@pytest.mark.parametrize(("value", "hint", "ok"), [
    (1, int, True), (True, int, False), (1, float, True), (1.5, int, False),
    ({"dataset": "x"}, PreviewState, True), ({"dataset": "x", "key": 5}, PreviewState, False),
    ({}, PreviewState, False), ({"startRow": 1, "other": [1]}, GridRequest, True),
    ({"sortModel": [{"sort": "up"}]}, GridRequest, False), (None, GridRequest | None, True),
    ([1, "a"], list[int], False), ({"a": None}, dict[str, str | None], True),
])
def test_conforms_checks_json_values_against_annotations(value: Any, hint: Any,
                                                         ok: bool) -> None:
    assert conforms(value, hint) is ok


def test_describe_says_what_was_expected() -> None:
    assert describe(str | None) == "string | null"
    assert describe(PreviewState) == "object with dataset, key, cursors, filters"
