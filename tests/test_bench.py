"""The benchmarks' short mode runs in the suite, so they cannot rot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench import load, validation
from bench.server import NGINX


def test_validation_benchmark_finds_what_frictionless_finds() -> None:
    result = validation.run(5_000)
    assert result["same_findings"] is True
    assert result["findings"] == 300  # one seeded error in each of 300 rows


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")
def test_load_benchmark_short_run_has_no_errors() -> None:
    result = load.run(clients=4, seconds=3, faults=False)
    assert result["errors"] == 0 and result["requests"] > 0
    assert set(result["statuses"]) == {200}


def test_chart_benchmark_gives_the_numbers_pandas_gives() -> None:
    from bench import chart

    result = chart.run(rows=5_000, repeat=2)
    assert result["same_numbers"] is True
    assert result["requests"] == 2 * len(chart.REQUESTS) and result["p95_ms"] > 0
    assert [r["chart"] for r in result["per_request"]][:2] == [
        "sum(金額) by 地区", "mean(件数) by 年度 × 地区"]


def test_paging_benchmark_runs_on_a_small_dataset() -> None:
    from bench import paging

    result = paging.run(rows=5_000, repeat=3)
    assert result["matching"] > 4_900 and result["deep_page"] == 49


@pytest.mark.parametrize("client", [
    "python", pytest.param("wrk", marks=pytest.mark.skipif(
        shutil.which("wrk") is None, reason="needs wrk: run scripts/install-system-deps"))])
def test_datasette_benchmark_compares_the_same_queries_on_the_same_rows(client: str) -> None:
    from bench import datasette

    cache = "redis" if shutil.which("redis-server") else "filesystem"
    # More queries than either server answers in the run (wrk's slices last 1 s at least).
    result = datasette.run(rows=5_000, clients=4, seconds=2, distinct=30_000, cache=cache,
                           client=client)
    assert result["client"] == client
    assert result["errors"] == 0
    # The index advisor, fed the shapes' requests, gave the build the indexes they use.
    assert [(i["columns"], i["reason"]) for i in result["our_indexes"]][:2] == [
        (["kind", "town", "value"], "advice"), (["town", "value"], "advice")]
    assert set(result["shapes"]) == set(datasette.SHAPES)
    plans = {"range": "INDEX idx_3 (value>?)",
             "equality-range-sort": 'INDEX cidx:["town", "value"] (town=? AND value>?)',
             "two-equalities-sort": 'INDEX cidx:["kind", "town", "value"] (kind=? AND town=?)',
             "search": "SCAN rows_search VIRTUAL TABLE INDEX 64:M1>"}
    for shape, got in result["shapes"].items():
        assert got["errors"] == 0, (shape, got["error_samples"])
        assert got["ours_requests"] > 0 and got["datasette_requests"] > 0
        # Like for like: both servers gave the same ids, in order, and the same total.
        assert got["same_first_page"] is True and got["same_total"] is True, shape
        assert got["first_page_rows"] > 0
        assert any(plans[shape] in line for line in got["ours_plan"]), got["ours_plan"]
        assert got["datasette_plan"], shape
        # Each query is asked once, so our response cache answered nothing.
        assert got["ours_requests"] < 30_000 and got["ours_cache_hits"] == 0, shape
    assert result["shapes"]["range"]["first_page_rows"] == 100


@pytest.mark.skipif(NGINX is None, reason="needs nginx")
def test_download_benchmark_sends_the_bytes_nginx_sends() -> None:
    from bench import download

    result = download.run(megabytes=2, times=2, concurrent=2)
    assert result["ours_bytes"] == result["nginx_bytes"] == result["bytes"] > 1_500_000
    assert result["ours_sha256"] == result["nginx_sha256"] == result["sha256"]
    assert result["ours_mb_s"] > 0 and result["nginx_mb_s"] > 0
    assert result["ours_mb_s_2_clients"] > 0 and result["nginx_mb_s_2_clients"] > 0


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium")
def test_transfer_benchmark_counts_only_the_portals_bytes() -> None:
    from bench import transfer

    result = transfer.run(["/", "/datasets/dx-kpi-targets",
                           "/datasets/dx-kpi-targets#scrolled"])
    home, page = result["/"], result["/datasets/dx-kpi-targets"]
    scrolled = result["/datasets/dx-kpi-targets#scrolled"]
    # No page without a grid fetches AG Grid: the home page keeps its 600 KB budget.
    assert 10 < home["requests"] < 40 and 100_000 < home["bytes"] < 600_000
    # A dataset page's preview grid is near the screen at once and loads AG Grid (~520 KB).
    assert home["bytes"] + 400_000 < page["bytes"] < 1_000_000
    # Scrolling to the chart fetches plotly.js' basic bundle (about 330 KB), not the full one.
    assert 250_000 < scrolled["bytes"] - page["bytes"] < 600_000


def test_scale_benchmark_validates_only_the_changed_dataset() -> None:
    from bench import scale

    result = scale.run(count=12, rows=10)
    # Which datasets, not how fast: at 12 datasets the CLI's start-up outweighs the work, and
    # the times are the full run's business (`python -m bench.scale`).
    assert result["validated_after_change"] == ["generated-0006"]
    assert result["cli_validate_one_changed_s"] > 0 and result["cli_validate_all_s"] > 0
    assert len(result["worker_rss_mb"]) == 2 and all(r > 20 for r in result["worker_rss_mb"])
    assert result["search_p50_ms"] > 0 and result["cold_start_to_home_page_s"] > 0


def test_fuzz_benchmark_finds_no_server_error() -> None:
    from bench import fuzz

    result = fuzz.run(examples=8)
    assert result["server_errors"] == 0 and result["nonconforming"] == 0, result["examples"]
    # Both documents, less the one schemathesis loads (it leaves out its own address).
    assert result["documents"]["/api/openapi.json"]["operations"] == 32
    assert result["documents"]["/api/openapi-ckan.json"]["operations"] == 36
    assert result["cases"] > 200
    assert 200 in result["statuses"] and any(400 <= s < 500 for s in result["statuses"])


def test_import_benchmark_short_run_imports_builds_and_reruns_unchanged() -> None:
    import importlib

    result = importlib.import_module("bench.import").run(count=10, rows=20, baseline_files=3)
    assert (result["import_exit"], result["import_rerun_exit"], result["build_exit"]) == (0, 0, 0)
    assert result["published"] == 10 and result["files"] == 11
    assert result["import_datasets_per_s"] > 0 and result["new_per_file_s"] > 0
    assert result["import_peak_rss_mb"] > 0 and result["build_peak_rss_mb"] > 0


def test_real_import_benchmark_lists_one_row_per_file_and_counts_what_blocks(
        tmp_path: Path) -> None:
    """A city's folder in miniature: real files of tests/data (a GeoJSON, Yaizu's Shapefile
    with sidecars and config.yml, a self-intersecting Yaizu layer, a table) and a generated
    PDF. Maps are counted apart; the self-intersection is what blocks."""
    from bench.real_import import run

    geo = Path(__file__).parent / "data" / "geo"
    city = tmp_path / "city"
    for folder in ("shelters", "kinrin", "shogyo", "glossary", "minutes"):
        (city / folder).mkdir(parents=True)
    shutil.copy(geo / "catalog/datasets/gsi-hinanjo-mashiko/093424.geojson", city / "shelters")
    for part in (geo / "catalog/datasets/yaizu-kinrin-shogyo").glob("近隣商業地域.*"):
        shutil.copy(part, city / "kinrin")
    (city / "kinrin/config.yml").write_text("name: 近隣商業地域\ndescription: ''\n",
                                            encoding="utf-8")
    for part in (geo / "real").glob("商業地域.*"):
        shutil.copy(part, city / "shogyo")
    shutil.copy(Path(__file__).parents[1] / "datasets/dx-glossary/glossary.csv",
                city / "glossary")
    (city / "minutes/generated-minutes.pdf").write_bytes(b"%PDF-1.4\n% generated\n")
    result = run(city)
    assert (result["datasets"], result["files"], result["files_by_kind"]) == (
        5, 5, {"document": 1, "layer": 3, "table": 1})
    assert (result["readable_datasets"], result["readable_by_kind"]) == (
        4, {"table": 1, "layer": 3})
    assert (result["published"], result["published_by_kind"]) == (3, {"table": 1, "layer": 2})
    assert result["blocking"] == {"layer": {"geo-self-intersection": 1}}
    assert result["build_traceback"] == "" and result["import_files_per_s"] > 0
    assert len(result["slowest_files"]) == 5 and result["import_peak_rss_mb"] > 0


def test_wide_benchmark_short_run_times_new_fix_of_a_wide_and_a_tall_table() -> None:
    import importlib

    result = importlib.import_module("bench.import").wide(columns=300)
    assert (result["columns"], result["rows"]) == (300, 3)
    assert result["wide_new_fix_s"] > 0 and result["tall_same_cells_s"] > 0
    assert result["wide_exit"] == 1  # the new entry still lacks what staff must fill
