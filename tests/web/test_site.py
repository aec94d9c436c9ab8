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


@pytest.mark.parametrize(("path", "status", "title"), [
    ("/en/", 200, "Kanuma City Open Data"),
    ("/en", 200, "Kanuma City Open Data"),
    ("/en/datasets", 200, "Datasets — Kanuma City Open Data"),
    ("/en/datasets/generated-population", 200,
     "Generated population by area (test data) — Kanuma City Open Data"),
    ("/en/kpi", 200, "KPIs of the DX plan — Kanuma City Open Data"),
    ("/en/about", 200, "About — Kanuma City Open Data"),
    ("/en/developers", 200, "For developers — Kanuma City Open Data"),
    ("/en/no-such-page", 404, "Page not found — Kanuma City Open Data"),
    ("/en/datasets/no-such-dataset", 404, "Page not found — Kanuma City Open Data"),
])
def test_each_page_has_an_english_twin_under_en(client: FlaskClient, path: str, status: int,
                                                title: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert _head(response.get_data(as_text=True))[:2] == ("en", title)


def test_english_dataset_page_has_english_title_and_description(client: FlaskClient) -> None:
    body = client.get("/en/datasets/generated-facilities").get_data(as_text=True)
    assert _head(body) == ("en", "Generated facilities (test data) — Kanuma City Open Data",
                           "A list of facilities generated for the tests, with postal codes "
                           "and positions.")


def test_the_cookie_never_changes_what_a_url_serves(client: FlaskClient) -> None:
    client.set_cookie("lang", "en")
    assert _head(client.get("/datasets").get_data(as_text=True))[:2] == (
        "ja", "データセット — 鹿沼市オープンデータ")
    client.set_cookie("lang", "ja")
    assert _head(client.get("/en/datasets").get_data(as_text=True))[0] == "en"
    client.delete_cookie("lang")


def _links(body: str) -> dict[str, str]:
    """rel=canonical and every hreflang alternate of the HTML head, by name."""
    found: dict[str, list[str]] = {}
    for href in re.findall(r'<link rel="canonical" href="([^"]*)">', body):
        found.setdefault("canonical", []).append(href)
    for lang, href in re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]*)">',
                                 body):
        found.setdefault(lang, []).append(href)
    assert all(len(v) == 1 for v in found.values()), found
    return {k: v[0] for k, v in found.items()}


@pytest.mark.parametrize(("ja", "en"), [
    ("/", "/en/"),
    ("/datasets?q=%E4%BA%BA%E5%8F%A3&amp;category=population",
     "/en/datasets?q=%E4%BA%BA%E5%8F%A3&amp;category=population"),
    ("/datasets/generated-population", "/en/datasets/generated-population"),
    ("/kpi", "/en/kpi"),
    ("/developers", "/en/developers"),
    ("/about", "/en/about"),
])
def test_a_page_and_its_twin_name_each_other_in_the_html_head(client: FlaskClient, ja: str,
                                                              en: str) -> None:
    base = "http://localhost"
    for path, canonical in ((ja, ja), (en, en)):
        body = client.get(path.replace("&amp;", "&")).get_data(as_text=True)
        assert _links(body) == {"canonical": base + canonical, "ja": base + ja,
                                "en": base + en, "x-default": base + ja}


def test_head_links_keep_the_query_of_the_search_page_only(client: FlaskClient) -> None:
    body = client.get("/en/kpi?utm_source=x").get_data(as_text=True)
    assert _links(body)["canonical"] == "http://localhost/en/kpi"


def test_head_links_use_the_configured_base_url(built: Path, tmp_path: Path) -> None:
    app = create_app(load_settings({}, build_dir=built, cache_dir=tmp_path,
                                   base_url="https://opendata.example.jp"))
    body = app.test_client().get("/en/kpi").get_data(as_text=True)
    assert _links(body) == {"canonical": "https://opendata.example.jp/en/kpi",
                            "ja": "https://opendata.example.jp/kpi",
                            "en": "https://opendata.example.jp/en/kpi",
                            "x-default": "https://opendata.example.jp/kpi"}


def test_a_missing_page_names_no_twin(client: FlaskClient) -> None:
    assert _links(client.get("/en/no-such-page").get_data(as_text=True)) == {}


@pytest.mark.parametrize(("url", "location"), [
    ("/lang/en?next=/datasets%3Fq%3Dtest", "/en/datasets?q=test"),
    ("/lang/ja?next=/en/datasets%3Fq%3Dtest", "/datasets?q=test"),
    ("/lang/en?next=/en/kpi", "/en/kpi"),
    ("/lang/ja?next=/en/", "/"),
    ("/lang/en", "/en/"),
    ("/lang/ja?next=//evil.example/", "/"),
    ("/lang/xx?next=/kpi", "/"),
])
def test_old_language_links_redirect_to_the_twin_page(client: FlaskClient, url: str,
                                                      location: str) -> None:
    response = client.get(url)
    assert (response.status_code, response.headers["Location"]) == (302, location)


def test_old_language_link_follows_the_referring_page(client: FlaskClient) -> None:
    response = client.get("/lang/en", headers={"Referer": "http://localhost/datasets?tag=a"})
    assert response.headers["Location"] == "/en/datasets?tag=a"
    assert "lang=en" in response.headers["Set-Cookie"]


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


def test_english_home_page_links_to_english_pages(client: FlaskClient) -> None:
    import dash

    home = next(p for p in dash.page_registry.values() if p["path"] == "/en/")
    with client.application.test_request_context("/_dash-update-component"):
        tree = str(home["layout"]())
    assert "2 datasets published" in tree and "'/en/kpi'" in tree
    assert "'/en/datasets?category=population'" in tree
    assert "'/en/datasets/generated-population'" in tree
    assert "'/kpi'" not in tree and "'/datasets/generated-population'" not in tree


def test_english_search_page_names_publishers_in_english(client: FlaskClient) -> None:
    import dash

    page = next(p for p in dash.page_registry.values() if p["path"] == "/en/datasets")
    with client.application.test_request_context("/_dash-update-component"):
        tree = str(page["layout"](q="", category="living"))
    assert "General Affairs Division (1)" in tree and "総務課" not in tree
    assert "'/en/datasets?category=living&publisher=%E7%B7%8F%E5%8B%99%E8%AA%B2'" in tree
    assert "'/en/datasets'" in tree  # clear filters


def test_english_dataset_page_history_is_the_entrys_changes_in_english(
        client: FlaskClient) -> None:
    import dash

    page = next(p for p in dash.page_registry.values()
                if p.get("path_template") == "/en/datasets/<dataset_id>")
    with client.application.test_request_context("/_dash-update-component"):
        tree = page["layout"](dataset_id="generated-facilities")
    history = next(c for c in _walk(tree) if getattr(c, "id", None) == "dataset-history")
    assert [li.children for li in history.children] == [
        "1 April 2025: Added 2 facilities", "1 April 2024: First published"]
    notice = next(c for c in _walk(tree) if getattr(c, "id", None) == "english-notice")
    assert notice.children == "The data in this dataset is in Japanese only."


def _walk(node: object) -> Iterator[object]:
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from _walk(child)


def test_english_dataset_page_jsonld_names_the_english_page(client: FlaskClient) -> None:
    body = client.get("/en/datasets/generated-population").get_data(as_text=True)
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', body)
    assert found is not None
    data = json.loads(found.group(1))
    assert (data["name"], data["url"]) == (
        "Generated population by area (test data)",
        "http://localhost/en/datasets/generated-population")


def test_every_app_of_a_process_keeps_the_language_switch(
        built: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Two servers in one process (gunicorn's app reloads, the tests): both point the switch
    at the twin page. ``dash.callback`` registrations go to the first app that starts."""
    outputs = []
    for _ in range(2):
        app = create_app(load_settings({}, build_dir=built,
                                       cache_dir=tmp_path_factory.mktemp("twice")))
        with app.test_client() as client:
            client.get("/")  # Dash sets its callbacks up on the first request
            dependencies = client.get("/_dash-dependencies").get_json()
        outputs.append([d["output"] for d in dependencies if "language-switch" in d["output"]])
    assert outputs == [["language-switch.href"], ["language-switch.href"]]


@pytest.mark.parametrize(("path", "feeds"), [
    ("/", ["http://localhost/feed.atom"]),
    ("/datasets/generated-population", [
        "http://localhost/feed.atom",
        "http://localhost/datasets/generated-population/feed.atom"]),
    ("/datasets?category=population&q=x", [
        "http://localhost/feed.atom", "http://localhost/feed.atom?category=population"]),
])
def test_each_page_names_its_feeds_in_the_html_head(client: FlaskClient, path: str,
                                                    feeds: list[str]) -> None:
    head = client.get(path).get_data(as_text=True).split("</head>")[0]
    assert re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
                      r'href="([^"]+)">', head) == feeds
