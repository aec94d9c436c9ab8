"""The map of a dataset with positions, on the real catalog: Kanuma's evacuation sites."""

from __future__ import annotations

import json
import shutil
import threading
import time
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
from tests.browser.conftest import axe_violations, needs_axe, scroll_to_figures, scroll_to_preview

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests/.artifacts"
SITES = "/datasets/kanuma-evacuation-sites"
SHELTERS = "/datasets/kanuma-evacuation-shelters"
MARKERS = "#dataset-map.map-drawn path.leaflet-interactive"
# python -m bench's targets for a first visit: pages with a preview grid load AG Grid.
BUDGET = 600_000
BUDGET_WITH_GRID = 1_000_000


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory, tile_url: str) -> Iterator[str]:
    root = tmp_path_factory.mktemp("real-site")
    shutil.copy(ROOT / "catalog.yaml", root / "catalog.yaml")
    shutil.copytree(ROOT / "datasets", root / "datasets")
    assert build(root / "catalog.yaml", root / "build").exit_code == 0
    app = create_app(load_settings({}, build_dir=root / "build", cache_dir=root / "cache",
                                   map_tiles=tile_url))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _wait(driver: WebDriver, css: str, timeout: float = 20):  # noqa: ANN202
    return WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _resources(driver: WebDriver) -> list[dict]:  # type: ignore[type-arg]
    return driver.execute_script("""
        const nav = performance.getEntriesByType('navigation')[0];
        return [nav, ...performance.getEntriesByType('resource')].map(
            e => ({name: e.name, transfer: e.transferSize}));""")


def _errors(driver: WebDriver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser")
            if e["level"] == "SEVERE" and "favicon" not in e["message"]]


def _open_map(driver: WebDriver, url: str) -> None:
    driver.get(url)
    scroll_to_preview(driver)
    scroll_to_figures(driver)
    _wait(driver, MARKERS)
    _wait(driver, "#dataset-map .leaflet-tile-loaded")


def test_the_map_is_drawn_after_scrolling_and_a_site_shows_its_attributes(
        browser: WebDriver, real_site: str, tile_url: str) -> None:
    browser.delete_all_cookies()
    browser.get_log("browser")
    browser.set_window_size(1280, 500)
    try:
        browser.get(real_site + SITES)
        _wait(browser, "#dataset-map-summary")
        time.sleep(0.5)
        # Before the reader scrolls down: the text alternative, no Leaflet, no tiles.
        assert browser.find_element(By.ID, "dataset-map-summary").text.startswith(
            "65 地点、範囲 北緯 36.4724°〜36.6414°、東経 139.5423°〜139.8156°。")
        assert [r["name"] for r in _resources(browser) if "on-demand" in r["name"]] == []
        assert browser.find_elements(By.CSS_SELECTOR, "#dataset-map") == []
        scroll_to_figures(browser)
        markers = WebDriverWait(browser, 20).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, MARKERS))
    finally:
        browser.set_window_size(1280, 1000)
    assert len(markers) == 65
    _wait(browser, "#dataset-map .leaflet-tile-loaded")
    tiles = {t.get_attribute("src").split("/xyz/")[0] for t in
             browser.find_elements(By.CSS_SELECTOR, "#dataset-map img.leaflet-tile")}
    assert tiles == {tile_url.split("/xyz/")[0]}
    credit = browser.find_element(By.CSS_SELECTOR, "#dataset-map .leaflet-control-attribution a")
    assert (credit.text, credit.get_attribute("href")) == (
        "地理院タイル", "https://maps.gsi.go.jp/development/ichiran.html")
    # The features are in ID order: the first is 児子沼公園 (E0920500001201).
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", markers[0])
    markers[0].click()
    popup = _wait(browser, ".leaflet-popup-content table")
    cells = {row.find_element(By.TAG_NAME, "th").text: row.find_element(By.TAG_NAME, "td").text
             for row in popup.find_elements(By.TAG_NAME, "tr")}
    assert cells["ID"] == "E0920500001201"
    assert (cells["名称"], cells["所在地_連結表記"]) == ("児子沼公園", "栃木県鹿沼市さつき町14")
    assert cells["災害種別_大規模な火事"] == "1" and "災害種別_洪水" not in cells
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "dataset-evacuation-sites-map.png"))
    assert _errors(browser) == []


@pytest.mark.parametrize(("path", "count"), [(SHELTERS, 58),
                                              ("/datasets/kanuma-town-points", 131)])
def test_the_other_location_datasets_show_every_point(browser: WebDriver, real_site: str,
                                                      path: str, count: int) -> None:
    browser.delete_all_cookies()
    browser.get_log("browser")
    _open_map(browser, real_site + path)
    assert len(browser.find_elements(By.CSS_SELECTOR, MARKERS)) == count
    links = browser.find_elements(By.CSS_SELECTOR, ".map-alternative a")
    assert links[0].get_attribute("href").endswith("#preview-table")
    assert links[1].get_attribute("href").endswith(f"{path}.geojson")
    assert _errors(browser) == []


@needs_axe
def test_axe_finds_nothing_serious_on_the_drawn_map(browser: WebDriver, real_site: str) -> None:
    browser.delete_all_cookies()
    _open_map(browser, real_site + SITES)
    browser.find_elements(By.CSS_SELECTOR, MARKERS)[0].click()
    _wait(browser, ".leaflet-popup-content table")
    result = axe_violations(browser)
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)


def test_the_map_fits_a_375_px_phone(phone: WebDriver, real_site: str) -> None:
    _open_map(phone, real_site + SITES)
    canvas = phone.find_element(By.CSS_SELECTOR, "#dataset-map .map-canvas")
    assert 300 <= canvas.size["width"] <= 375
    assert phone.execute_script("return document.documentElement.scrollWidth") <= 375
    ARTIFACTS.mkdir(exist_ok=True)
    phone.save_screenshot(str(ARTIFACTS / "phone-dataset-evacuation-sites-map.png"))


@pytest.mark.parametrize("path", ["/", "/datasets/kanuma-postal-codes",
                                  "/datasets/dx-kpi-targets"])
def test_pages_without_a_map_fetch_no_leaflet_and_keep_their_budget(
        browser: WebDriver, real_site: str, path: str) -> None:
    browser.delete_all_cookies()
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.clearBrowserCache", {})
    browser.get(real_site + path)
    _wait(browser, "main h1")
    if path.startswith("/datasets/"):
        _wait(browser, "#preview-table .ag-row .ag-cell")
    time.sleep(0.5)
    assert browser.find_elements(By.CSS_SELECTOR, "[data-lazy-figure=dataset-map]") == []
    resources = _resources(browser)
    assert [r["name"] for r in resources if "on-demand" in r["name"]] == []
    budget = BUDGET_WITH_GRID if path.startswith("/datasets/") else BUDGET
    assert sum(r["transfer"] for r in resources) < budget


def test_the_english_page_labels_its_map_in_english(browser: WebDriver, real_site: str) -> None:
    browser.delete_all_cookies()
    browser.get_log("browser")
    _open_map(browser, real_site + "/en" + SITES)
    assert browser.find_element(By.ID, "dataset-map-summary").text.startswith(
        "65 features between latitude 36.4724° and 36.6414° N")
    canvas = browser.find_element(By.CSS_SELECTOR, "#dataset-map .map-canvas")
    assert canvas.get_attribute("aria-label") == (
        "Map of Designated emergency evacuation sites of Kanuma City")
    zoom = browser.find_element(By.CSS_SELECTOR, "#dataset-map .leaflet-control-zoom-in")
    assert zoom.get_attribute("aria-label") == "Zoom in"
    assert _errors(browser) == []
