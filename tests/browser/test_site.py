"""The site as a person uses it, in headless Chromium."""

from __future__ import annotations

import io
import json
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
import requests
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import scroll_to_figures, scroll_to_preview

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[1] / ".artifacts"


def _screenshot(driver: WebDriver, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def _wait_for(driver: WebDriver, css: str, timeout: float = 15):  # noqa: ANN202
    return WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _severe_console_errors(driver: WebDriver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and "favicon" not in entry["message"]
            and "tile" not in entry["message"]]


def test_search_in_japanese_narrow_open_and_download(browser: WebDriver, live_url: str) -> None:
    browser.delete_all_cookies()
    browser.get_log("browser")  # drop what earlier tests left (e.g. their deliberate 404s)
    browser.get(live_url + "/")
    box = _wait_for(browser, "#search-q")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    box.send_keys("テスト" + Keys.ENTER)
    WebDriverWait(browser, 15).until(ec.url_contains("/datasets?q="))
    _wait_for(browser, "article h3 a")
    assert "2 件のデータセット" in browser.find_element(By.TAG_NAME, "main").text
    _screenshot(browser, "datasets-search-ja")
    browser.find_element(By.PARTIAL_LINK_TEXT, "人口・世帯").click()
    WebDriverWait(browser, 15).until(ec.url_contains("category=population"))
    WebDriverWait(browser, 15).until(
        lambda d: "1 件のデータセット" in d.find_element(By.TAG_NAME, "main").text)
    browser.find_element(By.CSS_SELECTOR, "article h3 a").click()
    WebDriverWait(browser, 15).until(ec.url_contains("/datasets/generated-population"))
    heading = _wait_for(browser, "main h1")
    assert heading.text == "生成された地区別人口(テスト用)"
    assert browser.title.startswith("生成された地区別人口(テスト用)")
    scroll_to_figures(browser)
    _wait_for(browser, "#dataset-chart .main-svg")
    _screenshot(browser, "dataset-population-ja")
    link = browser.find_element(By.LINK_TEXT, "CSV (UTF-8)").get_attribute("href")
    with urllib.request.urlopen(link) as response:  # noqa: S310 — loopback test server
        frame = pd.read_csv(io.BytesIO(response.read()))
    assert list(frame.columns) == ["年", "地区", "人口", "世帯数"] and len(frame) == 50
    browser.back()
    WebDriverWait(browser, 15).until(ec.url_contains("category=population"))
    assert _severe_console_errors(browser) == [], "\n".join(_severe_console_errors(browser))


def test_unknown_paths_show_the_404_page_with_status_404(browser: WebDriver,
                                                        live_url: str) -> None:
    for path in ("/no-such-page", "/datasets/no-such-dataset"):
        assert requests.get(live_url + path, timeout=10).status_code == 404
        browser.get(live_url + path)
        heading = _wait_for(browser, "main h1")
        assert heading.text == "ページが見つかりません"
    _screenshot(browser, "not-found-ja")


@pytest.mark.parametrize("path", ["/", "/datasets", "/datasets/generated-facilities",
                                  "/datasets/generated-population", "/about", "/developers",
                                  "/en/", "/en/datasets", "/en/datasets/generated-facilities"])
def test_no_horizontal_scroll_at_375_px(phone: WebDriver, live_url: str, path: str) -> None:
    phone.get(live_url + path)
    _wait_for(phone, "main h1")
    if "/datasets/" in path:
        scroll_to_preview(phone)  # the grid scrolls inside its own box, never the page
    width = phone.execute_script("return document.documentElement.scrollWidth")
    _screenshot(phone, "phone" + (path.replace("/", "-") if path != "/" else "-home"))
    assert width <= 375


def _resources(driver: WebDriver) -> list[dict]:  # type: ignore[type-arg]
    return driver.execute_script("""
        const nav = performance.getEntriesByType('navigation')[0];
        return [nav, ...performance.getEntriesByType('resource')].map(
            e => ({name: e.name, transfer: e.transferSize, body: e.decodedBodySize}));""")


def test_plotly_loads_only_on_pages_with_a_chart(browser: WebDriver, live_url: str) -> None:
    browser.delete_all_cookies()
    sizes = {}
    browser.get(live_url + "/")
    _wait_for(browser, "main h1")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script(
        "return document.readyState") == "complete")
    home = _resources(browser)
    assert [r["name"] for r in home if "plotly" in r["name"]] == []
    _screenshot(browser, "home-ja")
    # A short window, so the map is well below what is on screen.
    browser.set_window_size(1280, 500)
    try:
        browser.get(live_url + "/datasets/generated-facilities")
        _wait_for(browser, "[data-lazy-grid]")
        time.sleep(0.5)
        # Until the reader scrolls down to the map, plotly.js is not fetched.
        assert [r["name"] for r in _resources(browser) if "plotly" in r["name"]] == []
        assert browser.find_elements(By.CSS_SELECTOR, "#dataset-map") == []
        scroll_to_figures(browser)
    finally:
        browser.set_window_size(1280, 1000)
    _wait_for(browser, "#dataset-chart .main-svg")
    _wait_for(browser, "#dataset-map.map-drawn .leaflet-tile-loaded")
    dataset = _resources(browser)
    assert [r["name"] for r in dataset if "plotly" in r["name"]] != []
    # The map brings Leaflet; the home page did not.
    assert [r["name"] for r in dataset if "/assets/on-demand/leaflet.js" in r["name"]] != []
    assert [r["name"] for r in home if "/assets/on-demand/" in r["name"]] == []
    _screenshot(browser, "dataset-facilities-map")
    for name, entries in (("home", home), ("dataset", dataset)):
        sizes[name] = {"transferred": sum(r["transfer"] for r in entries),
                       "decoded": sum(r["body"] for r in entries), "requests": len(entries)}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "transfer.json").write_text(json.dumps(sizes, indent=1), encoding="utf-8")
    # Compressed responses: what travels is well under what the browser decodes.
    assert sizes["home"]["transferred"] < sizes["home"]["decoded"] / 2
