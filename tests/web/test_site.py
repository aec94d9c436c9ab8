"""The HTML the server sends: statuses, language, <title>, description, JSON-LD, <noscript>."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.app import create_app
from portal.config import load_settings
from portal.query.detail import dataset_detail
from portal.store.current import CurrentBuild
from portal.web.components.head import jsonld_tag, noscript_summary


@pytest.fixture(scope="module")
def app(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return create_app(load_settings({}, build_dir=built, cache_dir=tmp_path_factory.mktemp("c")))


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    with app.test_client() as client:
        yield client


def _head(body: str) -> tuple[str, str, str]:
    lang = re.search(r'<html lang="([a-z]+)">', body)
    title = re.search(r"<title>(.*?)</title>", body)
    description = re.search(r'<meta name="description" content="([^"]*)">', body)
    assert lang and title and description, body[:500]
    return lang.group(1), title.group(1), description.group(1)


@pytest.mark.parametrize(("path", "status", "title"), [
    ("/", 200, "鹿沼市オープンデータ"),
    ("/datasets", 200, "データセット — 鹿沼市オープンデータ"),
    ("/datasets/generated-population", 200, "生成された地区別人口(テスト用) — 鹿沼市オープンデータ"),
    ("/about", 200, "このサイトについて — 鹿沼市オープンデータ"),
    ("/developers", 200, "開発者向け情報 — 鹿沼市オープンデータ"),
    ("/no-such-page", 404, "ページが見つかりません — 鹿沼市オープンデータ"),
    ("/datasets/no-such-dataset", 404, "ページが見つかりません — 鹿沼市オープンデータ"),
])
def test_each_page_has_its_status_and_title_in_japanese(client: FlaskClient, path: str,
                                                        status: int, title: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert _head(response.get_data(as_text=True))[:2] == ("ja", title)


def test_the_language_cookie_sets_html_lang_title_and_description(client: FlaskClient) -> None:
    client.set_cookie("lang", "en")
    body = client.get("/datasets/generated-facilities").get_data(as_text=True)
    assert _head(body) == ("en", "Generated facilities (test data) — Kanuma City Open Data",
                           "A list of facilities generated for the tests, with postal codes "
                           "and positions.")


def test_language_switch_sets_the_cookie_and_returns_to_the_same_page(
        client: FlaskClient) -> None:
    response = client.get("/lang/en?next=/datasets%3Fq%3Dtest")
    assert (response.status_code, response.headers["Location"]) == (302, "/datasets?q=test")
    assert "lang=en" in response.headers["Set-Cookie"]
    outside = client.get("/lang/ja?next=//evil.example/")
    assert outside.headers["Location"] == "/"


def test_dataset_page_carries_jsonld_and_a_noscript_download_list(client: FlaskClient) -> None:
    body = client.get("/datasets/generated-population").get_data(as_text=True)
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', body)
    assert found is not None
    data = json.loads(found.group(1))
    assert (data["@type"], data["name"], data["identifier"], data["license"]) == (
        "Dataset", "生成された地区別人口(テスト用)", "generated-population",
        "https://creativecommons.org/licenses/by/4.0/")
    assert [d["contentUrl"] for d in data["distribution"]] == [
        "http://localhost/datasets/generated-population.csv",
        "http://localhost/datasets/generated-population.excel.csv",
        "http://localhost/datasets/generated-population.sjis.csv",
        "http://localhost/datasets/generated-population.json",
        "http://localhost/datasets/generated-population/areas.csv",
        "http://localhost/datasets/generated-population/areas.excel.csv",
        "http://localhost/datasets/generated-population/areas.json"]
    noscript = re.search(r"<noscript><main>(.*?)</main></noscript>", body)
    assert noscript is not None
    assert '<a href="http://localhost/datasets/generated-population.csv">CSV (UTF-8)</a>' in (
        noscript.group(1))


def test_catalog_text_cannot_break_out_of_the_jsonld_or_noscript(built: Path) -> None:
    detail = dataset_detail(CurrentBuild(built).get(), "generated-facilities", "https://x.test")
    hostile = {**detail, "title": {"ja": '</script><script>alert(1)</script>', "en": ""},
               "description": {"ja": '<img src=x onerror="alert(2)"> & </noscript>', "en": ""}}
    tag = jsonld_tag(hostile, "ja")
    assert tag.count("</script>") == 1 and tag.endswith("</script>")
    inner = tag.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(inner)["name"] == "</script><script>alert(1)</script>"
    summary = noscript_summary(hostile, "ja")
    assert summary.count("</noscript>") == 1 and "<img" not in summary and "<script" not in summary


def test_home_page_shows_published_count_against_the_target(client: FlaskClient) -> None:
    import dash

    # The registered module, as Dash loaded it: importing it again would register "/" twice.
    home = next(p for p in dash.page_registry.values() if p["path"] == "/")
    with client.application.test_request_context("/"):
        tree = str(home["layout"]())
    # The test catalog has no dx-kpi-targets dataset: no target, and it says so.
    assert "公開データセット数 2 件" in tree and "の目標値は設定されていません" in tree
    assert "'/kpi'" in tree
