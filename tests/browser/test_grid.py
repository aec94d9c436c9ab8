"""The preview grid (dash-ag-grid) in Chromium: pages, sorts and filters on the server, speaks
Japanese, works from the keyboard, and loads its script only where there is a grid."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import axe_violations, needs_axe, scroll_to_preview

pytestmark = pytest.mark.browser
POPULATION = (Path(__file__).resolve().parents[1]
              / "data/catalog/datasets/generated-population/population.csv")


def _column(driver: WebDriver, name: str) -> list[str]:
    """The visible cells of a column, in row order."""
    return list(driver.execute_script("""
        const rows = [...document.querySelectorAll(
            '#preview-table .ag-center-cols-container .ag-row:not(.ag-row-loading)')];
        rows.sort((a, b) => Number(a.getAttribute('row-index')) -
                            Number(b.getAttribute('row-index')));
        return rows.map(r => {
            const cell = [...r.querySelectorAll('.ag-cell')].find(
                c => c.getAttribute('col-id') === arguments[0]);
            return cell ? cell.textContent.trim() : '';
        });""", name))


def _callbacks(driver: WebDriver) -> int:
    return int(driver.execute_script(
        "return performance.getEntriesByType('resource').filter("
        "e => e.name.includes('_dash-update-component')).length"))


def _asked_the_server(driver: WebDriver, before: int) -> None:
    """A callback request was made since ``before`` (resource timings are recorded a moment
    after the response is used)."""
    WebDriverWait(driver, 5).until(lambda d: _callbacks(d) > before)


def _severe(driver: WebDriver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser")
            if e["level"] == "SEVERE" and "favicon" not in e["message"]]


def _open(driver: WebDriver, url: str) -> None:
    driver.delete_all_cookies()
    driver.get_log("browser")
    driver.get(url)
    scroll_to_preview(driver)
    WebDriverWait(driver, 15).until(lambda d: _column(d, "年")[:1] == ["2015"])


def test_the_grid_pages_on_the_server(browser: WebDriver, live_url: str) -> None:
    _open(browser, live_url + "/datasets/generated-population")
    # Only the first page is in the browser: 10 of the 50 rows.
    assert _column(browser, "年") == ["2015"] * 5 + ["2016"] * 5
    panel = browser.find_element(By.CSS_SELECTOR, "#preview-table .ag-paging-panel")
    assert "ページ 1 / 5" in " ".join(panel.text.split())
    for _ in range(2):
        before, first = _callbacks(browser), _column(browser, "年")
        browser.find_element(By.CSS_SELECTOR,
                             '#preview-table .ag-paging-button[aria-label="次のページ"]').click()
        WebDriverWait(browser, 15).until(lambda d, f=first: _column(d, "年") != f)
        _asked_the_server(browser, before)  # the rows came from the server
    # Rows 21–30 of the file exist only on page 3.
    assert _column(browser, "年") == ["2019"] * 5 + ["2020"] * 5
    assert "ページ 3 / 5" in " ".join(panel.text.split())
    assert _severe(browser) == []


def test_the_grid_sorts_and_filters_on_the_server(browser: WebDriver, live_url: str) -> None:
    _open(browser, live_url + "/datasets/generated-population")
    before = _callbacks(browser)
    header = browser.find_element(By.CSS_SELECTOR,
                                  '#preview-table .ag-header-cell[col-id="人口"]')
    header.find_element(By.CSS_SELECTOR, ".ag-header-cell-label").click()  # ascending
    header.find_element(By.CSS_SELECTOR, ".ag-header-cell-label").click()  # descending
    # The largest of all 50 rows, not of the first page only. Wait for the whole page: while
    # the server answers, the grid shows blank cells.
    everything = pd.read_csv(POPULATION, encoding="utf-8-sig")["人口"]
    largest = [str(v) for v in sorted(everything, reverse=True)[:10]]
    WebDriverWait(browser, 15).until(lambda d: _column(d, "人口") == largest)
    _asked_the_server(browser, before)
    before = _callbacks(browser)
    box = browser.find_element(By.CSS_SELECTOR, '#preview-table .ag-floating-filter[aria-colindex="2"] input')
    box.send_keys("東部")
    WebDriverWait(browser, 15).until(lambda d: set(_column(d, "地区")) == {"東部"})
    panel = browser.find_element(By.CSS_SELECTOR, "#preview-table .ag-paging-panel")
    WebDriverWait(browser, 15).until(lambda d: "ページ 1 / 1" in " ".join(panel.text.split()))
    assert len(_column(browser, "地区")) == 10
    _asked_the_server(browser, before)
    assert _severe(browser) == []


def test_the_grid_is_used_from_the_keyboard(browser: WebDriver, live_url: str) -> None:
    _open(browser, live_url + "/datasets/generated-population")
    caption = browser.find_element(By.ID, "preview-caption")
    browser.execute_script("arguments[0].setAttribute('tabindex', '-1'); arguments[0].focus()",
                           caption)
    focused = browser.switch_to.active_element
    for _ in range(30):  # Tab from the caption until the focus is inside the grid
        focused.send_keys(Keys.TAB)
        focused = browser.switch_to.active_element
        if browser.execute_script(
                "return document.getElementById('preview-table').contains(arguments[0])",
                focused):
            break
    assert browser.execute_script(
        "return document.getElementById('preview-table').contains(arguments[0])", focused)
    # Into the cells with the arrow keys, then sort the column from its header with Enter.
    header = browser.find_element(By.CSS_SELECTOR,
                                  '#preview-table .ag-header-cell[col-id="年"]')
    header.click()
    time.sleep(0.3)
    active = browser.switch_to.active_element
    active.send_keys(Keys.ENTER)  # descending after the click's ascending
    WebDriverWait(browser, 15).until(lambda d: _column(d, "年")[:1] == ["2024"])
    cell = browser.switch_to.active_element
    for _ in range(3):  # past the filter row, into the first row of cells
        cell.send_keys(Keys.ARROW_DOWN)
        cell = browser.switch_to.active_element
        if "ag-cell" in (cell.get_attribute("class") or "").split():
            break
    assert "ag-cell" in (cell.get_attribute("class") or "").split()
    assert cell.text == "2024"


def test_the_grid_speaks_english_on_the_english_page(browser: WebDriver,
                                                     live_url: str) -> None:
    browser.delete_all_cookies()
    browser.get(live_url + "/en/datasets/generated-population")
    scroll_to_preview(browser)
    panel = browser.find_element(By.CSS_SELECTOR, "#preview-table .ag-paging-panel")
    WebDriverWait(browser, 15).until(lambda d: "Page 1 of 5" in " ".join(panel.text.split()))
    assert browser.find_elements(By.CSS_SELECTOR,
                                 '#preview-table .ag-paging-button[aria-label="Next Page"]')


@needs_axe
def test_the_grid_after_sorting_and_filtering_has_no_serious_axe_finding(
        browser: WebDriver, live_url: str) -> None:
    _open(browser, live_url + "/datasets/generated-population")
    browser.find_element(By.CSS_SELECTOR, '#preview-table .ag-header-cell[col-id="人口"] '
                                          ".ag-header-cell-label").click()
    browser.find_element(By.CSS_SELECTOR, "#preview-table .ag-floating-filter input").send_keys(
        "2020")
    WebDriverWait(browser, 15).until(lambda d: set(_column(d, "年")) == {"2020"})
    result = axe_violations(browser, "document.getElementById('preview-slot')")
    assert [v for v in result if v["impact"] in ("serious", "critical")] == []


def test_pages_without_a_grid_do_not_load_its_script(browser: WebDriver, live_url: str) -> None:
    for path in ("/", "/datasets", "/kpi"):
        browser.get(live_url + path)
        WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "main h1"))
        WebDriverWait(browser, 15).until(
            lambda d: d.execute_script("return document.readyState") == "complete")
        time.sleep(0.3)
        loaded = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
            ".filter(n => n.includes('dash_ag_grid'))")
        assert loaded == [], path
