"""The real thing once: `portal serve` (gunicorn, the project's config) logs requests, and
`portal usage` counts that log."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from bench.server import free_port, wait_until_up
from portal.cli import main

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "fork"), reason="gunicorn needs fork")]


def get(url: str, **headers: str) -> int:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_portal_usage_counts_what_gunicorn_logged(built: Path, tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "access.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PORTAL_CACHE_DIR": str(tmp_path / "cache")}
    with log.open("w") as access:
        process = subprocess.Popen(
            [sys.executable, "-m", "portal.cli", "serve", "--host", "127.0.0.1", "--port",
             str(port), "--build", str(built), "--workers", "1"],
            cwd=tmp_path, env=env, stdout=access, stderr=subprocess.DEVNULL)
        try:
            wait_until_up(f"{base}/healthz", timeout=60)
            browser = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
            assert get(f"{base}/datasets/generated-facilities", **{"User-Agent": browser}) == 200
            assert get(f"{base}/en/datasets/generated-facilities",
                       **{"User-Agent": browser}) in (200, 404)  # /en/ may not exist yet
            assert get(f"{base}/datasets/generated-facilities.csv",
                       **{"User-Agent": browser}) == 200
            with urllib.request.urlopen(f"{base}/datasets/generated-facilities.csv") as r:
                etag = r.headers["ETag"]
            assert get(f"{base}/datasets/generated-facilities.csv",
                       **{"User-Agent": browser, "If-None-Match": etag}) == 304
            for part in ("bytes=0-99", "bytes=100-199"):
                assert get(f"{base}/datasets/generated-population.csv",
                           **{"User-Agent": browser, "Range": part}) == 206
            assert get(f"{base}/api/v1/datasets/generated-population/rows?_size=1",
                       **{"User-Agent": "curl/8.5.0"}) == 200
            assert get(f"{base}/datasets/generated-population",
                       **{"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"}) == 200
            assert get(f"{base}/datasets/no-such-dataset", **{"User-Agent": browser}) == 404
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    out = tmp_path / "usage.csv"
    assert main(["usage", str(log), "--out", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = {r["dataset"]: r for r in csv.DictReader(handle)}
    facilities, population = rows["generated-facilities"], rows["generated-population"]
    # The /en/ page counts when it is served (200); a 404 never counts.
    en_page = 1 if '"GET /en/datasets/generated-facilities HTTP/1.1" 200' in log.read_text() \
        else 0
    # The urllib download without a user agent of a browser (Python-urllib) counts as well:
    # it is a person's script, not a crawler.
    assert (facilities["page_views"], facilities["downloads_csv"]) == (str(1 + en_page), "2")
    assert (population["page_views"], population["downloads_csv"],
            population["api_requests"]) == ("0", "1", "1")
    assert set(rows) == {"generated-facilities", "generated-population"}
