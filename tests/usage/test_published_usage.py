"""The published usage table shown: downloads on dataset pages, the most-downloaded datasets
on the home page, and sort=downloads in /api/v1/datasets."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build
from portal.query.usage import usage_of
from portal.store.current import load_build
from portal.usage.table import HEADER
from tests.conftest import TEST_CATALOG, TODAY

ROOT = Path(__file__).resolve().parents[2]
# The repository's portal-usage entry, up to the next entry.
ENTRY = (ROOT / "catalog.yaml").read_text(encoding="utf-8").split(
    "  - id: portal-usage")[1].split("\n  - id: ")[0]

# Generated figures (made up for the test): 2025-11 falls out of the 12 months that end at
# 2026-10, the table's latest month.
GENERATED_USAGE = [
    "2025-11,generated-facilities,100,100,0,0,0,0,0,0,0",
    "2025-12,generated-facilities,9,3,1,1,0,0,0,0,4",
    "2026-10,generated-facilities,2,1,0,0,0,0,0,1,0",
    "2026-10,generated-population,30,5,2,0,1,0,0,0,9",
]


def _build(tmp: Path, rows: list[str]) -> Path:
    shutil.copytree(TEST_CATALOG, tmp / "catalog")
    catalog = tmp / "catalog" / "catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").rstrip("\n") + "\n  - id: portal-usage"
                       + ENTRY, encoding="utf-8")
    (tmp / "catalog" / "datasets" / "portal-usage").mkdir()
    shutil.copy(ROOT / "datasets/portal-usage/usage.schema.json",
                tmp / "catalog/datasets/portal-usage/usage.schema.json")
    (tmp / "catalog/datasets/portal-usage/usage.csv").write_text(
        "\n".join([",".join(HEADER), *rows]) + "\n", encoding="utf-8")
    result = build(catalog, tmp / "build", today=TODAY)
    assert result.exit_code == 0, result.report.to_dict()
    return tmp / "build"


@pytest.fixture(scope="module")
def with_usage(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("usage"), GENERATED_USAGE)


@pytest.fixture(scope="module")
def without_usage(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("nousage"), [])


def _client(build_dir: Path, tmp: Path) -> Iterator[FlaskClient]:
    app = create_app(load_settings({}, build_dir=build_dir, cache_dir=tmp / "cache"))
    with app.test_client() as client:
        yield client


@pytest.fixture
def client(with_usage: Path, tmp_path: Path) -> Iterator[FlaskClient]:
    yield from _client(with_usage, tmp_path)


@pytest.fixture
def empty_client(without_usage: Path, tmp_path: Path) -> Iterator[FlaskClient]:
    yield from _client(without_usage, tmp_path)


def _text(node: Any) -> str:
    """The visible text of a Dash component tree, children joined in order."""
    if node is None:
        return ""
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, list | tuple):
        return "".join(_text(n) for n in node)
    return " " + _text(getattr(node, "children", None)) + " "


def _page(client: FlaskClient, path: str, **params: str) -> tuple[str, Any]:
    """Text and tree of the page at ``path`` (/en/… for English), laid out as Dash lays it
    out for a visitor."""
    import dash

    template = ("/en" if path.startswith("/en/") else "") + "/datasets/<dataset_id>"
    page = next(p for p in dash.page_registry.values()
                if (p.get("path_template") == template if "dataset_id" in params
                    else p["path"] == path))
    with client.application.test_request_context(path):
        tree = page["layout"](**params)
    return " ".join(_text(tree).split()), tree


def test_downloads_are_summed_over_the_12_months_ending_at_the_latest(with_usage: Path) -> None:
    usage = usage_of(load_build(with_usage.resolve()))
    assert (usage.first_month, usage.last_month) == ("2025-11", "2026-10")
    # 2025-11 is the first of the 12 months: 2025-11 … 2026-10.
    assert usage.downloads == {"generated-facilities": 100 + 5 + 2,
                               "generated-population": 8}


def test_sort_by_downloads_orders_the_api_by_the_published_table(client: FlaskClient) -> None:
    body = client.get("/api/v1/datasets?sort=downloads").get_json()
    assert [d["id"] for d in body["datasets"]] == [
        "generated-facilities", "generated-population", *sorted(
            d["id"] for d in body["datasets"][2:])]
    assert body["datasets"][2:] and all(d["id"] not in ("generated-facilities",
                                                         "generated-population")
                                        for d in body["datasets"][2:])


def test_an_unknown_sort_is_a_400_naming_downloads(client: FlaskClient) -> None:
    response = client.get("/api/v1/datasets?sort=popular")
    assert response.status_code == 400
    assert "downloads" in response.get_json()["error"]["message"]["en"]


def test_the_openapi_document_lists_the_downloads_sort(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").get_json()
    sort = next(p for p in spec["paths"]["/api/v1/datasets"]["get"]["parameters"]
                if p["name"] == "sort")
    assert sort["schema"]["enum"] == ["relevance", "modified", "title", "downloads"]


def test_the_home_page_lists_the_most_downloaded(client: FlaskClient) -> None:
    text, _ = _page(client, "/")
    assert ("よくダウンロードされているデータセット 2025年11月〜2026年10月 のダウンロード数"
            "(利用統計データセットより) 生成された施設一覧(テスト用) — 107 回 "
            "生成された地区別人口(テスト用) — 8 回") in text


def test_the_dataset_page_shows_its_downloads(client: FlaskClient) -> None:
    text, _ = _page(client, "/datasets/generated-population", dataset_id="generated-population")
    assert "過去12か月(2025年11月〜2026年10月)のダウンロード数: 8 回" in text
    text, _ = _page(client, "/en/datasets/generated-facilities",
                    dataset_id="generated-facilities")
    assert "Downloads in the 12 months Nov 2025 – Oct 2026: 107" in text


def test_without_usage_data_nothing_is_shown(empty_client: FlaskClient) -> None:
    assert "よくダウンロードされているデータセット" not in _page(empty_client, "/")[0]
    text, _ = _page(empty_client, "/datasets/generated-population",
                    dataset_id="generated-population")
    assert "過去12か月" not in text
    assert "名称 ダウンロード数" not in _page(empty_client, "/datasets")[0]


def test_the_datasets_page_offers_the_downloads_sort_when_there_is_usage(
        client: FlaskClient) -> None:
    assert "並び順: 関連度 更新日 名称 ダウンロード数" in _page(client, "/datasets")[0]
