"""Bytes transferred on a first visit: the real catalog served by gunicorn, each page opened
in a fresh headless Chromium profile (nothing cached), every response's encoded length summed
as the browser's network layer reports it (headers and compressed bodies).

    python -m bench.transfer [PATH ...]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from bench.server import ROOT, portal_server
from portal.publishing.pipeline import build
from portal.web.static import PLOTLY_URL

# What a visitor sees first, a dataset page that draws a chart and one that draws a map (the
# heaviest kinds). A dataset page's preview grid, chart and map are drawn when the reader
# scrolls to them; "…#grid" and "…#scrolled" measure the same visit after scrolling to the
# grid or to the chart or map (a map's tiles come from 地理院タイル, another origin, and are
# not counted).
GRID_CELL = "#preview-table .ag-row .ag-cell"
PAGES = {"/": "main h1", "/datasets/dx-kpi-targets": "[data-lazy-grid]",
         "/datasets/dx-kpi-targets#grid": GRID_CELL,
         "/datasets/dx-kpi-targets#scrolled": "#dataset-chart .main-svg",
         "/datasets/kanuma-postal-codes": "[data-lazy-grid]",
         "/datasets/kanuma-postal-codes#grid": GRID_CELL,
         "/datasets/kanuma-evacuation-sites": "[data-lazy-grid]",
         "/datasets/kanuma-evacuation-sites#scrolled":
             "#dataset-map.map-drawn path.leaflet-interactive",
         "/kpi": "#kpi-count-chart .main-svg", "/datasets": "main h1"}
SCROLL_TO = {"scrolled": "[data-lazy-figure]", "grid": "[data-lazy-grid]"}
TARGET_BYTES = 600_000


def _browser(profile: Path) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", f"--user-data-dir={profile}", "--window-size=1280,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


def first_visit(origin: str, path: str, ready: str) -> dict[str, int]:
    profile = Path(tempfile.mkdtemp(prefix="bench-chromium-"))
    driver = _browser(profile)
    try:
        page, _, then = path.partition("#")
        driver.get(origin + page)
        if then in SCROLL_TO:
            slot = WebDriverWait(driver, 30).until(
                lambda d: d.find_elements(By.CSS_SELECTOR, SCROLL_TO[then]))[0]
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", slot)
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ready))
        # Let late requests (callbacks, lazily loaded chunks) finish before counting.
        time.sleep(1.0)
        urls: dict[str, str] = {}
        finished: dict[str, int] = {}
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message["params"]
            if message["method"] == "Network.requestWillBeSent":
                urls[params["requestId"]] = params["request"]["url"]
            elif message["method"] == "Network.loadingFinished":
                finished[params["requestId"]] = int(params["encodedDataLength"])
        # Only the portal's own responses: not the browser's internal pages.
        ours = [size for request, size in finished.items()
                if urls.get(request, "").startswith(origin)]
        return {"bytes": sum(ours), "requests": len(ours)}
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _static_sizes(origin: str, pages: list[str]) -> dict[tuple[str, str], int]:
    urls = {PLOTLY_URL}
    for page in pages:
        with urllib.request.urlopen(origin + page) as response:  # noqa: S310 (loopback)
            html = response.read().decode("utf-8")
        urls |= set(re.findall(r'(?:src|href)="(/(?:_dash-component-suites|assets)/[^"]+)"', html))
    sizes = {}
    for url in sorted(urls):
        for encoding in ("br", "gzip"):
            request = urllib.request.Request(origin + url, headers={"Accept-Encoding": encoding})
            with urllib.request.urlopen(request) as response:  # noqa: S310 (loopback)
                sizes[(url, encoding)] = len(response.read())
    return sizes


def warm(origin: str, pages: list[str], timeout: float = 60.0) -> None:
    """Measure the steady state: each worker answers its first requests for a script with a
    fast compression and keeps the best one once it is ready in the background. Ask until
    every worker answers the same sizes three times running."""
    deadline = time.monotonic() + timeout
    seen: list[dict[tuple[str, str], int]] = []
    while time.monotonic() < deadline:
        seen.append(_static_sizes(origin, pages))
        if len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]:
            return
        time.sleep(1.0)


def run(paths: list[str] | None = None) -> dict[str, dict[str, int]]:
    root = Path(tempfile.mkdtemp(prefix="portal-transfer-"))
    try:
        out = root / "build"
        assert build(ROOT / "catalog.yaml", out).exit_code == 0
        with portal_server(out) as base:
            warm(base, sorted({p.partition("#")[0] for p in paths or list(PAGES)}))
            return {path: first_visit(base, path, PAGES.get(path, "main h1"))
                    for path in paths or list(PAGES)}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    print(json.dumps(run(args.paths), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
