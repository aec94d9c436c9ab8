"""Search over a build: Japanese normalisation, weighting, facets, sort."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from portal.publishing.pipeline import build as run_build
from portal.query.search import catalog_stats, index_of, search
from portal.store.current import Build, load_build
from portal.store.text import fold as normalize
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def build(built: Path) -> Build:
    return load_build(built.resolve())


@pytest.mark.parametrize(("text", "expected"), [
    ("ﾕｳﾋﾞﾝ", "ユウビン"), ("ゆうびん", "ユウビン"), ("ＣＳＶ", "csv"), ("Ｋａｎｕｍａ", "kanuma"),
])
def test_normalize_folds_width_case_and_kana(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_every_term_must_match(build: Build) -> None:
    assert [d.id for d in search(build, "テスト 施設").items] == ["generated-facilities"]
    assert search(build, "テスト 存在しない語").total == 0


def test_title_hits_outrank_column_hits(build: Build) -> None:
    # 地区 is in the population title (地区別人口) and a column of both datasets.
    assert [d.id for d in search(build, "地区").items] == ["generated-population",
                                                          "generated-facilities"]


def test_facets_keep_sibling_counts_when_one_is_chosen(build: Build) -> None:
    result = search(build, "", {"category": ["living"]})
    assert [d.id for d in result.items] == ["generated-facilities"]
    assert result.facets["category"] == [("living", 1), ("population", 1)]
    assert result.facets["tag"] == [("テスト", 1), ("施設", 1)]


def test_sort_by_modified_and_title(build: Build) -> None:
    assert [d.id for d in search(build, sort="modified").items] == [
        "generated-population", "generated-facilities"]
    assert [d.id for d in search(build, sort="title", lang="en").items] == [
        "generated-facilities", "generated-population"]
    assert search(build, size=1, page=2).items[0].id == "generated-population"


def test_index_is_built_once_per_build(build: Build) -> None:
    assert index_of(build) is index_of(build)


def test_catalog_stats(build: Build) -> None:
    stats = catalog_stats(build, TODAY)
    assert (stats["datasets"], stats["rows"]) == (2, 115)


def test_catalog_stats_count_only_what_is_published_on_the_day(build: Build) -> None:
    # generated-population is issued 2023-04-01, generated-facilities 2024-04-01.
    stats = catalog_stats(build, date(2023, 5, 1))
    assert (stats["datasets"], stats["by_category"]) == (1, {"population": 1})


def test_one_division_is_one_publisher_facet_value(tmp_path: Path) -> None:
    """The repository's catalog, with the generated count dataset: one name, all 13 datasets."""
    root = Path(__file__).resolve().parents[2]
    assert run_build(root / "catalog.yaml", tmp_path / "build", today=TODAY).exit_code == 0
    result = search(load_build(tmp_path / "build"), "", {}, "relevance", 1, 20)
    assert result.facets["publisher"] == [("総合政策部 デジタル政策課", 13)]
