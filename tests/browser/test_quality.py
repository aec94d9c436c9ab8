"""Quality badges in Chromium: a stale, a broken-but-published (warnings) and a clean dataset
show what the rules say (tests/test_quality.py) on their pages, in search results and on
/quality; axe finds nothing serious; nothing scrolls sideways at 390 px.

The catalog is the test catalog changed here (generated): generated-facilities is CP932 (one
warning) and on time, generated-population clean but 389 days late, and generated-clean —
a copy of the areas table with a primary key — clean and on time."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build
from tests.browser.conftest import _driver, axe_violations, needs_axe
from tests.conftest import TEST_CATALOG, TODAY

pytestmark = pytest.mark.browser

CLEAN_ENTRY = """  - id: generated-clean
    title: {ja: 生成された地区一覧(テスト用), en: Generated areas (test data)}
    description: {ja: テスト用に生成した地区の一覧です。, en: Areas generated for the tests.}
    publisher: citizens
    category: population
    tags: [地区, テスト]
    license: CC-BY-4.0
    issued: 2023-04-01
    modified: 2026-11-10
    frequency: monthly
    source: {title: {ja: テスト用生成データ, en: Generated test data}, license: CC0}
    resources:
      - name: areas
        path: datasets/generated-clean/areas.csv
        format: csv
        schema: datasets/generated-clean/areas.schema.json
"""


def _catalog(root: Path) -> Path:
    shutil.copytree(TEST_CATALOG, root)
    catalog = root / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    text = text.replace("    modified: 2025-04-01\n", "    modified: 2026-04-01\n", 1)
    catalog.write_text(text + CLEAN_ENTRY, encoding="utf-8")
    clean = root / "datasets/generated-clean"
    clean.mkdir()
    shutil.copy(root / "datasets/generated-population/areas.csv", clean / "areas.csv")
    schema = json.loads((root / "datasets/generated-population/areas.schema.json").read_text(
        encoding="utf-8"))
    (clean / "areas.schema.json").write_text(json.dumps({**schema, "primaryKey": "地区"},
                                                        ensure_ascii=False), encoding="utf-8")
    return catalog


@pytest.fixture(scope="module")
def quality_url(tmp_path_factory: pytest.TempPathFactory, tile_url: str) -> Iterator[str]:
    root = tmp_path_factory.mktemp("quality")
    result = build(_catalog(root / "catalog"), root / "build", today=TODAY)
    assert result.exit_code == 0, result.report.to_dict()
    app = create_app(load_settings({}, build_dir=root / "build", map_tiles=tile_url,
                                   cache_dir=root / "cache"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def phone390() -> Iterator[WebDriver]:
    driver = _driver(390, 844, mobile=True)
    yield driver
    driver.quit()


def _badges(driver: WebDriver, scope: str) -> list[tuple[str, str]]:
    WebDriverWait(driver, 15).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, f"{scope} .quality-badges")))
    return [(b.get_attribute("data-quality") or "", b.text) for b in
            driver.find_elements(By.CSS_SELECTOR, f"{scope} .quality-badges > li")]


@pytest.mark.parametrize(("dataset_id", "badges"), [
    ("generated-population", [("stars-3", "3つ星"), ("no-warnings", "機械判読: 警告なし"),
                              ("late", "更新: 389 日遅れ"), ("english", "英語の説明あり")]),
    ("generated-facilities", [("stars-4", "4つ星"), ("warnings", "機械判読: 警告 1 件"),
                              ("on-time", "更新: 予定どおり"), ("english", "英語の説明あり")]),
    ("generated-clean", [("stars-4", "4つ星"), ("no-warnings", "機械判読: 警告なし"),
                         ("on-time", "更新: 予定どおり"), ("english", "英語の説明あり")]),
])
def test_the_dataset_page_shows_the_badges_the_rules_give(
        browser: WebDriver, quality_url: str, dataset_id: str,
        badges: list[tuple[str, str]]) -> None:
    browser.get(f"{quality_url}/datasets/{dataset_id}")
    # The stars badge reads "★★★☆☆ 3つ星": the stars are hidden from screen readers.
    assert [(slug, text.lstrip("★☆ ")) for slug, text in _badges(browser, "#quality")] == badges


def test_the_dataset_page_lists_the_warnings_by_code_and_the_due_date(
        browser: WebDriver, quality_url: str) -> None:
    browser.get(f"{quality_url}/datasets/generated-facilities")
    table = WebDriverWait(browser, 15).until(
        ec.presence_of_element_located((By.ID, "quality-table")))
    rows = [(r.find_element(By.TAG_NAME, "th").text, r.find_element(By.TAG_NAME, "td").text)
            for r in table.find_elements(By.CSS_SELECTOR, "tr")]
    assert rows[1:4] == [
        ("機械判読性", "エラーはなく公開中です。警告 1 件:\nencoding-cp932 1 件"),
        ("更新", "予定どおり(次回の更新予定日 2027年4月1日)"),
        ("標準データセット", "標準データセットではありません")]
    assert rows[5] == ("判定日", "2026年11月25日")
    browser.get(f"{quality_url}/en/datasets/generated-population")
    _badges(browser, "#quality")
    late = browser.find_element(By.CSS_SELECTOR, "#quality [data-quality=late]")
    assert late.text == "Updates: 389 days late"


def test_search_results_show_badges_and_the_quality_facet_narrows_them(
        browser: WebDriver, quality_url: str) -> None:
    browser.get(f"{quality_url}/datasets")
    WebDriverWait(browser, 15).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, "article .quality-badges")))
    cards = {a.find_element(By.CSS_SELECTOR, "h3 a").text:
             [b.get_attribute("data-quality") for b in
              a.find_elements(By.CSS_SELECTOR, ".quality-badges > li")]
             for a in browser.find_elements(By.CSS_SELECTOR, "main article")}
    assert cards == {
        "生成された施設一覧(テスト用)": ["stars-4", "warnings", "on-time", "english"],
        "生成された地区別人口(テスト用)": ["stars-3", "no-warnings", "late", "english"],
        "生成された地区一覧(テスト用)": ["stars-4", "no-warnings", "on-time", "english"]}
    facet = browser.find_element(By.CSS_SELECTOR, "#search-filters nav[aria-label='品質']")
    link = facet.find_element(By.PARTIAL_LINK_TEXT, "更新の遅れ")
    assert link.text == "更新の遅れ (1)"
    assert link.get_attribute("href").endswith("/datasets?quality=late")
    browser.get(link.get_attribute("href"))
    WebDriverWait(browser, 15).until(lambda d: len(d.find_elements(
        By.CSS_SELECTOR, "main article")) == 1)
    assert browser.find_element(By.CSS_SELECTOR, "main article h3").text == (
        "生成された地区別人口(テスト用)")


def test_the_quality_page_lists_each_departments_datasets_with_what_to_do_next(
        browser: WebDriver, quality_url: str) -> None:
    browser.get(f"{quality_url}/quality")
    WebDriverWait(browser, 15).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, "#quality-department-citizens article")))
    sections = {s.find_element(By.TAG_NAME, "h2").text: [
        (a.get_attribute("id"), [li.get_attribute("data-step")
                                 for li in a.find_elements(By.CSS_SELECTOR, "li[data-step]")])
        for a in s.find_elements(By.TAG_NAME, "article")]
        for s in browser.find_elements(By.CSS_SELECTOR, "main section")}
    assert sections == {
        "総務課": [("quality-generated-facilities", ["quality-warnings"])],
        # The one with most to do first.
        "市民課": [("quality-generated-population", ["quality-late", "quality-no-primary-key"]),
                ("quality-generated-clean", ["quality-nothing-to-do"])]}
    step = browser.find_element(By.CSS_SELECTOR, "li[data-step=quality-late]")
    assert step.text == ("generated-population: 更新が 389 日遅れています(更新予定日 2025-11-01)。\n"
                         "データを更新し、catalog.yaml の modified を更新日にしてください。")
    summary = browser.find_element(By.CSS_SELECTOR, "#quality-department-citizens p")
    assert summary.text == "2 件中、直すところのないもの 1 件"
    browser.get(f"{quality_url}/en/quality")
    heading = WebDriverWait(browser, 15).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, "#quality-department-general-affairs h2")))
    assert (browser.find_element(By.CSS_SELECTOR, "main h1").text, heading.text) == (
        "Data quality by department", "General Affairs Division")


@needs_axe
@pytest.mark.parametrize("path", ["/quality", "/en/quality", "/datasets/generated-facilities",
                                  "/datasets?quality=late"])
def test_axe_finds_nothing_serious_on_the_badges(browser: WebDriver, quality_url: str,
                                                 path: str) -> None:
    browser.get(quality_url + path)
    WebDriverWait(browser, 15).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, "main .quality-badges")))
    result = axe_violations(browser)
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("path", ["/quality", "/en/quality", "/datasets/generated-population",
                                  "/datasets"])
def test_nothing_scrolls_sideways_at_390_px(phone390: WebDriver, quality_url: str,
                                            path: str) -> None:
    phone390.get(quality_url + path)
    WebDriverWait(phone390, 15).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, "main .quality-badges")))
    width, inner = phone390.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];")
    assert (inner, width <= inner) == (390, True)
