"""axe-core in Chromium: no serious or critical WCAG 2.1 AA violation on any page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import scroll_to_figures, scroll_to_preview

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[1] / ".artifacts"
PAGES = ["/", "/datasets", "/datasets?q=テスト&category=living", "/datasets/generated-facilities",
         "/datasets/generated-population", "/about", "/developers", "/kpi", "/no-such-page",
         "/en/", "/en/datasets?q=test", "/en/datasets/generated-facilities", "/en/kpi",
         "/en/no-such-page"]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by `make test` (npm ci)")
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
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
           .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,
                 nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))));
    """)
    ARTIFACTS.mkdir(exist_ok=True)
    name = path.strip("/").replace("/", "-").replace("?", "-") or "home"
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1),
                                                encoding="utf-8")
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)
