"""The benchmarks' short mode runs in the suite, so they cannot rot."""

from __future__ import annotations

import shutil

import pytest

from bench import load, validation


def test_validation_benchmark_finds_what_frictionless_finds() -> None:
    result = validation.run(5_000)
    assert result["same_findings"] is True
    assert result["findings"] == 300  # one seeded error in each of 300 rows


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")
def test_load_benchmark_short_run_has_no_errors() -> None:
    result = load.run(clients=4, seconds=3, faults=False)
    assert result["errors"] == 0 and result["requests"] > 0
    assert set(result["statuses"]) == {200}


def test_paging_benchmark_runs_on_a_small_dataset() -> None:
    from bench import paging

    result = paging.run(rows=5_000, repeat=3)
    assert result["matching"] > 4_900 and result["deep_page"] == 49
