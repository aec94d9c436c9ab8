"""What a resident meets on the real catalog: one published count, a phone number to tap,
and no instructions meant for staff."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dash
import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build

ROOT = Path(__file__).resolve().parents[2]
# The command as code (the markdown's `portal usage` renders as Code(children='portal usage')):
# "Open data portal usage statistics", a title, is no instruction.
STAFF_WORDS = ("プルリクエスト", "CONTRIBUTING", "'portal usage'", "`portal usage`", "pull request",
               "docs/usage.md")


@pytest.fixture(scope="module")
def real_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    root = tmp_path_factory.mktemp("real")
    shutil.copy(ROOT / "catalog.yaml", root / "catalog.yaml")
    shutil.copytree(ROOT / "datasets", root / "datasets")
    assert build(root / "catalog.yaml", root / "build").exit_code == 0
    return create_app(load_settings({}, build_dir=root / "build", cache_dir=root / "cache"))


@pytest.fixture
def client(real_app: Flask) -> Iterator[FlaskClient]:
    with real_app.test_client() as client:
        yield client


def page_tree(client: FlaskClient, path_template: str, url: str, **params: Any) -> str:
    """The layout a page's module renders for ``url`` (the registered module, as Dash
    loaded it), as text."""
    page = next(p for p in dash.page_registry.values()
                if p.get("path_template", p["path"]) == path_template or p["path"] == path_template)
    with client.application.test_request_context(url):
        return str(page["layout"](**params))


def test_healthz_stats_home_and_the_list_give_one_published_count(client: FlaskClient) -> None:
    # 12 catalog entries are published; the build adds the generated monthly count, which is
    # listed (13 results) but never counted (docs/kpi.md).
    assert client.get("/healthz").get_json()["datasets"] == 12
    assert client.get("/api/v1/stats").get_json()["datasets"] == 12
    assert client.get("/api/v1/kpi").get_json()["published_datasets"]["count"] == 12
    assert "公開データセット数 12 件" in page_tree(client, "/", "/")
    listing = page_tree(client, "/datasets", "/datasets")
    assert "13 件のデータセット" in listing
    assert ("うち 1 件はポータルがカタログから作る集計で、公開データセット数(12 件)には数えません"
            in listing)
    english = page_tree(client, "/en/datasets", "/en/datasets")
    assert "1 of them made by the portal from its catalog, not counted among the 12" in english


def test_a_search_without_the_generated_dataset_says_nothing_about_it(
        client: FlaskClient) -> None:
    listing = page_tree(client, "/datasets", "/datasets", q="避難所")
    assert "results-generated" not in listing


@pytest.mark.parametrize(("path", "number"), [("/about", "0289-63-2252"),
                                              ("/en/about", "+81 289-63-2252")])
def test_the_contact_phone_number_is_a_tel_link(client: FlaskClient, path: str,
                                                number: str) -> None:
    tree = page_tree(client, path, path)
    assert (f"A(children='{number}', id='contact-phone', href='tel:+81289632252')" in tree)


def test_resident_pages_carry_no_instructions_for_staff(client: FlaskClient) -> None:
    ids = [d["id"] for d in client.get("/api/v1/datasets?_size=100").get_json()["datasets"]]
    assert len(ids) == 13
    found = []
    for prefix in ("", "/en"):
        for path in ("/", "/datasets", "/kpi", "/about"):
            tree = page_tree(client, prefix + path if path != "/" or not prefix else "/en/",
                             prefix + path)
            found += [(prefix + path, w) for w in STAFF_WORDS if w in tree]
        for dataset_id in ids:
            url = f"{prefix}/datasets/{dataset_id}"
            tree = page_tree(client, f"{prefix}/datasets/<dataset_id>", url,
                             dataset_id=dataset_id)
            found += [(url, w) for w in STAFF_WORDS if w in tree]
    assert found == []


@pytest.mark.parametrize(("q", "found"), [
    ("ひなんじょ", ["kanuma-evacuation-shelters"]),
    ("ゆうびん", ["kanuma-postal-codes"]),
    ("ぼうさい", ["kanuma-evacuation-shelters", "kanuma-evacuation-sites"]),
])
def test_search_matches_the_readings_of_titles_and_tags(client: FlaskClient, q: str,
                                                        found: list[str]) -> None:
    body = client.get("/api/v1/datasets", query_string={"q": q}).get_json()
    assert sorted(d["id"] for d in body["datasets"]) == found


def test_search_matches_words_inside_the_data_of_small_tables(client: FlaskClient) -> None:
    body = client.get("/api/v1/datasets", query_string={"q": "オンライン申請"}).get_json()
    # In the cells of dx-kpi-targets (and of the plan's other tables), not in any title.
    assert sorted(d["id"] for d in body["datasets"]) == [
        "dx-glossary", "dx-kpi-targets", "dx-measures", "dx-projects"]


def test_the_search_words_stay_out_of_the_datasets_metadata(client: FlaskClient) -> None:
    body = client.get("/api/v1/datasets/kanuma-evacuation-shelters").get_json()
    assert "search" not in body and "search" not in body.get("dataset", {})


def test_a_search_without_results_offers_the_request_form(client: FlaskClient) -> None:
    tree = page_tree(client, "/datasets", "/datasets", q="存在しないデータ")
    assert "0 件のデータセット" in tree
    assert "id='no-results-request', className='alert-link', href='/requests/new'" in tree
    english = page_tree(client, "/en/datasets", "/en/datasets", q="nothing-like-this")
    assert "id='no-results-request', className='alert-link', href='/en/requests/new'" in english
    assert "no-results" not in page_tree(client, "/datasets", "/datasets", q="避難所")


def test_near_a_place_that_is_no_town_says_what_to_type(client: FlaskClient) -> None:
    tree = page_tree(client, "/datasets/<dataset_id>", "/datasets/kanuma-evacuation-shelters",
                     dataset_id="kanuma-evacuation-shelters", near="どこか")
    assert ("Alert(children=['パラメータ near: 「どこか」は町名(大字・町丁目)として見つかりません"
            "でした。', ' ', '大字・町丁目名(例: 今宮町)か、それを含む住所を入力してください。'], "
            "id='near-problem'" in tree)


def test_a_filter_in_the_url_that_the_rows_api_refuses_is_its_message(
        client: FlaskClient) -> None:
    tree = page_tree(client, "/datasets/<dataset_id>", "/datasets/kanuma-evacuation-shelters",
                     dataset_id="kanuma-evacuation-shelters", **{"想定収容人数__gte": "多い"})
    assert ("パラメータ 想定収容人数__gte の値「多い」は列「想定収容人数」の型 integer として"
            "読めません。") in tree
    # The page shows every row and point then: the filter is dropped, not half applied.
    assert "58 地点、" in tree and "'filters': []" in tree


def test_a_dataset_without_positions_offers_no_near_a_place(client: FlaskClient) -> None:
    tree = page_tree(client, "/datasets/<dataset_id>", "/datasets/kanuma-postal-codes",
                     dataset_id="kanuma-postal-codes", near="今宮町")
    assert "near-section" not in tree and "data-near='今宮町'" in tree
