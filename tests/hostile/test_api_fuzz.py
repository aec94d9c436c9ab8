"""The rows filters and the CKAN parameters under generated requests (issue #22): the answer
is below 500 and nothing is logged as an error (no traceback). The budget is the ``hostile``
settings profile (bench/hostile.py); ``python -m bench.fuzz`` runs a large one."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask import Flask
from hypothesis import given, settings

from bench.hostile import ckan_cases, rows_cases, send_ckan, send_rows, tables_of

# A failing case's body can be tens of kilobytes; hypothesis warns before printing it.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")


def test_generated_rows_queries_are_never_5xx_nor_logged_errors(
        app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    client = app.test_client()
    statuses: set[int] = set()

    @given(case=rows_cases(tables_of(app)))
    @settings(settings.get_profile("hostile"))
    def case(case: Any) -> None:
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            answers = send_rows(client, case)
        for status, sent in answers:
            statuses.add(status)
            assert status < 500, sent
        assert caplog.records == [], answers

    case()
    assert {200, 400} <= statuses


def test_generated_ckan_parameters_are_never_5xx_nor_logged_errors(
        app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    client = app.test_client()
    tables = tables_of(app)
    ids = sorted({t.dataset for t in tables})
    statuses: set[int] = set()

    @given(case=ckan_cases(ids, tables))
    @settings(settings.get_profile("hostile"))
    def case(case: Any) -> None:
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            status, sent = send_ckan(client, case)
        statuses.add(status)
        assert status < 500, sent
        assert caplog.records == [], sent

    case()
    assert {200, 409} <= statuses
