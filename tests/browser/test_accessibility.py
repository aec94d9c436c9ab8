"""axe-core in Chromium: no serious or critical WCAG 2.1 AA violation on any page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import axe_violations, needs_axe, scroll_to_figures, scroll_to_preview

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[1] / ".artifacts"
PAGES = ["/", "/datasets", "/datasets?q=テスト&category=living", "/datasets/generated-facilities",
         "/datasets/generated-population", "/about", "/developers", "/kpi", "/no-such-page",
         "/en/", "/en/datasets?q=test", "/en/datasets/generated-facilities", "/en/kpi",
         "/en/no-such-page"]


@needs_axe
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(browser: WebDriver, live_url: str, path: str) -> None:
    browser.delete_all_cookies()
    browser.get(live_url + path)
    WebDriverWait(browser, 15).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
    if "/datasets/generated" in path:
        # Scan the grid and chart too, not the page before they render.
        scroll_to_preview(browser)
        scroll_to_figures(browser)
        WebDriverWait(browser, 15).until(ec.presence_of_element_located(
            (By.CSS_SELECTOR, ".js-plotly-plot .main-svg")))
    result = axe_violations(browser)
    ARTIFACTS.mkdir(exist_ok=True)
    name = path.strip("/").replace("/", "-").replace("?", "-") or "home"
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1),
                                                encoding="utf-8")
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)
