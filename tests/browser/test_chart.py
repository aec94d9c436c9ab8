"""The chart builder in Chromium: a chosen chart is drawn and its address draws it again, the
KPI dataset's default chart, axe and a 375 px phone."""

from __future__ import annotations

import json
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from portal.app import create_app
from portal.config import load_settings
from portal.publishing.pipeline import build
from tests.browser.conftest import _driver, axe_violations, needs_axe, scroll_to_figures

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests/.artifacts"
CHOSEN = "/datasets/generated-population/chart?type=bar&x=地区&y=人口&agg=max&年__gte=2020"


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The repository's own catalog, for the KPI datasets."""
    root = tmp_path_factory.mktemp("chart-real-site")
    shutil.copy(ROOT / "catalog.yaml", root / "catalog.yaml")
    shutil.copytree(ROOT / "datasets", root / "datasets")
    assert build(root / "catalog.yaml", root / "build").exit_code == 0
    app = create_app(load_settings({}, build_dir=root / "build", cache_dir=root / "cache"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _drawn(driver: WebDriver) -> dict[str, object]:
    """What the drawn chart shows: its x tick labels, bars, legend, summary and table."""
    scroll_to_figures(driver)
    WebDriverWait(driver, 20).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, "#dataset-chart .main-svg")))
    return driver.execute_script("""
        const chart = document.getElementById('dataset-chart');
        const texts = s => [...chart.querySelectorAll(s)].map(e => e.textContent);
        const first = chart.querySelector('.barlayer .trace');
        return {ticks: texts('.xtick text'),
                bars: first ? first.querySelectorAll('.point').length : 0,
                legend: texts('.legendtext'),
                summary: document.getElementById('chart-summary').textContent,
                table: [...document.querySelectorAll('#chart-table tr')].map(
                    r => [...r.children].map(c => c.textContent))};""")


def test_the_builder_draws_a_chosen_chart_and_its_address_draws_it_again(
        browser: WebDriver, live_url: str) -> None:
    browser.delete_all_cookies()
    browser.get(live_url + "/datasets/generated-population")
    form = WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.ID, "chart-form")))
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", form)
    Select(browser.find_element(By.ID, "chart-field-type")).select_by_value("bar")
    Select(browser.find_element(By.ID, "chart-field-x")).select_by_value("地区")
    Select(browser.find_element(By.ID, "chart-field-y")).select_by_value("人口")
    Select(browser.find_element(By.ID, "chart-field-agg")).select_by_value("max")
    Select(browser.find_element(By.ID, "chart-field-color")).select_by_value("")
    Select(browser.find_element(By.ID, "chart-field-filter-column")).select_by_value("年")
    Select(browser.find_element(By.ID, "chart-field-filter-op")).select_by_value("gte")
    browser.find_element(By.ID, "chart-field-filter-value").send_keys("2020")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 20).until(ec.url_contains("/datasets/generated-population/chart?"))
    asked = dict(parse_qsl(urlsplit(browser.current_url).query))
    assert {k: asked[k] for k in ("type", "x", "y", "agg")} == {
        "type": "bar", "x": "地区", "y": "人口", "agg": "max"}
    drawn = _drawn(browser)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "chart-chosen.png"))
    assert drawn["ticks"] == ["中央", "北部", "南部", "東部", "西部"] and drawn["bars"] == 5
    assert drawn["table"] == [["地区", "人口"], ["中央", "23,493"], ["北部", "23,287"],
                              ["南部", "28,902"], ["東部", "24,476"], ["西部", "26,896"]]
    assert drawn["summary"] == ("棒グラフ: 地区ごとの人口の最大(5 区分、1 系列)。"
                                "最大は南部の 28,902、最小は北部の 23,287。")
    # The form's filter row became the rows API's filter in the chart's own address.
    link = browser.find_element(By.ID, "chart-csv").get_attribute("href")
    assert "%E5%B9%B4__gte=2020" in link
    # A fresh browser (no cookies, no history) at the same address draws the same chart.
    fresh = _driver(1280, 1000)
    try:
        fresh.get(live_url + CHOSEN)
        assert _drawn(fresh) == drawn
    finally:
        fresh.quit()


def test_kpi_default_chart_is_one_indicator_over_fiscal_year_categories(
        browser: WebDriver, real_site: str) -> None:
    browser.delete_all_cookies()
    browser.get(real_site + "/datasets/dx-kpi-targets")
    drawn = _drawn(browser)
    browser.save_screenshot(str(ARTIFACTS / "chart-kpi-default.png"))
    assert drawn["ticks"] == ["令和5年度", "令和6年度", "令和7年度", "令和8年度"]
    assert drawn["legend"] == ["目標値", "実績値"] and drawn["bars"] == 4
    # The first indicator with an actual value: the published-dataset count (KPI 3-2), whose
    # actual for this fiscal year is the portal's live count, as /api/v1/kpi says.
    with urllib.request.urlopen(real_site + "/api/v1/kpi") as response:  # noqa: S310
        count = json.load(response)["published_datasets"]["count"]
    assert drawn["table"][1:] == [["令和5年度", "200", ""], ["令和6年度", "220", ""],
                                  ["令和7年度", "240", ""], ["令和8年度", "260", str(count)]]
    filters = browser.find_element(By.CSS_SELECTOR, "#chart-form fieldset ul").text
    assert filters.startswith("KPI番号 = 3-2")


@needs_axe
@pytest.mark.parametrize("path", [CHOSEN, "/en" + CHOSEN,
                                  "/datasets/generated-population/chart?x=地区&y=年"])
def test_chart_pages_have_no_serious_axe_violation(browser: WebDriver, live_url: str,
                                                   path: str) -> None:
    browser.delete_all_cookies()
    browser.get(live_url + path)
    WebDriverWait(browser, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
    if "y=年" in path:
        error = WebDriverWait(browser, 20).until(
            ec.presence_of_element_located((By.ID, "chart-error")))
        assert "列「年」は数量ではないため集計できません" in error.text
    else:
        _drawn(browser)
    result = axe_violations(browser)
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("path", [CHOSEN, "/datasets/dx-kpi-targets",
                                  "/en/datasets/dx-kpi-targets/chart"])
def test_nothing_scrolls_sideways_at_375_px(phone: WebDriver, live_url: str, real_site: str,
                                            path: str) -> None:
    phone.get((real_site if "kpi" in path else live_url) + path)
    _drawn(phone)
    for details in phone.find_elements(By.CSS_SELECTOR, "#chart-section details, main details"):
        phone.execute_script("arguments[0].open = true;", details)
    width = phone.execute_script("return document.documentElement.scrollWidth")
    phone.save_screenshot(str(ARTIFACTS / f"chart-phone{path.replace('/', '-')[:60]}.png"))
    assert width <= 375
