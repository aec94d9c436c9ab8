"""/kpi in Chromium: the 13 KPIs, the live count and the JSON tell the same story."""

from __future__ import annotations

import csv
import json
import re
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from portal.app import create_app
from portal.catalog.load import load_catalog
from portal.config import load_settings
from portal.publishing.pipeline import build
from tests.browser.conftest import axe_violations, needs_axe, serious

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests/.artifacts"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]+")


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("real-site")
    shutil.copy(ROOT / "catalog.yaml", root / "catalog.yaml")
    shutil.copytree(ROOT / "datasets", root / "datasets")
    assert build(root / "catalog.yaml", root / "build").exit_code == 0
    app = create_app(load_settings({}, build_dir=root / "build", cache_dir=root / "cache"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_kpi_page_shows_the_plans_13_kpis_and_the_live_count(browser: WebDriver,
                                                             real_site: str) -> None:
    browser.delete_all_cookies()
    browser.get(real_site + "/kpi")
    WebDriverWait(browser, 20).until(
        ec.presence_of_element_located((By.ID, "kpi-count-chart")))
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.kpi-row")
    assert len(rows) == 13
    open_data = browser.find_element(By.ID, "kpi-3-2").text
    for target in ("目標: 200", "目標: 220", "目標: 240", "目標: 260"):
        assert target in open_data
    assert "目標: 目標なし" in browser.find_element(By.ID, "kpi-2-1").text
    assert "未公表" in browser.find_element(By.ID, "kpi-1-1").text
    with urllib.request.urlopen(real_site + "/api/v1/kpi") as response:  # noqa: S310
        api = json.load(response)
    count = api["published_datasets"]["count"]
    catalog, _ = load_catalog(ROOT / "catalog.yaml")
    assert count == sum(d.is_published_on(date.today()) for d in catalog.datasets)
    assert browser.find_element(By.ID, "kpi-count").text == str(count)
    fiscal_year = api["published_datasets"]
    if date.today() <= date(2027, 3, 31):
        assert f"あと {fiscal_year['gap']} 件" in browser.find_element(By.ID, "kpi-gap").text
    alternative = browser.find_element(By.ID, "kpi-chart-alt").text
    assert "目標 260" in alternative and api["kpi_count"] == 13


def _kpi_csv() -> dict[str, dict[str, str]]:
    with (ROOT / "datasets/dx-kpi-targets/kpi-targets.csv").open(encoding="utf-8") as handle:
        return {row["KPI番号"]: row for row in csv.DictReader(handle)}


def test_english_kpi_page_reads_in_english(browser: WebDriver, real_site: str) -> None:
    browser.delete_all_cookies()
    browser.get_log("browser")
    browser.get(real_site + "/en/kpi")
    WebDriverWait(browser, 20).until(
        ec.presence_of_element_located((By.ID, "kpi-count-chart")))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.kpi-row")
    assert len(rows) == 13
    names = {row.get_attribute("id").removeprefix("kpi-"):
             row.find_element(By.CSS_SELECTOR, ".kpi-name").text for row in rows}
    plan = _kpi_csv()
    assert names == {number: row["指標名_英語"] for number, row in plan.items()}
    assert "3-2 Using and sharing data" in browser.find_element(By.ID, "kpi-3-2").text
    table = browser.find_element(By.CSS_SELECTOR, "table").text
    for policy in ("Basic policy 1: Making services more convenient for residents",
                   "Basic policy 2: Efficient administration",
                   "Basic policy 3: Building a vibrant community"):
        assert policy in table
    # Not a Japanese word in the table, and no notice of missing translations.
    assert not JAPANESE.findall(table), JAPANESE.findall(table)
    assert browser.find_elements(By.ID, "kpi-untranslated") == []
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "kpi-en.png"))
    assert [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_home_kpi_page_and_both_apis_give_one_published_count(browser: WebDriver,
                                                              real_site: str) -> None:
    """Today the catalog has 12 entries, portal-usage and the three location datasets among
    them; the generated count dataset does not count itself."""
    with urllib.request.urlopen(real_site + "/api/v1/stats") as response:  # noqa: S310
        stats = json.load(response)
    with urllib.request.urlopen(real_site + "/api/v1/kpi") as response:  # noqa: S310
        kpi = json.load(response)
    browser.get(real_site + "/")
    WebDriverWait(browser, 20).until(
        ec.presence_of_element_located((By.ID, "home-count-datasets")))
    tile = browser.find_element(By.ID, "home-count-datasets").text
    box = browser.find_element(By.ID, "home-kpi-published").text
    browser.get(real_site + "/kpi")
    page = WebDriverWait(browser, 20).until(
        ec.presence_of_element_located((By.ID, "kpi-count"))).text
    assert (stats["datasets"], kpi["published_datasets"]["count"], tile, box, page) == (
        12, 12, "12", "公開データセット数 12 件", "12")


def test_english_kpi_page_has_no_horizontal_scroll_at_375_px(phone: WebDriver,
                                                             real_site: str) -> None:
    phone.get(real_site + "/en/kpi")
    WebDriverWait(phone, 20).until(ec.presence_of_element_located((By.ID, "kpi-count-chart")))
    assert phone.execute_script("return document.documentElement.scrollWidth") <= 375




@needs_axe
@pytest.mark.parametrize("path", ["/en/kpi", "/en/", "/en/datasets/dx-kpi-targets"])
def test_english_pages_of_the_real_catalog_pass_axe(browser: WebDriver, real_site: str,
                                                    path: str) -> None:
    browser.get(real_site + path)
    WebDriverWait(browser, 20).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
    if path == "/en/kpi":
        WebDriverWait(browser, 20).until(
            ec.presence_of_element_located((By.ID, "kpi-count-chart")))
    violations = serious(axe_violations(browser))
    assert violations == []
