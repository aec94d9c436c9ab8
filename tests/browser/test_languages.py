"""Two languages, two URLs: a page and its English twin under /en/ link to each other, and
the switch keeps the page and its query."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser


def _wait_for(driver: WebDriver, css: str):  # noqa: ANN202
    return WebDriverWait(driver, 15).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _switch_href(driver: WebDriver, expected: str) -> None:
    """The switch is pointed at the twin once the page knows where it is."""
    WebDriverWait(driver, 15).until(
        lambda d: d.find_element(By.ID, "language-switch").get_attribute("href") == expected)


def _head_links(driver: WebDriver) -> dict[str, str]:
    return driver.execute_script("""
        const found = {};
        for (const l of document.querySelectorAll('link[rel=alternate][hreflang]'))
            found[l.hreflang] = l.href;
        found.canonical = document.querySelector('link[rel=canonical]').href;
        return found;""")


def _severe(driver: WebDriver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser")
            if e["level"] == "SEVERE" and "favicon" not in e["message"]]


def test_a_japanese_page_and_its_english_twin_link_to_each_other(browser: WebDriver,
                                                                  live_url: str) -> None:
    browser.delete_all_cookies()
    browser.get_log("browser")
    ja, en = (live_url + "/datasets/generated-facilities",
              live_url + "/en/datasets/generated-facilities")
    browser.get(ja)
    assert _wait_for(browser, "main h1").text == "生成された施設一覧(テスト用)"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    _switch_href(browser, en)
    assert _head_links(browser) == {"ja": ja, "en": en, "x-default": ja, "canonical": ja}
    browser.get(en)
    assert _wait_for(browser, "main h1").text == "Generated facilities (test data)"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    _switch_href(browser, ja)
    assert _head_links(browser) == {"ja": ja, "en": en, "x-default": ja, "canonical": en}
    assert browser.find_element(By.ID, "english-notice").is_displayed()
    assert _severe(browser) == []


def test_switching_language_keeps_the_page_and_its_query(browser: WebDriver,
                                                         live_url: str) -> None:
    browser.delete_all_cookies()
    browser.get_log("browser")
    browser.get(live_url + "/datasets?q=テスト&category=living")
    _wait_for(browser, "article h3 a")
    assert "1 件のデータセット" in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.ID, "language-switch").click()
    WebDriverWait(browser, 15).until(ec.url_contains("/en/datasets?"))
    assert unquote(browser.current_url) == live_url + "/en/datasets?q=テスト&category=living"
    WebDriverWait(browser, 15).until(
        lambda d: "1 datasets" in d.find_element(By.TAG_NAME, "main").text)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    # Links on the English page stay English.
    card = browser.find_element(By.CSS_SELECTOR, "article h3 a")
    assert card.get_attribute("href") == live_url + "/en/datasets/generated-facilities"
    # Moving within the site keeps the switch on the twin of the page now shown.
    browser.find_element(By.LINK_TEXT, "DX plan KPIs").click()
    WebDriverWait(browser, 15).until(ec.url_to_be(live_url + "/en/kpi"))
    _switch_href(browser, live_url + "/kpi")
    browser.find_element(By.ID, "language-switch").click()
    WebDriverWait(browser, 15).until(ec.url_to_be(live_url + "/kpi"))
    assert _wait_for(browser, "main h1").text == "DX推進計画の KPI"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    assert _severe(browser) == []


def test_the_cookie_never_changes_what_a_url_serves(browser: WebDriver, live_url: str) -> None:
    browser.get(live_url + "/lang/en?next=/about")
    WebDriverWait(browser, 15).until(ec.url_to_be(live_url + "/en/about"))
    browser.get(live_url + "/about")
    assert _wait_for(browser, "main h1").text == "このサイトについて"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    browser.delete_all_cookies()
