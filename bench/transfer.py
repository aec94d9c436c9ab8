"""Bytes transferred on a first visit: the real catalog served by gunicorn, each page opened
in a fresh headless Chromium profile (nothing cached), every response's encoded length summed
as the browser's network layer reports it (headers and compressed bodies).

    python -m bench.transfer [PATH ...]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from bench.server import ROOT, portal_server
from portal.build.pipeline import build

# What a visitor sees first, and a dataset page that draws a chart (the heaviest kind).
PAGES = {"/": "main h1", "/datasets/dx-kpi-targets": "#dataset-chart .main-svg",
         "/datasets/kanuma-postal-codes": "main h1", "/kpi": "#kpi-count-chart .main-svg"}
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
        driver.get(origin + path)
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


def run(paths: list[str] | None = None) -> dict[str, dict[str, int]]:
    root = Path(tempfile.mkdtemp(prefix="portal-transfer-"))
    try:
        out = root / "build"
        assert build(ROOT / "catalog.yaml", out).exit_code == 0
        with portal_server(out) as base:
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
