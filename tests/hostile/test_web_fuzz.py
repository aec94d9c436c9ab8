"""The Dash callback endpoint under generated bodies (issue #22): for every callback the server
runs, envelopes with values of its declared types and of any other, and any JSON at all — the
answer is below 500 and nothing is logged as an error (no traceback). The budget is the
``hostile`` settings profile (bench/hostile.py); ``python -m bench.fuzz`` runs a large one."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.hostile import callback_cases, send_callback, tables_of

# A failing case's body can be tens of kilobytes; hypothesis warns before printing it.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")


@pytest.fixture(scope="module")
def bodies(app: Flask) -> st.SearchStrategy[Any]:
    tables = tables_of(app)
    words = [*{t.dataset for t in tables}, *(c for t in tables for c in t.columns), "/",
             "/en/", "chart", "map", "lazy-figure"]
    return callback_cases(app.extensions["portal.dash"], words)


def test_generated_callback_requests_are_never_5xx_nor_logged_errors(
        app: Flask, bodies: st.SearchStrategy[Any], caplog: pytest.LogCaptureFixture) -> None:
    client = app.test_client()
    statuses: set[int] = set()

    @given(body=bodies)
    @settings(settings.get_profile("hostile"))
    def case(body: Any) -> None:
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            status, sent = send_callback(client, body,
                                         "http://localhost/datasets/generated-facilities")
        statuses.add(status)
        assert status < 500, sent
        assert caplog.records == [], sent

    case()
    assert {200, 400} <= statuses  # both answers and refusals were reached
