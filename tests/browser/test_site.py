"""The site as a person uses it, in headless Chromium."""

from __future__ import annotations

import io
import urllib.request

import pandas as pd
import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser


def _wait_for(driver: WebDriver, css: str, timeout: float = 15):  # noqa: ANN202
    return WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _severe_console_errors(driver: WebDriver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and "favicon" not in entry["message"]]


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
    browser.find_element(By.PARTIAL_LINK_TEXT, "人口・世帯").click()
    WebDriverWait(browser, 15).until(ec.url_contains("category=population"))
    WebDriverWait(browser, 15).until(
        lambda d: "1 件のデータセット" in d.find_element(By.TAG_NAME, "main").text)
    browser.find_element(By.CSS_SELECTOR, "article h3 a").click()
    WebDriverWait(browser, 15).until(ec.url_contains("/datasets/generated-population"))
    heading = _wait_for(browser, "main h1")
    assert heading.text == "生成された地区別人口(テスト用)"
    assert browser.title.startswith("生成された地区別人口(テスト用)")
    link = browser.find_element(By.LINK_TEXT, "CSV (UTF-8)").get_attribute("href")
    with urllib.request.urlopen(link) as response:  # noqa: S310 — loopback test server
        frame = pd.read_csv(io.BytesIO(response.read()))
    assert list(frame.columns) == ["年", "地区", "人口", "世帯数"] and len(frame) == 50
    browser.back()
    WebDriverWait(browser, 15).until(ec.url_contains("category=population"))
    assert _severe_console_errors(browser) == []


def test_switch_to_english_is_remembered(browser: WebDriver, live_url: str) -> None:
    browser.delete_all_cookies()
    browser.get(live_url + "/datasets/generated-facilities")
    _wait_for(browser, "main h1")
    browser.find_element(By.ID, "language-switch").click()
    WebDriverWait(browser, 15).until(
        lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    heading = _wait_for(browser, "main h1")
    assert heading.text == "Generated facilities (test data)"
    browser.get(live_url + "/")
    _wait_for(browser, "main h1")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "Published datasets" in browser.find_element(By.TAG_NAME, "main").text
    browser.delete_all_cookies()


def test_unknown_paths_show_the_404_page_with_status_404(browser: WebDriver,
                                                        live_url: str) -> None:
    for path in ("/no-such-page", "/datasets/no-such-dataset"):
        try:
            urllib.request.urlopen(live_url + path)  # noqa: S310
            raise AssertionError(f"{path} did not answer 404")
        except urllib.error.HTTPError as error:
            assert error.code == 404
        browser.get(live_url + path)
        heading = _wait_for(browser, "main h1")
        assert heading.text == "ページが見つかりません"


@pytest.mark.parametrize("path", ["/", "/datasets", "/datasets/generated-facilities",
                                  "/about", "/developers"])
def test_no_horizontal_scroll_at_375_px(phone: WebDriver, live_url: str, path: str) -> None:
    phone.get(live_url + path)
    _wait_for(phone, "main h1")
    width = phone.execute_script("return document.documentElement.scrollWidth")
    assert width <= 375
